import type { ActionEffect } from '../../engine';
import { deserializeAlarmSnapshot, serializeAlarmSnapshot } from '../../engine/alarm';
import { ALARM_PREFIX, alarmKeyOf, alarmStorageKey, type AlarmKey, type AlarmSummary, type AlarmWrite, type StoredAlarm } from '../../ports';
import { keyAttributes, keyOfItem, listPartition, recentIdsOf, type Item } from './detector-item';
import { encodeOutbox } from './outbox-codec';

/** The attributes an alarm evaluation reads (a projection). */
export const ALARM_WORKING_ATTRIBUTES = ['pk', 'version', 'snapshot', 'ids', 'spilledUntil'] as const;

/** The primary key attribute of an alarm instance's item: `alarm:<model>|<key>`. */
export function alarmKeyAttributes(key: AlarmKey): Item {
  return keyAttributes(alarmStorageKey(key));
}

/**
 * The item of an alarm write, laid out as a detector's (decision R11): its key, version, snapshot
 * (compact typed JSON, which holds model version, state and times), latest message ids, and the
 * outbox the table's stream dispatches, with the role its actions run with (`outboxRole`, only
 * beside an outbox). `listPk` (`alarm:<model>#<shard>`) and `listSk` feed the same list index as
 * detectors, in a partition no detector model can have.
 */
export function alarmToItem(write: AlarmWrite, version: number): Item {
  const storage = alarmStorageKey(write.key);
  const item: Item = {
    ...keyAttributes(storage),
    version: { N: String(version) },
    snapshot: { S: serializeAlarmSnapshot(write.snapshot) },
    listPk: { S: listPartition(storage) },
    listSk: { S: write.key.keyValue ?? '-' },
  };
  if (write.recentIds.length) item.ids = { B: write.recentIds };
  if (write.spilledUntil !== undefined) item.spilledUntil = { N: String(write.spilledUntil) };
  if (write.effects.length) {
    // An alarmNotification effect is JSON like any action; the dispatcher turns it into a lambda invocation.
    item.outbox = { B: encodeOutbox(write.effects as readonly ActionEffect[]) };
    if (write.roleArn) item.outboxRole = { S: write.roleArn };
  }
  return item;
}

/** The alarm instance an item's key names. @throws SyntaxError for a detector's item. */
export function alarmKeyOfItem(item: Item): AlarmKey {
  const key = alarmKeyOf(keyOfItem(item));
  if (!key) throw new SyntaxError(`item ${item.pk?.S ?? '?'} is not an alarm instance`);
  return key;
}

/** Reads an alarm item back. @throws Error on a corrupt snapshot. */
export function alarmFromItem(item: Item): StoredAlarm {
  const spilledUntil = item.spilledUntil?.N;
  return {
    key: alarmKeyOfItem(item),
    version: Number(item.version.N),
    snapshot: deserializeAlarmSnapshot(item.snapshot.S as string),
    recentIds: recentIdsOf(item),
    ...(spilledUntil === undefined ? {} : { spilledUntil: Number(spilledUntil) }),
  };
}

/** An alarm's summary (ListAlarms), from its item's key and snapshot. */
export function alarmSummaryFromItem(item: Item): AlarmSummary {
  const snapshot = deserializeAlarmSnapshot(item.snapshot.S as string);
  return {
    key: alarmKeyOfItem(item),
    modelVersion: snapshot.alarmModelVersion,
    stateName: snapshot.stateName,
    creationTime: snapshot.creationTime,
    lastUpdateTime: snapshot.lastUpdateTime,
  };
}

/** Whether an item of the detectors table (or a stream image of one) is an alarm instance. */
export function isAlarmItem(item: Item | undefined): boolean {
  return item?.pk?.S !== undefined && item.pk.S.startsWith(ALARM_PREFIX);
}
