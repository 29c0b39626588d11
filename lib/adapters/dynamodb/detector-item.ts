import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { fnv1a32 } from '../../hash';
import { deserializeSnapshot, serializeSnapshot, type ActionEffect } from '../../engine';
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
  if (write.recentIds) item.recent = { S: write.recentIds };
  if (write.effects.length) item.outbox = { S: JSON.stringify(write.effects) };
  return item;
}

/** Reads a detector item back. @throws SyntaxError on a corrupt snapshot. */
export function fromItem(item: Item): StoredDetector {
  return {
    key: { model: item.model.S as string, keyValue: item.keyValue?.S },
    version: Number(item.version.N),
    snapshot: deserializeSnapshot(item.snapshot.S as string),
    recentIds: item.recent?.S ?? '',
    traceCount: Number(item.traceCount?.N ?? 0),
  };
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

