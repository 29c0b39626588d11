import type { AlarmModelVersionRecord } from '../../ports';
import { alarmModelArn, type ResourceScope } from '../resource-scope';
import { modelStatus, seconds } from './shapes';

/** The status of an alarm model version (AWS's AlarmModelVersionStatus has no DEPRECATED). */
export type AlarmModelStatus = 'ACTIVE' | 'ACTIVATING' | 'INACTIVE';

/** A version's status, and the message that says why when it is not the running one. */
export interface AlarmModelVersionStatus {
  readonly status: AlarmModelStatus;
  readonly statusMessage?: string;
}

/**
 * As for detector models (docs/decisions.md A6): the latest version is ACTIVATING for one model
 * refresh interval after it was stored, then ACTIVE. An earlier version is INACTIVE, AWS's word for
 * a version that "isn't ready to evaluate data": instances run the latest version only.
 */
export function alarmModelStatus(record: AlarmModelVersionRecord, latestVersion: string, now: number, refreshMs: number): AlarmModelVersionStatus {
  const status = modelStatus(record, latestVersion, now, refreshMs);
  if (status === 'DEPRECATED') return { status: 'INACTIVE', statusMessage: `version ${latestVersion} replaced this version; alarms evaluate the latest version only` };
  return { status };
}

/** What CreateAlarmModel and UpdateAlarmModel answer, and what the version summaries start with. A version's times are when it was stored. */
export function alarmModelVersionHeader(record: AlarmModelVersionRecord, status: AlarmModelVersionStatus, scope: ResourceScope) {
  return {
    creationTime: seconds(record.lastUpdateTime),
    alarmModelArn: alarmModelArn(scope, record.name),
    alarmModelVersion: record.version,
    lastUpdateTime: seconds(record.lastUpdateTime),
    status: status.status,
    ...(status.statusMessage === undefined ? {} : { statusMessage: status.statusMessage }),
  };
}

/** DescribeAlarmModel's answer: the version's header and every member of its request but the tags. */
export function describedAlarmModel(record: AlarmModelVersionRecord, status: AlarmModelVersionStatus, scope: ResourceScope) {
  const { request } = record;
  return {
    ...alarmModelVersionHeader(record, status, scope),
    alarmModelName: record.name,
    alarmModelDescription: request.alarmModelDescription,
    roleArn: request.roleArn,
    key: request.key,
    severity: request.severity,
    alarmRule: request.alarmRule,
    alarmNotification: request.alarmNotification,
    alarmEventActions: request.alarmEventActions,
    alarmCapabilities: request.alarmCapabilities,
  };
}

/** One entry of ListAlarmModelVersions. */
export function alarmModelVersionSummary(record: AlarmModelVersionRecord, status: AlarmModelVersionStatus, scope: ResourceScope) {
  return { alarmModelName: record.name, ...alarmModelVersionHeader(record, status, scope), roleArn: record.request.roleArn };
}
