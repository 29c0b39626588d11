import { ALARM_REQUEST_LISTS, readAlarmRequests } from '../api/data/alarm-operations';
import type { CustomerActionName } from '../engine/alarm';
import type { OperatorRequest } from '../runtime/operate-alarms';

/**
 * An operator action of a replay: one request of BatchAcknowledgeAlarm, BatchDisableAlarm,
 * BatchEnableAlarm, BatchResetAlarm or BatchSnoozeAlarm, made at `timestamp` of virtual time.
 */
export interface SimulatedOperatorAction {
  readonly operator: OperatorRequest;
  /** Virtual time it is made, epoch ms. */
  readonly timestamp: number;
  /** The line of the file it was read from (its refusal names it). */
  readonly line: number;
}

/** The member that makes a line of a messages file an operator action rather than a message. */
export const OPERATOR_MEMBER = 'operatorAction';

/**
 * The `operatorAction` of a line: the data API's path word (`acknowledge`, `disable`, `enable`,
 * `reset`, `snooze`: `POST /alarms/<word>`) or the `actionName` DescribeAlarm shows (`ACKNOWLEDGE`, …).
 */
const ACTIONS: Readonly<Record<string, CustomerActionName>> = Object.fromEntries(
  (Object.keys(ALARM_REQUEST_LISTS) as CustomerActionName[]).flatMap((name) => [[name.toLowerCase(), name], [name, name]]),
);

/**
 * Reads an operator line — `{"operatorAction": "acknowledge", "alarmModelName": …, "keyValue": …,
 * "note": …, "requestId": …, "timestamp": …}`, with `snoozeDuration` (seconds) for a snooze — as the
 * data API reads one request of its batch call (`readAlarmRequests`: the same members, patterns and
 * lengths). `timestamp` is the line's own; `requestId` may be left out (`operator-<n>` then).
 *
 * @returns the request, or what the data API would answer about it (the line is then bad).
 */
export function readOperatorLine(line: Record<string, unknown>, number: number): OperatorRequest | { readonly error: string } {
  // The members of the request; numbers as the API's JSON parser reads them (the file's parser reads integers as bigint).
  const entry = Object.fromEntries(
    Object.entries(line).filter(([name]) => name !== OPERATOR_MEMBER && name !== 'timestamp').map(([name, value]) => [name, typeof value === 'bigint' ? Number(value) : value]),
  );
  const word = line[OPERATOR_MEMBER];
  const action = typeof word === 'string' ? ACTIONS[word] : undefined;
  if (!action) return { error: `${OPERATOR_MEMBER} must be one of acknowledge, disable, enable, reset, snooze, not ${JSON.stringify(word)}` };
  const member = ALARM_REQUEST_LISTS[action];
  const body = { [member]: [{ requestId: `operator-${number}`, ...entry }] };
  try {
    return readAlarmRequests(action, body)[0];
  } catch (error) {
    // The API's words name the member inside the batch body; the line holds the request itself.
    const text = (error as Error).message.replaceAll(`${member}[0].`, '').replaceAll(`${member}[0]`, 'the request').replaceAll('\n', '; ');
    return { error: `${text} (Batch${action[0]}${action.slice(1).toLowerCase()}Alarm would refuse the call: InvalidRequestException)` };
  }
}
