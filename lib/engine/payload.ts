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
 * action on the hot path, and the names from the model are quoted once (see {@link quotedName}).
 */
export function defaultPayload(context: PayloadContext): string {
  const q = quotedName;
  let text = `{"eventTime":${Math.floor(context.time)},"payload":{"actionExecutionId":${JSON.stringify(context.actionExecutionId)},"detector":{"detectorModelName":${q(context.detectorModelName)}`;
  if (context.keyValue !== undefined) text += `,"keyValue":${JSON.stringify(context.keyValue)}`;
  text += `,"detectorModelVersion":${q(context.detectorModelVersion)}},"eventTriggerDetails":`;
  text +=
    context.timerName === undefined
      ? `{"inputName":${q(context.inputName)},"messageId":${JSON.stringify(context.messageId)},"triggerType":"Message"}`
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

/** Names quoted so far, by name; emptied when full, so it never holds more than its bound. */
const quotedNames = new Map<string, string>();
const MOST_QUOTED_NAMES = 4096;

/**
 * A name from the model (model, version, input, state, event, variable or timer name) as JSON
 * text. Quoting is most of the cost of a default payload, and a model has few names: each is
 * quoted once. Key values and message ids, which are endless, are quoted where they are written.
 */
function quotedName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined; // written as the text 'undefined', as it always was
  let quoted = quotedNames.get(name);
  if (quoted === undefined) {
    if (quotedNames.size >= MOST_QUOTED_NAMES) quotedNames.clear();
    quotedNames.set(name, (quoted = JSON.stringify(name)));
  }
  return quoted;
}
