import { parseTypedJson, stringifyTypedJson } from '../expression';
import type { IncomingMessage } from './messages';
import { RULE_FIELDS, isRuleField, ruleAddress, type Output, type Unreadable } from './rule-fields';

/**
 * Most messages one batch may hold: AWS IoT Events' BatchMode sends the array with one
 * BatchPutMessage, which takes 1 to 10 (https://docs.aws.amazon.com/iot/latest/apireference/API_IotEventsAction.html:
 * "The resulting array can't have more than 10 messages").
 */
export const MAX_BATCH_MESSAGES = 10;

/**
 * Reads a topic rule's output as a batch of messages, as the IotEvents action's BatchMode does, or
 * returns undefined when it is not one (the caller reads it as one message). It is a batch when
 * the rule selected `true AS vigilBatchMode` and the payload (`vigilRaw`, which a batch rule must
 * select) is a JSON array; each element is then one message for the rule's input:
 *
 * - An element is the message's payload, whole: as on AWS, it carries no id of its own (a
 *   `messageId` field in it is payload). The fields the rule added beside Vigil's (`topic(3) AS
 *   motorid`) are added to every element, winning over the element's own.
 * - Its id is derived from the delivery, `<id>_<index>`, where `<id>` is the rule's
 *   `vigilMessageId` if it selected one (AWS refuses a MessageId with BatchMode; a hand-written
 *   rule may still) or else `fallbackId`: the SQS message id, or the Lambda request id of the
 *   direct path, both kept across redeliveries, so a redelivered batch is recognised element by
 *   element and nothing is applied twice.
 * - An element that is not a JSON object is unreadable on its own (dead-lettered with its id and
 *   text); the others are processed.
 * - An empty array, or one of more than {@link MAX_BATCH_MESSAGES} elements, is unreadable whole,
 *   as AWS's BatchPutMessage call fails whole (and the rule's error action gets the payload).
 * - [UNDOC] A payload that is not an array is one message, as without BatchMode: AWS documents
 *   only the array case ("When batchMode is true and the rule SQL statement evaluates to an Array").
 */
export function batchMessages(output: unknown, fallbackId: string): (IncomingMessage | Unreadable)[] | undefined {
  if (output === null || typeof output !== 'object' || Array.isArray(output)) return undefined;
  const { [RULE_FIELDS.raw]: raw, ...fields } = output as Output;
  if (fields[RULE_FIELDS.batch] !== true) return undefined;
  if (typeof raw !== 'string') return [{ error: `a batch rule (true AS ${RULE_FIELDS.batch}) must select the payload as encode(*, 'base64') AS ${RULE_FIELDS.raw}` }];
  let elements: unknown;
  try {
    elements = parseTypedJson(Buffer.from(raw, 'base64').toString('utf8'));
  } catch {
    // Not JSON: read as one message, which reports why.
    return undefined;
  }
  if (!Array.isArray(elements)) return undefined;
  if (elements.length === 0 || elements.length > MAX_BATCH_MESSAGES) {
    return [{ error: `a batch holds 1 to ${MAX_BATCH_MESSAGES} messages (AWS IoT Events' BatchMode limit), this one ${elements.length}` }];
  }
  const address = ruleAddress(fields);
  if ('error' in address) return [address];
  const added = Object.fromEntries(Object.entries(fields).filter(([name]) => !isRuleField(name)));
  const base = address.messageId ?? fallbackId;
  return elements.map((element, index): IncomingMessage | Unreadable => {
    const messageId = `${base}_${index}`;
    if (element === null || typeof element !== 'object' || Array.isArray(element)) {
      const kind = element === null ? 'null' : Array.isArray(element) ? 'an array' : `a ${typeof element === 'bigint' ? 'number' : typeof element}`;
      return { error: `element ${index} of the batch must be a JSON object, not ${kind}`, element: { messageId, body: stringifyTypedJson(element) } };
    }
    const payload: Output = { ...(element as Output), ...added };
    return { messageId, inputName: address.inputName, payload: stringifyTypedJson(payload), parsed: payload, timestamp: address.timestamp, origin: 'telemetry' };
  });
}
