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
 * input and message id. It is built for every action on the hot path: its pieces are gathered in
 * one array and joined once into flat text, where appending them one by one made a chain of
 * intermediate strings (about three times the text's size) for the collector; and the names
 * from the model are quoted once (see {@link quotedName}).
 */
export function defaultPayload(context: PayloadContext): string {
  const q = quotedName;
  const parts: string[] = [
    '{"eventTime":',
    String(Math.floor(context.time)),
    ',"payload":{"actionExecutionId":"',
    // A name-based UUID: hex digits and dashes, nothing to escape.
    context.actionExecutionId,
    '","detector":{"detectorModelName":',
    q(context.detectorModelName),
  ];
  if (context.keyValue !== undefined) parts.push(',"keyValue":', JSON.stringify(context.keyValue));
  parts.push(',"detectorModelVersion":', q(context.detectorModelVersion), '},"eventTriggerDetails":');
  if (context.timerName === undefined) parts.push('{"inputName":', q(context.inputName), ',"messageId":', context.messageId === undefined ? 'undefined' : JSON.stringify(context.messageId), ',"triggerType":"Message"}');
  else parts.push('{"triggerType":"Timer","timerName":', q(context.timerName), '}');
  parts.push(',"state":{"stateName":', q(context.stateName), ',"variables":{');
  let first = true;
  for (const name of Object.keys(context.variables)) {
    const value = context.variables[name];
    // As stringifyTypedJson writes an object: members without a value are left out.
    if (value === undefined) continue;
    parts.push(first ? '' : ',', q(name), ':', stringifyTypedJson(value));
    first = false;
  }
  parts.push('},"timers":{');
  first = true;
  for (const name of Object.keys(context.timers)) {
    const quoted = q(name);
    parts.push(first ? '' : ',', quoted, ':{"timerName":', quoted, ',"timestamp":', String(Math.floor(context.timers[name].dueAt)), '}');
    first = false;
  }
  parts.push('}}},"eventName":', q(context.eventName), '}');
  return parts.join('');
}

/** Names quoted so far, by name; emptied when full, so it never holds more than its bound. */
const quotedNames = new Map<string, string>();
const MOST_QUOTED_NAMES = 4096;

/**
 * A name from the model (model, version, input, state, event, variable or timer name) as JSON
 * text. Quoting is most of the cost of a default payload, and a model has few names: each is
 * quoted once. Key values and message ids, which are endless, are quoted where they are written.
 */
function quotedName(name: string | undefined): string {
  if (name === undefined) return 'undefined'; // what the payload has always said for a missing name
  let quoted = quotedNames.get(name);
  if (quoted === undefined) {
    if (quotedNames.size >= MOST_QUOTED_NAMES) quotedNames.clear();
    quotedNames.set(name, (quoted = JSON.stringify(name)));
  }
  return quoted;
}
