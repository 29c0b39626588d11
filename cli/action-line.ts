import { parseTypedJson, stringifyTypedJson } from '../lib/expression';
import { effectTarget, type ActionEffect, type SiteWiseValue } from '../lib/engine';

/**
 * The JSON line `vigil simulate` prints for one action: where it went and what it carried. The
 * payload is shown exactly as it would be sent: a JSON payload is spliced in as its own text, with
 * only the whitespace between tokens removed to keep one line (parsing and re-printing it would
 * turn `1.50` into `1.5` and round integers beyond 64 bits); any other payload is a JSON string.
 */
export function actionLine(time: number, effect: ActionEffect): string {
  const head = stringifyTypedJson({
    type: 'action',
    time: BigInt(time),
    detectorModelName: effect.detectorModelName,
    keyValue: effect.keyValue,
    eventName: effect.eventName,
    action: effect.type,
    target: effectTarget(effect),
    actionExecutionId: effect.actionExecutionId,
  });
  return `${head.slice(0, -1)},"payload":${payloadJson(effect)}}`;
}

function payloadJson(effect: ActionEffect): string {
  if (effect.type === 'iotSiteWise') return stringifyTypedJson(typedSiteWiseValue(effect.propertyValue));
  if (effect.payload.type === 'JSON' && parsesAsJson(effect.payload.text)) return withoutWhitespace(effect.payload.text);
  // A STRING payload, or a JSON one that does not parse (AWS sends it anyway, as is).
  return JSON.stringify(effect.payload.text);
}

/** A SiteWise value with its integer fields typed as integers, so they print without `.0`. */
function typedSiteWiseValue(propertyValue: SiteWiseValue): Record<string, unknown> {
  const { value, timestamp, quality } = propertyValue;
  return {
    value: value.integerValue === undefined ? value : { integerValue: BigInt(value.integerValue) },
    timestamp: { timeInSeconds: BigInt(timestamp.timeInSeconds), offsetInNanos: BigInt(timestamp.offsetInNanos) },
    quality,
  };
}

function parsesAsJson(text: string): boolean {
  try {
    // The strict parser: a payload with a duplicate key is printed as a string, which keeps it exact.
    parseTypedJson(text);
    return true;
  } catch {
    return false;
  }
}

/** Valid JSON text without the whitespace between its tokens; strings and numbers are untouched. */
function withoutWhitespace(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (inString) {
      out += char;
      if (char === '\\') out += json[++i];
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') {
      out += char;
    }
  }
  return out;
}
