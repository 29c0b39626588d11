import { traceRecord } from '../lib/engine';
import { describeAlarm, notificationEvent, type AlarmNotificationEffect, type AlarmSnapshot } from '../lib/engine/alarm';
import { stringifyTypedJson } from '../lib/expression';
import type { SSOIdentity } from '../lib/model';
import type { AlarmTrace, SimulationEvent } from '../lib/simulation';
import { actionLine } from './action-line';

/**
 * The JSON line `vigil simulate` prints for one event of a replay, or undefined for a trace when
 * traces are not printed. Times are epoch ms (integers), except in detector traces, which keep
 * the shape of AWS's DEBUG log.
 */
export function simulationLine(event: SimulationEvent, traces: boolean): string | undefined {
  switch (event.type) {
    case 'action':
      return actionLine(event.time, event.effect, event.alarm ? 'alarm' : 'detector');
    case 'error':
      return stringifyTypedJson({ ...event, time: BigInt(event.time) });
    case 'trace':
      return traces ? stringifyTypedJson({ type: 'trace', ...traceRecord(event.trace) }) : undefined;
    case 'alarmTrace':
      return traces ? stringifyTypedJson({ type: 'alarmTrace', ...alarmTraceRecord(event.trace) }) : undefined;
    case 'alarmState':
      return stringifyTypedJson({ ...event, time: BigInt(event.time) });
    case 'notification':
      return notificationLine(event.time, event.effect);
    case 'refusal': {
      const { entry, ...rest } = event;
      // The error entry as the batch call's `errorEntries` lists it, after where and what it was.
      return stringifyTypedJson({ ...rest, time: BigInt(event.time), line: BigInt(event.line), ...entry });
    }
  }
}

/**
 * The summary line of an alarm instance: DescribeAlarm's `alarm` as the data API sends it (times
 * in epoch seconds). Plain JSON: every value of it is a string or a JavaScript number.
 */
export function alarmLine(snapshot: AlarmSnapshot): string {
  const alarm = describeAlarm(snapshot);
  return JSON.stringify({ type: 'alarm', ...alarm, creationTime: alarm.creationTime / 1000, lastUpdateTime: alarm.lastUpdateTime / 1000 });
}

/** An alarm trace with its time as ISO 8601, as detector traces give theirs. */
function alarmTraceRecord({ time, ...rest }: AlarmTrace): Record<string, unknown> {
  return { timestamp: new Date(time).toISOString(), ...rest };
}

/**
 * A notification: the function it invokes and the event it would be invoked with
 * (`notificationEvent`: `notificationEventPayload` as a JSON string, the e-mail and SMS
 * configurations). The simulator has no IAM Identity Center to ask, so the recipients are listed
 * as the model names them (`recipients`) and the event's `to` and `phoneNumbers` are empty, as
 * the deployed runtime sends them for recipients it cannot find.
 */
function notificationLine(time: number, effect: AlarmNotificationEffect): string {
  const identities = new Map<string, SSOIdentity>();
  for (const configuration of [...effect.emailConfigurations, ...effect.smsConfigurations]) {
    for (const identity of configuration.recipients) identities.set(`${identity.identityStoreId}/${identity.userId ?? ''}`, identity);
  }
  const head = stringifyTypedJson({
    type: 'notification',
    time: BigInt(time),
    alarmModelName: effect.alarmModelName,
    keyValue: effect.keyValue,
    actionExecutionId: effect.actionExecutionId,
    functionArn: effect.functionArn,
    recipients: [...identities.values()],
  });
  return `${head.slice(0, -1)},"event":${notificationEvent(effect, () => undefined)}}`;
}
