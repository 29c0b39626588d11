import type { EffectOf } from './sender';

/**
 * The message body of an `sqs` action, as the SQS sender sends it: the payload's text, or the
 * base64 of its UTF-8 bytes when the action says `useBase64`. A file of its own, without the SDK,
 * so `vigil simulate` prints exactly this body without loading the SQS client.
 * https://docs.aws.amazon.com/iotevents/latest/apireference/API_SqsAction.html
 */
export function messageBody(effect: EffectOf<'sqs'>): string {
  return effect.useBase64 ? Buffer.from(effect.payload.text, 'utf8').toString('base64') : effect.payload.text;
}
