import { stringifyTypedJson } from '../lib/expression';
import { effectTarget, type ActionEffect, type SiteWiseValue } from '../lib/engine';
import { messageBody } from '../lib/adapters/dispatch/sqs-message-body';
import { compactJson } from './compact-json';

/**
 * The JSON line `vigil simulate` prints for one action: where it went and what it carried. The
 * payload is shown exactly as it would be sent: a JSON payload is spliced in as its own text, with
 * only the whitespace between tokens removed to keep one line (parsing and re-printing it would
 * turn `1.50` into `1.5` and round integers beyond 64 bits); any other payload is a JSON string.
 * An alarm model's action (`source` 'alarm') names its model `alarmModelName`; its `eventName` is
 * the state the alarm entered.
 */
export function actionLine(time: number, effect: ActionEffect, source: 'detector' | 'alarm' = 'detector'): string {
  const head = stringifyTypedJson({
    type: 'action',
    time: BigInt(time),
    [source === 'alarm' ? 'alarmModelName' : 'detectorModelName']: effect.detectorModelName,
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
  // The body the SQS sender sends: with useBase64, a base64 string, printed as a JSON string.
  if (effect.type === 'sqs' && effect.useBase64) return JSON.stringify(messageBody(effect));
  // The typed parser decides what is JSON: a payload with a duplicate key is printed as a string, which keeps it exact.
  const json = effect.payload.type === 'JSON' ? compactJson(effect.payload.text) : undefined;
  // A STRING payload, or a JSON one that does not parse (AWS sends it anyway, as is).
  return json ?? JSON.stringify(effect.payload.text);
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
