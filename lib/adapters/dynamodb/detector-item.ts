import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { fnv1a32 } from '../../hash';
import { IdWindow, deserializeSnapshot, serializeSnapshot, type ActionEffect } from '../../engine';
import { detectorId, type DetectorKey, type DetectorSummary, type DetectorWrite, type StoredDetector } from '../../ports';

/** Detectors of one model are spread over this many list partitions (ListDetectors reads them all). */
export const LIST_SHARDS = 8;

export type Item = Record<string, AttributeValue>;

/** The partition of a detector in the `byModel` index: spreads a big fleet over several keys. */
export function listPartition(key: DetectorKey): string {
  return `${key.model}#${fnv1a32(key.keyValue ?? '') % LIST_SHARDS}`;
}

/** The primary key attribute of a detector item. */
export function keyAttributes(key: DetectorKey): Item {
  return { pk: { S: detectorId(key) } };
}

/**
 * The item for a detector write. The snapshot is one typed-JSON string; the fields the index and
 * ListDetectors read are copied to their own attributes. `outbox` holds this write's actions for
 * the change stream; it is absent when there are none.
 */
export function toItem(write: DetectorWrite, version: number): Item {
  const { key, snapshot } = write;
  const item: Item = {
    ...keyAttributes(key),
    model: { S: key.model },
    version: { N: String(version) },
    modelVersion: { S: snapshot.detectorModelVersion },
    stateName: { S: snapshot.stateName },
    snapshot: { S: serializeSnapshot(snapshot) },
    traceCount: { N: String(write.traceCount) },
    listPk: { S: listPartition(key) },
    listSk: { S: key.keyValue ?? '-' },
    creationTime: { N: String(snapshot.creationTime) },
    lastUpdateTime: { N: String(snapshot.lastUpdateTime) },
  };
  if (key.keyValue !== undefined) item.keyValue = { S: key.keyValue };
  if (write.recentIds.length) item.ids = { B: write.recentIds };
  if (write.spilledUntil !== undefined) item.spilledUntil = { N: String(write.spilledUntil) };
  if (write.effects.length) item.outbox = { S: JSON.stringify(write.effects) };
  return item;
}

/**
 * Reads a detector item back (its key attributes must be readable: callers key results by them).
 * @throws Error (SyntaxError, IdWindowError, …) on a corrupt snapshot or id record.
 */
export function fromItem(item: Item): StoredDetector {
  const spilledUntil = item.spilledUntil?.N;
  return {
    key: keyOfItem(item),
    version: Number(item.version.N),
    snapshot: deserializeSnapshot(item.snapshot.S as string),
    recentIds: recentIdsOf(item),
    ...(spilledUntil === undefined ? {} : { spilledUntil: Number(spilledUntil) }),
    traceCount: Number(item.traceCount?.N ?? 0),
  };
}

/** The detector an item is, from its primary key alone (`<model>|<key>`), whatever else is in it. */
export function keyOfItem(item: Item): DetectorKey {
  const id = item.pk.S as string;
  const bar = id.indexOf('|');
  // A key value is never empty: `<model>|` is a singleton model's detector.
  return { model: id.slice(0, bar), keyValue: id.slice(bar + 1) || undefined };
}

// Items written before ids became binary hold them as text in `recent`; read either.
function recentIdsOf(item: Item): Uint8Array {
  if (item.ids?.B) return item.ids.B;
  const legacy = item.recent?.S;
  return legacy ? IdWindow.fromLegacyText(legacy).encode(0, Number.MAX_SAFE_INTEGER, false).ids : new Uint8Array(0);
}

/** Reads the summary attributes of an index item. */
export function summaryFromItem(item: Item): DetectorSummary {
  return {
    key: { model: item.model.S as string, keyValue: item.keyValue?.S },
    modelVersion: item.modelVersion.S as string,
    stateName: item.stateName.S as string,
    creationTime: Number(item.creationTime.N),
    lastUpdateTime: Number(item.lastUpdateTime.N),
  };
}

/** The actions of a stream image's outbox (empty when it has none). */
export function outboxOf(item: Item | undefined): ActionEffect[] {
  const text = item?.outbox?.S;
  return text ? (JSON.parse(text) as ActionEffect[]) : [];
}

