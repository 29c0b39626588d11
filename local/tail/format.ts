import type { FailureNote } from '../../lib/adapters/dynamodb/failure-notes';
import type { ActionEffect, AlarmSnapshot, DetectorSnapshot } from '../../lib/engine';
import { formatValue, type Value } from '../../lib/expression';

/** What `vigil tail` remembers of a detector, to print what changed. */
export interface DetectorView {
  readonly stateName: string;
  readonly variables: string;
  readonly timers: string;
}

/** `HH:MM:SS` (UTC) of a time, the first column of every tail line. */
export function clock(time: number): string {
  return new Date(time).toISOString().slice(11, 19);
}

/**
 * One line for a message received from a queue: for an SNS notification (what a queue subscribed
 * to a topic receives), the topic and the message, with IoT Events' default action payload
 * summarised as detector, event name and state; other bodies as they are.
 */
export function formatQueueMessage(body: string, queueName: string): string {
  const envelope = parseObject(body);
  if (envelope?.Type === 'Notification' && typeof envelope.Message === 'string') {
    const topic = String(envelope.TopicArn ?? '').split(':').pop() ?? '';
    return `action    sns ${topic}  ${formatPayload(envelope.Message)}`;
  }
  return `action    sqs ${queueName}  ${formatPayload(body)}`;
}

/**
 * One line for an action a detector write committed (its outbox, read from the table's stream):
 * the action type, where it goes (`shown`, see `showTarget`) and its payload as for a queue
 * message. It is printed when committed; one that then fails for good gets a
 * {@link formatFailure} line.
 */
export function formatAction(effect: ActionEffect, shown: string): string {
  const payload = 'payload' in effect ? `  ${formatPayload(effect.payload.text)}` : `  ${effect.detectorModelName}${effect.keyValue === undefined ? '' : `/${effect.keyValue}`}  "${effect.eventName}"`;
  return `action    ${effect.type} ${shown}${payload}`;
}

/** One line for an action that failed for good (a failure note): `action    FAILED sns … : <reason>  (model/key "event", 3 attempts)`. */
export function formatFailure(note: FailureNote, shown: string): string {
  const [model, key] = note.detector.split('|');
  return `action    FAILED ${note.action} ${shown}: ${note.error}  (${model}${key ? `/${key}` : ''} "${note.eventName}", ${note.attempts} attempt${note.attempts === 1 ? '' : 's'})`;
}

/**
 * How a target is shown: a local topic or queue by its name, a mapped one as
 * `arn:…:alerts → local alerts` (`local` is the name the stack maps it to), anything else as is.
 */
export function showTarget(target: string, local: string | undefined): string {
  if (local !== undefined) return `${target} → local ${local}`;
  if (target.startsWith('arn:aws:sns:')) return target.split(':').pop() ?? target;
  if (/^https?:\/\//.test(target)) return target.split('/').pop() ?? target;
  return target;
}

/** The default IoT Events payload as `model/key "event" (state, variables)`; anything else compact. */
function formatPayload(text: string): string {
  const message = parseObject(text);
  const payload = message?.payload as { detector?: { detectorModelName?: string; keyValue?: string }; state?: { stateName?: string; variables?: Record<string, unknown> } } | undefined;
  if (message && typeof message.eventName === 'string' && payload?.detector?.detectorModelName) {
    const { detectorModelName, keyValue } = payload.detector;
    const variables = Object.entries(payload.state?.variables ?? {}).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
    return `${detectorModelName}${keyValue === undefined ? '' : `/${keyValue}`}  "${message.eventName}"  (in ${payload.state?.stateName ?? '?'}${variables.length ? `; ${variables.join(', ')}` : ''})`;
  }
  return message ? JSON.stringify(message) : text;
}

/**
 * One line for a detector write seen on the detectors table's stream: the move between states, or
 * the state it stays in, with its variables and running timers. `previous` is what tail saw last
 * of the same detector (undefined the first time). No line (undefined) when neither the state,
 * the variables nor the timers changed: most messages leave a detector as it was.
 */
export function formatDetectorChange(snapshot: DetectorSnapshot, previous: DetectorView | undefined, created: boolean): { line: string | undefined; view: DetectorView } {
  const name = `${snapshot.detectorModelName}${snapshot.keyValue === undefined ? '' : `/${snapshot.keyValue}`}`;
  const variables = Object.entries(snapshot.variables)
    .map(([key, value]) => `${key}=${formatValue(value as Value)}`)
    .join(', ');
  const timers = Object.entries(snapshot.timers)
    .map(([key, timer]) => `${key} at ${clock(timer.dueAt)}`)
    .join(', ');
  const move = created ? `created in ${snapshot.stateName}` : previous && previous.stateName !== snapshot.stateName ? `${previous.stateName} → ${snapshot.stateName}` : `in ${snapshot.stateName}`;
  const view: DetectorView = { stateName: snapshot.stateName, variables, timers };
  if (!created && previous && previous.stateName === view.stateName && previous.variables === variables && previous.timers === timers) return { line: undefined, view };
  const details = [variables, timers && `timers: ${timers}`].filter(Boolean).join('; ');
  return { line: `detector  ${name}  ${move}${details ? `  ${details}` : ''}`, view };
}

/**
 * One line for an alarm instance's write, or undefined when its state and last evaluation did not
 * change: `alarm     motorAlarm/m1  NORMAL → ACTIVE  95 GREATER 80` (with the operator action or
 * the snooze's end that caused it).
 */
export function formatAlarmChange(snapshot: AlarmSnapshot, previous: DetectorView | undefined, created: boolean): { line: string | undefined; view: DetectorView } {
  const name = `${snapshot.alarmModelName}${snapshot.keyValue === undefined ? '' : `/${snapshot.keyValue}`}`;
  const rule = snapshot.ruleEvaluation ? `${snapshot.ruleEvaluation.inputPropertyValue} ${snapshot.ruleEvaluation.operator} ${snapshot.ruleEvaluation.thresholdValue}` : '';
  const snooze = snapshot.snoozeDueAt === undefined ? '' : `snoozed until ${clock(snapshot.snoozeDueAt)}`;
  const view: DetectorView = { stateName: snapshot.stateName, variables: rule, timers: snooze };
  if (!created && previous && previous.stateName === view.stateName && previous.variables === rule && previous.timers === snooze) return { line: undefined, view };
  const move = created ? `created in ${snapshot.stateName}` : previous && previous.stateName !== snapshot.stateName ? `${previous.stateName} → ${snapshot.stateName}` : `in ${snapshot.stateName}`;
  const cause = snapshot.systemEvent ? 'snooze ended' : snapshot.customerAction ? `last action ${snapshot.customerAction.actionName}` : '';
  return { line: `alarm     ${name}  ${move}${[rule, snooze, cause].filter(Boolean).map((part) => `  ${part}`).join('')}`, view };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
