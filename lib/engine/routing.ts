import { formatDecimal } from '../expression';
import { readPath, type CompiledModel } from '../model';

/**
 * Key values: 1–128 characters (UTF-16 code units), none of them a control character or `|`
 * (Vigil's storage separator), and valid Unicode: a surrogate only as half of a pair. AWS allowed
 * only letters, digits, `-`, `_` and `:`; Vigil also takes the MQTT client ids and thing names
 * that contain dots or other characters (docs/decisions.md D8). An unpaired surrogate cannot be
 * encoded in UTF-8, so DynamoDB would store `'\uD800'` and `'\uD801'` alike (as U+FFFD): two
 * detectors would share one item.
 */
// eslint-disable-next-line no-control-regex
export const KEY_VALUE = /^(?=[\s\S]{1,128}$)(?:[^\u0000-\u001f\u007f|\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])+$/;

/** What {@link KEY_VALUE} allows, in words, for error messages. */
export const KEY_VALUE_RULE = "1–128 characters without control characters, '|' or unpaired surrogates (text that is not valid Unicode)";

/** The detector a message belongs to in one model, or why it belongs to none. */
export type KeyResult = { readonly keyValue: string | undefined; readonly error?: undefined } | { readonly error: string };

/**
 * Reads the detector key of a message for one model (spec §2.4). A singleton model takes every
 * message (key undefined). A keyed model needs the key attribute in the raw payload — declared as
 * an input attribute or not — holding a string, or a number taken as its JSON text (`20.0` stays
 * `20.0`: decimals keep their text), within {@link KEY_VALUE}. Alarm models key their instances
 * the same way (`kind` names the model's kind in the error).
 */
export function detectorKey(model: Pick<CompiledModel, 'key' | 'name'>, payload: unknown, kind = 'detector model'): KeyResult {
  if (!model.key) return { keyValue: undefined };
  const raw = readPath(payload, model.key.segments);
  if (raw === undefined) return { error: `the payload has no key attribute '${model.key.path}' required by ${kind} ${model.name}` };
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (typeof raw === 'bigint') text = raw.toString();
  else if (typeof raw === 'number') text = formatDecimal(raw);
  else return { error: `the key attribute '${model.key.path}' must be a string or a number, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}` };
  if (!KEY_VALUE.test(text)) {
    return { error: `the key value ${JSON.stringify(text.slice(0, 140))} must be ${KEY_VALUE_RULE}` };
  }
  return { keyValue: text };
}

/** One model a message reaches, with the detector key or the reason it cannot be routed. */
export interface Route {
  readonly model: CompiledModel;
  readonly key: KeyResult;
}

/**
 * The models a message of `inputName` reaches — every model that refers to the input anywhere —
 * each with its own key (one input may feed models keyed differently: the crane example).
 */
export function routeMessage(models: Iterable<CompiledModel>, inputName: string, payload: unknown): Route[] {
  const routes: Route[] = [];
  for (const model of models) if (model.inputs.has(inputName)) routes.push({ model, key: detectorKey(model, payload) });
  return routes;
}
