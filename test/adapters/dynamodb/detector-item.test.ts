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
  return { key: { model: 'counter', keyValue: 'a' }, expectedVersion: 3, snapshot: detectorSnapshot(), recentIds: ids('m1'), effects: [], ...overrides };
}

describe('detector items', () => {
  it('keys a detector by `<model>|<keyValue>`', () => {
    expect(keyAttributes({ model: 'counter', keyValue: 'a' })).toEqual({ pk: { S: 'counter|a' } });
    expect(keyAttributes({ model: 'alarm', keyValue: undefined })).toEqual({ pk: { S: 'alarm|' } });
  });

  it('stores each thing once: key, version, snapshot, latest ids and the index keys, nothing copied out of the snapshot', () => {
    // Act
    const item = toItem({ ...write(), traceRef: 'p1' }, 4);

    // Assert: no `model`, `keyValue` or `stateName`, which the byModel index projects (a change of
    // them would write the index), no copies of what the snapshot holds (each byte is paid for).
    expect(item).toEqual({
      pk: { S: 'counter|a' },
      version: { N: '4' },
      snapshot: { S: serializeSnapshot(detectorSnapshot()) },
      ids: { B: ids('m1') },
      traceRef: { S: 'p1' },
      listPk: { S: listPartition({ model: 'counter', keyValue: 'a' }) },
      listSk: { S: 'a' },
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
    // Compressed: a default payload repeats its field names, and DynamoDB charges per KB.
    expect(item.outbox.B?.length).toBeLessThan(JSON.stringify(effects).length / 2);
    expect(outboxOf({ outbox: { S: JSON.stringify(effects) } })).toEqual(effects);
    expect(outboxOf(undefined)).toEqual([]);
    expect(outboxOf(toItem(write(), 4))).toEqual([]);
  });

  it('reads an outbox from a Lambda stream event, where binary arrives as base64 text', () => {
    // Arrange: Lambda's event is JSON, so the bytes the SDK wrote come back encoded.
    const effects = [snsEffect()];
    const bytes = toItem(write({ effects }), 4).outbox.B as Uint8Array;
    const image = { outbox: { B: Buffer.from(bytes).toString('base64') } } as unknown as Parameters<typeof outboxOf>[0];

    // Act
    const read = outboxOf(image);

    // Assert
    expect(read).toEqual(effects);
  });

  it('refuses an outbox written with a dictionary this release does not know', () => {
    // Arrange
    const image = { outbox: { B: Uint8Array.from([9, 1, 2, 3]) } };

    // Act / Assert
    expect(() => outboxOf(image)).toThrow(/unknown dictionary \(9\)/);
  });

  it('reads back exactly the detector it stored, Integer and Decimal values included', () => {
    // Act
    const stored = fromItem(toItem(write(), 4));

    // Assert
    expect(stored).toEqual({ key: { model: 'counter', keyValue: 'a' }, version: 4, snapshot: detectorSnapshot(), recentIds: ids('m1') });
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

  it('reads an item written before recent ids existed', () => {
    // Arrange
    const { ids: _r, ...item } = toItem(write(), 2);

    // Act
    const stored = fromItem(item);

    // Assert
    expect(stored).toMatchObject({ recentIds: new Uint8Array(0) });
  });

  it('reads an item of an earlier release, with the copies it then carried', () => {
    // Arrange
    const item = { ...toItem(write(), 2), model: { S: 'counter' }, keyValue: { S: 'a' }, stateName: { S: 'Old' }, traceCount: { N: '9' }, modelVersion: { S: '1' } };

    // Act / Assert: the snapshot is the truth.
    expect(fromItem(item)).toMatchObject({ key: { model: 'counter', keyValue: 'a' }, snapshot: { stateName: 'Counting' } });
    expect(summaryFromItem(item).stateName).toBe('Counting');
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
