import { parseTypedJson, stringifyTypedJson } from '../expression';
import type { SimulatedMessage } from './simulator';

/** The messages file could not be read as messages. */
export class MessagesFileError extends Error {}

/**
 * Reads the messages a simulation replays. Accepts a BatchPutMessage body (`{"messages": […]}`),
 * a JSON array of messages or of bodies, an object of named bodies (the AWS crane example), or JSON
 * lines of any of these. A payload may be base64 (the API's wire form), JSON text (the AWS CLI's
 * raw form) or a JSON object; its text is not parsed here, so a payload that is not JSON is left for
 * the simulator to reject on its own, as the deployed system does. A missing timestamp is one
 * second after the previous message.
 */
export function parseMessagesFile(text: string, start: number): SimulatedMessage[] {
  const documents = readDocuments(text);
  const raw: Record<string, unknown>[] = [];
  const add = (item: unknown) => {
    if (Array.isArray(item)) item.forEach(add);
    else if (isObject(item) && Array.isArray(item.messages)) item.messages.forEach(add);
    else if (isObject(item) && typeof item.inputName === 'string') raw.push(item);
    else if (isObject(item)) Object.values(item).forEach(add);
    else throw new MessagesFileError(`not a message: ${stringifyTypedJson(item).slice(0, 80)}`);
  };
  documents.forEach(add);
  let clock = start - 1000;
  return raw.map((message, index) => {
    const timestamp = timestampOf(message.timestamp) ?? clock + 1000;
    clock = timestamp;
    return {
      messageId: typeof message.messageId === 'string' ? message.messageId : `message-${index + 1}`,
      inputName: message.inputName as string,
      raw: payloadTextOf(message.payload, index),
      timestamp,
    };
  });
}

function readDocuments(text: string): unknown[] {
  try {
    return [parseTypedJson(text)];
  } catch {
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line, i) => {
        try {
          return parseTypedJson(line);
        } catch (error) {
          throw new MessagesFileError(`line ${i + 1} is not JSON: ${(error as Error).message}`);
        }
      });
  }
}

function timestampOf(value: unknown): number | undefined {
  if (typeof value === 'bigint' || typeof value === 'number') return Number(value);
  if (isObject(value) && (typeof value.timeInMillis === 'bigint' || typeof value.timeInMillis === 'number')) return Number(value.timeInMillis);
  return undefined;
}

function payloadTextOf(payload: unknown, index: number): string {
  if (isObject(payload)) return stringifyTypedJson(payload);
  if (typeof payload !== 'string') throw new MessagesFileError(`message ${index}: payload must be a string or an object`);
  const trimmed = payload.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return payload;
  if (/^[A-Za-z0-9+/=\s]+$/.test(trimmed)) return Buffer.from(trimmed, 'base64').toString('utf8');
  return payload;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
