import { stringifyTypedJson, type Value } from '../expression';
import type { TimerState } from './snapshot';

/** What the default payload describes: the detector at the moment the action runs. */
export interface PayloadContext {
  readonly time: number;
  readonly actionExecutionId: string;
  readonly eventName: string;
  readonly detectorModelName: string;
  readonly detectorModelVersion: string;
  readonly keyValue: string | undefined;
  readonly inputName: string | undefined;
  readonly messageId: string | undefined;
  readonly timerName: string | undefined;
  readonly stateName: string;
  readonly variables: Readonly<Record<string, Value>>;
  readonly timers: Readonly<Record<string, TimerState>>;
}

/**
 * The payload AWS IoT Events sends when an action has no `payload` (spec §5.0), byte for byte:
 * same key order, `eventTime` in epoch ms, variables typed (decimals keep `.0`), `timers` an
 * object. `keyValue` is left out for a singleton model; a timer cycle names its timer instead of an
 * input and message id. Written directly as text, in one chain of appends: it is built for every
 * action on the hot path.
 */
export function defaultPayload(context: PayloadContext): string {
  const q = JSON.stringify;
  let text = `{"eventTime":${Math.floor(context.time)},"payload":{"actionExecutionId":${q(context.actionExecutionId)},"detector":{"detectorModelName":${q(context.detectorModelName)}`;
  if (context.keyValue !== undefined) text += `,"keyValue":${q(context.keyValue)}`;
  text += `,"detectorModelVersion":${q(context.detectorModelVersion)}},"eventTriggerDetails":`;
  text +=
    context.timerName === undefined
      ? `{"inputName":${q(context.inputName)},"messageId":${q(context.messageId)},"triggerType":"Message"}`
      : `{"triggerType":"Timer","timerName":${q(context.timerName)}}`;
  text += `,"state":{"stateName":${q(context.stateName)},"variables":{`;
  let first = true;
  for (const name of Object.keys(context.variables)) {
    const value = context.variables[name];
    // As stringifyTypedJson writes an object: members without a value are left out.
    if (value === undefined) continue;
    text += `${first ? '' : ','}${q(name)}:${stringifyTypedJson(value)}`;
    first = false;
  }
  text += '},"timers":{';
  first = true;
  for (const name of Object.keys(context.timers)) {
    text += `${first ? '' : ','}${q(name)}:{"timerName":${q(name)},"timestamp":${Math.floor(context.timers[name].dueAt)}}`;
    first = false;
  }
  return `${text}}}},"eventName":${q(context.eventName)}}`;
}

