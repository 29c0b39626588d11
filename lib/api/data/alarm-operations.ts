import type { CustomerActionName, OperatorAction } from '../../engine/alarm';
import { operateAlarms, type OperatorRequest } from '../../runtime/operate-alarms';
import { apiErrors, json, type ApiResponse } from '../http';
import { RULES, objectBody, optionalString, rejectUnknownMembers, requiredList, requiredObject, requiredString, uniqueIds } from '../request-fields';
import type { DataApiDeps } from './deps';
import { BATCH_ALARM_REQUESTS } from './request-shapes';

/** Most requests one batch alarm call takes ("You can specify up to 10 requests per operation"). */
export const MAX_ALARM_REQUESTS = 10;

/** The list member of each batch alarm call's body (also how `vigil simulate` reads an operator line as a request). */
export const ALARM_REQUEST_LISTS: Readonly<Record<CustomerActionName, string>> = {
  ACKNOWLEDGE: 'acknowledgeActionRequests',
  DISABLE: 'disableActionRequests',
  ENABLE: 'enableActionRequests',
  RESET: 'resetActionRequests',
  SNOOZE: 'snoozeActionRequests',
};

/** `note`: up to 256 characters (AWS). */
const NOTE = { max: 256 };

/**
 * Reads the body of BatchAcknowledgeAlarm, BatchDisableAlarm, BatchEnableAlarm, BatchResetAlarm or
 * BatchSnoozeAlarm: 1–10 requests `{requestId, alarmModelName, keyValue?, note?}` (snooze adds a
 * whole `snoozeDuration` in seconds), request ids unique. A shape error anywhere rejects the whole
 * call, as the service's input validation did; whether each request applies is decided per
 * request later (error entries).
 */
export function readAlarmRequests(action: CustomerActionName, body: unknown): OperatorRequest[] {
  rejectUnknownMembers(body, BATCH_ALARM_REQUESTS[action]);
  const member = ALARM_REQUEST_LISTS[action];
  const requests = requiredList(objectBody(body)[member], member, 1, MAX_ALARM_REQUESTS).map((raw, i): OperatorRequest => {
    const at = `${member}[${i}]`;
    const entry = requiredObject(raw, at);
    const requestId = requiredString(entry.requestId, `${at}.requestId`, RULES.messageId);
    const keyValue = optionalString(entry.keyValue, `${at}.keyValue`, RULES.keyValue);
    const note = optionalString(entry.note, `${at}.note`, NOTE);
    const base = { type: 'operator' as const, requestId, ...(keyValue === undefined ? {} : { keyValue }), ...(note === undefined ? {} : { note }) };
    let operator: OperatorAction;
    if (action === 'SNOOZE') {
      const seconds = entry.snoozeDuration;
      if (typeof seconds !== 'number' || !Number.isInteger(seconds)) throw apiErrors.invalid(`${at}.snoozeDuration is required and must be a whole number of seconds`);
      operator = { ...base, action, snoozeDuration: seconds };
    } else {
      operator = { ...base, action };
    }
    return { alarmModelName: requiredString(entry.alarmModelName, `${at}.alarmModelName`, RULES.detectorModelName), keyValue, action: operator };
  });
  uniqueIds(requests.map((request) => request.action.requestId), member, 'requestId');
  return requests;
}

/**
 * One of the five batch alarm calls (`POST /alarms/{acknowledge|disable|enable|reset|snooze}`,
 * 202): applies every request it can, and lists the others in `errorEntries` — an unknown model or
 * key (ResourceNotFoundException: the calls have no top-level 404), a state that does not accept
 * the action or a snooze out of bounds (InvalidRequestException), a store failure.
 */
export async function batchAlarmOperation(action: CustomerActionName, body: unknown, deps: DataApiDeps): Promise<ApiResponse> {
  const requests = readAlarmRequests(action, body);
  const errorEntries = await operateAlarms(requests, { ...deps, alarms: requireAlarms(deps) }, deps.settings);
  return json(202, { errorEntries });
}

/** The alarm store, which every deployed data API has (a runtime without it cannot serve alarms). */
export function requireAlarms(deps: Pick<DataApiDeps, 'alarms'>): NonNullable<DataApiDeps['alarms']> {
  if (!deps.alarms) throw new Error('this data API has no alarm store');
  return deps.alarms;
}
