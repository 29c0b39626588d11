import { LIST_SHARDS, fromItem, keyAttributes, listPartition, outboxOf, summaryFromItem, toItem } from '../../../lib/adapters/dynamodb/detector-item';
import { IdWindow, serializeSnapshot } from '../../../lib/engine';
import { fnv1a64 } from '../../../lib/hash';
import type { DetectorWrite } from '../../../lib/ports';
import { snsEffect } from '../dispatch/effects';
import { detectorSnapshot } from '../../support/detector-snapshots';

const T0 = Date.UTC(2026, 0, 1);

function ids(...messageIds: string[]): Uint8Array {
  const window = new IdWindow();
  for (const id of messageIds) window.remember(id, T0);
  return window.encode(0, 100, false).ids;
}

function write(overrides: Partial<DetectorWrite> = {}): DetectorWrite {
  return { key: { model: 'counter', keyValue: 'a' }, expectedVersion: 3, snapshot: detectorSnapshot(), recentIds: ids('m1'), traceCount: 7, effects: [], ...overrides };
}

describe('detector items', () => {
  it('keys a detector by `<model>|<keyValue>`', () => {
    expect(keyAttributes({ model: 'counter', keyValue: 'a' })).toEqual({ pk: { S: 'counter|a' } });
    expect(keyAttributes({ model: 'alarm', keyValue: undefined })).toEqual({ pk: { S: 'alarm|' } });
  });

  it('stores the snapshot as typed JSON with the fields the index and ListDetectors read beside it', () => {
    // Act
    const item = toItem(write(), 4);

    // Assert
    expect(item).toEqual({
      pk: { S: 'counter|a' },
      model: { S: 'counter' },
      keyValue: { S: 'a' },
      version: { N: '4' },
      modelVersion: { S: '1' },
      stateName: { S: 'Counting' },
      snapshot: { S: serializeSnapshot(detectorSnapshot()) },
      ids: { B: ids('m1') },
      traceCount: { N: '7' },
      listPk: { S: listPartition({ model: 'counter', keyValue: 'a' }) },
      listSk: { S: 'a' },
      creationTime: { N: String(detectorSnapshot().creationTime) },
      lastUpdateTime: { N: String(detectorSnapshot().lastUpdateTime) },
    });
  });

  it('leaves out keyValue, recent ids and the outbox when there are none', () => {
    // Act
    const item = toItem(write({ key: { model: 'alarm', keyValue: undefined }, recentIds: new Uint8Array(0), effects: [] }), 1);

    // Assert
    expect(item).not.toHaveProperty('keyValue');
    expect(item).not.toHaveProperty('ids');
    expect(item).not.toHaveProperty('spilledUntil');
    expect(item).not.toHaveProperty('outbox');
    expect(item.listSk).toEqual({ S: '-' });
  });

  it('carries the write’s actions in the outbox, which the change stream reads back', () => {
    // Arrange
    const effects = [snsEffect(), snsEffect()];

    // Act
    const item = toItem(write({ effects }), 4);

    // Assert
    expect(outboxOf(item)).toEqual(effects);
    expect(outboxOf(undefined)).toEqual([]);
    expect(outboxOf(toItem(write(), 4))).toEqual([]);
  });

  it('reads back exactly the detector it stored, Integer and Decimal values included', () => {
    // Act
    const stored = fromItem(toItem(write(), 4));

    // Assert
    expect(stored).toEqual({ key: { model: 'counter', keyValue: 'a' }, version: 4, snapshot: detectorSnapshot(), recentIds: ids('m1'), traceCount: 7 });
  });

  it('keeps until when ids were spilled to the message-ids table', () => {
    // Act
    const item = toItem(write({ spilledUntil: T0 }), 4);

    // Assert
    expect(item.spilledUntil).toEqual({ N: String(T0) });
    expect(fromItem(item).spilledUntil).toBe(T0);
  });

  it('reads the text ids of items written by earlier releases, so a redelivery across an upgrade is still recognised', () => {
    // Arrange: `m1` kept as it was, and a UUID kept as its FNV-1a 64 hash (base 36 halves), seen in
    // minute 29921040: the old text form.
    const uuid = '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d';
    const { high, low } = fnv1a64(uuid);
    const { ids: _ids, ...item } = toItem(write(), 2);
    const legacy = { ...item, recent: { S: `\n@29921040\nm1\n#${high.toString(36)}.${low.toString(36)}\n` } };

    // Act
    const window = IdWindow.decode(fromItem(legacy).recentIds);

    // Assert: both count as seen at the end of their minute.
    expect(window.seenAt('m1')).toBe((29921040 + 1) * 60_000 - 1000);
    expect(window.seenAt(uuid)).toBe((29921040 + 1) * 60_000 - 1000);
    expect(window.seenAt('m2')).toBeUndefined();
  });

  it('reads an item written before trace counts and recent ids existed', () => {
    // Arrange
    const { traceCount: _t, ids: _r, ...item } = toItem(write(), 2);

    // Act
    const stored = fromItem(item);

    // Assert
    expect(stored).toMatchObject({ recentIds: new Uint8Array(0), traceCount: 0 });
  });

  it('throws on a corrupt snapshot rather than invent a detector', () => {
    expect(() => fromItem({ ...toItem(write(), 2), snapshot: { S: '{"oops' } })).toThrow(SyntaxError);
  });

  it('reads a summary from an index item', () => {
    expect(summaryFromItem(toItem(write(), 4))).toEqual({
      key: { model: 'counter', keyValue: 'a' },
      modelVersion: '1',
      stateName: 'Counting',
      creationTime: detectorSnapshot().creationTime,
      lastUpdateTime: detectorSnapshot().lastUpdateTime,
    });
  });

  it('spreads a model’s detectors over its list partitions, always the same one per key', () => {
    // Act
    const partitions = new Set(Array.from({ length: 400 }, (_, i) => listPartition({ model: 'm', keyValue: `device-${i}` })));

    // Assert
    expect([...partitions].sort()).toEqual(Array.from({ length: LIST_SHARDS }, (_, i) => `m#${i}`));
    expect(listPartition({ model: 'm', keyValue: 'device-7' })).toBe(listPartition({ model: 'm', keyValue: 'device-7' }));
    expect(listPartition({ model: 'm', keyValue: undefined })).toMatch(/^m#[0-7]$/);
  });

  it('keeps every detector in the list partition it was stored under, across releases', () => {
    // The partition is persisted in `listPk`: a changed hash would hide detectors from ListDetectors.
    expect(['a', 'device-7', 'Fulton-A32', 'capteur-é', undefined].map((keyValue) => listPartition({ model: 'm', keyValue }))).toEqual(['m#4', 'm#7', 'm#6', 'm#5', 'm#5']);
  });
});
