import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ActionEffect } from '../../engine';

/**
 * A preset dictionary for the outbox: the text every effect shares — its field names and the
 * default payload's skeleton. With it a single SNS action's default payload compresses from 890
 * bytes to 230; without, to 440 (DynamoDB charges a write unit per KB of item). Never change it in
 * place: stored outboxes name the dictionary they were written with (their first byte).
 */
const DICTIONARY_1 = Buffer.from(
  '[{"actionExecutionId":"","eventName":"","detectorModelName":"","detectorModelVersion":"1","keyValue":"","time":,"path":"states[0].onInput.events[0].actions[0]",' +
    '"type":"sns","targetArn":"arn:aws:sns:","payload":{"type":"JSON","text":"{\\"eventTime\\":,\\"payload\\":{\\"actionExecutionId\\":\\"\\",\\"detector\\":' +
    '{\\"detectorModelName\\":\\"\\",\\"keyValue\\":\\"\\",\\"detectorModelVersion\\":\\"1\\"},\\"eventTriggerDetails\\":{\\"inputName\\":\\"\\",\\"messageId\\":\\"\\",' +
    '\\"triggerType\\":\\"Message\\"},\\"state\\":{\\"stateName\\":\\"\\",\\"variables\\":{},\\"timers\\":{}}},\\"eventName\\":\\"\\"}"}}]',
);
const DICTIONARIES: Readonly<Record<number, Buffer>> = { 1: DICTIONARY_1 };
const CURRENT = 1;

/** A binary attribute's bytes: as the SDK reads them, or base64 text as a Lambda stream event (JSON) carries them. */
export function binaryValue(value: Uint8Array | string): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
}

/** An outbox as stored: the dictionary's number, then the effects' JSON deflated with it. */
export function encodeOutbox(effects: readonly ActionEffect[]): Uint8Array {
  const body = deflateRawSync(JSON.stringify(effects), { level: 6, dictionary: DICTIONARIES[CURRENT] });
  const bytes = new Uint8Array(body.length + 1);
  bytes[0] = CURRENT;
  bytes.set(body, 1);
  return bytes;
}

/**
 * The effects of a stored outbox. Earlier releases wrote the JSON as text (`S`). Binary comes as
 * bytes from the SDK and as base64 text in a Lambda stream event (whose body is JSON).
 * @throws Error on bytes that are no outbox (an unknown dictionary, corrupt deflate data).
 */
export function decodeOutbox(outbox: { readonly S?: string; readonly B?: Uint8Array | string }): ActionEffect[] {
  if (outbox.S !== undefined) return JSON.parse(outbox.S) as ActionEffect[];
  const bytes = binaryValue(outbox.B ?? new Uint8Array(0));
  const dictionary = DICTIONARIES[bytes[0]];
  if (!dictionary) throw new Error(`outbox written with an unknown dictionary (${bytes[0]}); is this release older than the one that wrote it?`);
  return JSON.parse(inflateRawSync(bytes.subarray(1), { dictionary }).toString('utf8')) as ActionEffect[];
}
