import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { fnv1a32 } from '../../hash';
import { IdWindow, deserializeSnapshot, serializeSnapshot, type ActionEffect } from '../../engine';
import { binaryValue, decodeOutbox, encodeOutbox } from './outbox-codec';
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
 * The item for a detector write: its key, version, snapshot (one typed-JSON string, which also
 * holds its model version, state and times), latest message ids, trace page, and `outbox`, this
 * write's actions for the change stream (compressed; absent when there are none). Nothing is
 * copied twice, since a detector write costs a write unit per KB: a message costs one as long as
 * the item stays under 1 KB.
 *
 * The `byModel` index keys on `listPk`/`listSk`, which never change, and projects attributes items
 * no longer carry (`model`, `keyValue`, `stateName`: earlier releases wrote them): the index is
 * written once per detector, when it is created, never when its state changes (decision R11).
 */
export function toItem(write: DetectorWrite, version: number): Item {
  const { key, snapshot } = write;
  const item: Item = {
    ...keyAttributes(key),
    version: { N: String(version) },
    snapshot: { S: serializeSnapshot(snapshot) },
    listPk: { S: listPartition(key) },
    listSk: { S: key.keyValue ?? '-' },
  };
  if (write.recentIds.length) item.ids = { B: write.recentIds };
  if (write.spilledUntil !== undefined) item.spilledUntil = { N: String(write.spilledUntil) };
  if (write.traceRef !== undefined) item.traceRef = { S: write.traceRef };
  if (write.effects.length) item.outbox = { B: encodeOutbox(write.effects) };
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
    ...(item.traceRef?.S ? { traceRef: item.traceRef.S } : {}),
  };
}

/** The detector an item is, from its primary key alone (`<model>|<key>`), whatever else is in it. */
export function keyOfItem(item: Item): DetectorKey {
  const id = item.pk.S as string;
  const bar = id.indexOf('|');
  // A key value is never empty: `<model>|` is a singleton model's detector.
  return { model: id.slice(0, bar), keyValue: id.slice(bar + 1) || undefined };
}

/**
 * The message ids of a detector or alarm item. Items written before ids became binary hold them as
 * text in `recent`; read either. A Lambda stream image (JSON) carries binary as base64 text.
 */
export function recentIdsOf(item: Item): Uint8Array {
  const ids = item.ids?.B as Uint8Array | string | undefined;
  if (ids !== undefined) return binaryValue(ids);
  const legacy = item.recent?.S;
  return legacy ? IdWindow.fromLegacyText(legacy).encode(0, Number.MAX_SAFE_INTEGER, false).ids : new Uint8Array(0);
}

/** The attributes {@link summaryFromItem} reads, for a projection. */
export const SUMMARY_ATTRIBUTES = ['pk', 'snapshot'] as const;

/** A detector's summary (ListDetectors), from its item: key from `pk`, the rest from the snapshot. */
export function summaryFromItem(item: Item): DetectorSummary {
  const snapshot = deserializeSnapshot(item.snapshot.S as string);
  return {
    key: keyOfItem(item),
    modelVersion: snapshot.detectorModelVersion,
    stateName: snapshot.stateName,
    creationTime: snapshot.creationTime,
    lastUpdateTime: snapshot.lastUpdateTime,
  };
}

/** The actions of a stream image's outbox (empty when it has none). */
export function outboxOf(item: Item | undefined): ActionEffect[] {
  return item?.outbox ? decodeOutbox(item.outbox) : [];
}

