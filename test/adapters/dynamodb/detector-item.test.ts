import { LIST_SHARDS, fromItem, keyAttributes, listPartition, outboxOf, summaryFromItem, toItem } from '../../../lib/adapters/dynamodb/detector-item';
import { serializeSnapshot } from '../../../lib/engine';
import type { DetectorWrite } from '../../../lib/ports';
import { snsEffect } from '../dispatch/effects';
import { detectorSnapshot } from '../../support/detector-snapshots';

function write(overrides: Partial<DetectorWrite> = {}): DetectorWrite {
  return { key: { model: 'counter', keyValue: 'a' }, expectedVersion: 3, snapshot: detectorSnapshot(), recentIds: '\n@29921040\nm1\n', traceCount: 7, effects: [], ...overrides };
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
      recent: { S: '\n@29921040\nm1\n' },
      traceCount: { N: '7' },
      listPk: { S: listPartition({ model: 'counter', keyValue: 'a' }) },
      listSk: { S: 'a' },
      creationTime: { N: String(detectorSnapshot().creationTime) },
      lastUpdateTime: { N: String(detectorSnapshot().lastUpdateTime) },
    });
  });

  it('leaves out keyValue, recent ids and the outbox when there are none', () => {
    // Act
    const item = toItem(write({ key: { model: 'alarm', keyValue: undefined }, recentIds: '', effects: [] }), 1);

    // Assert
    expect(item).not.toHaveProperty('keyValue');
    expect(item).not.toHaveProperty('recent');
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
    expect(stored).toEqual({ key: { model: 'counter', keyValue: 'a' }, version: 4, snapshot: detectorSnapshot(), recentIds: '\n@29921040\nm1\n', traceCount: 7 });
  });

  it('reads an item written before trace counts and recent ids existed', () => {
    // Arrange
    const { traceCount: _t, recent: _r, ...item } = toItem(write(), 2);

    // Act
    const stored = fromItem(item);

    // Assert
    expect(stored).toMatchObject({ recentIds: '', traceCount: 0 });
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
