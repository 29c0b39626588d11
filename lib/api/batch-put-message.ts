import type { IncomingMessage, MessageOutcome } from '../runtime/messages';
import { BATCH_PUT_MESSAGE_REQUEST } from './data/request-shapes';
import { apiErrors, json, type ApiResponse } from './http';
import { rejectUnknownMembers } from './request-fields';

const MESSAGE_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const INPUT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** At most this many messages per call (iotevents-data BatchPutMessage). */
const MAX_MESSAGES = 10;

/**
 * Reads a BatchPutMessage request (`{messages: [{messageId, inputName, payload, timestamp?}]}`):
 * 1–10 messages, unique ids, base64 payloads. Anything malformed rejects the whole request with
 * InvalidRequestException, as the service did.
 */
export function readBatchPutMessage(body: unknown): IncomingMessage[] {
  rejectUnknownMembers(body, BATCH_PUT_MESSAGE_REQUEST);
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { messages?: unknown }).messages)) {
    throw apiErrors.invalid('messages is required: a list of 1 to 10 messages');
  }
  const messages = (body as { messages: unknown[] }).messages;
  if (messages.length < 1 || messages.length > MAX_MESSAGES) {
    throw apiErrors.invalid(`1 validation error detected: Value at 'messages' failed to satisfy constraint: Member must have length between 1 and ${MAX_MESSAGES} (got ${messages.length})`);
  }
  const seen = new Set<string>();
  return messages.map((raw, i) => {
    const where = `messages[${i}]`;
    if (typeof raw !== 'object' || raw === null) throw apiErrors.invalid(`${where} must be an object`);
    const { messageId, inputName, payload, timestamp } = raw as Record<string, unknown>;
    if (typeof messageId !== 'string' || !MESSAGE_ID.test(messageId)) throw apiErrors.invalid(`${where}.messageId must be 1-64 characters of a-z, A-Z, 0-9, '_' or '-'`);
    if (seen.has(messageId)) throw apiErrors.invalid(`${where}.messageId '${messageId}' appears twice; ids must be unique within a batch`);
    seen.add(messageId);
    if (typeof inputName !== 'string' || !INPUT_NAME.test(inputName)) throw apiErrors.invalid(`${where}.inputName must match ^[a-zA-Z0-9][a-zA-Z0-9_.-]*$ (1-128 characters)`);
    if (typeof payload !== 'string' || !BASE64.test(payload)) throw apiErrors.invalid(`${where}.payload must be base64-encoded`);
    let time: number | undefined;
    if (timestamp !== undefined) {
      const millis = (timestamp as { timeInMillis?: unknown } | null)?.timeInMillis;
      if (typeof millis !== 'number' || !Number.isSafeInteger(millis) || millis < 1) throw apiErrors.invalid(`${where}.timestamp.timeInMillis must be a positive integer`);
      time = millis;
    }
    return { messageId, inputName, payload: Buffer.from(payload, 'base64').toString('utf8'), timestamp: time };
  });
}

/** The BatchPutMessage response: one error entry per message that was not accepted. */
export function batchPutMessageResponse(messages: readonly IncomingMessage[], outcomes: readonly MessageOutcome[]): ApiResponse {
  const entries = outcomes.flatMap((outcome, i) =>
    outcome.status === 'processed' ? [] : [{ messageId: messages[i].messageId, errorCode: outcome.code, errorMessage: outcome.message }],
  );
  return json(200, { BatchPutMessageErrorEntries: entries });
}
