import { AppError } from '../errors';
import { JsonNestingError, MAX_STORED_JSON_DEPTH, checkJsonValueNesting, parseTypedJson, stringifyTypedJson } from '../expression';
import { jsonPieces } from './json-pieces';
import { readMessageFields, type MessageFields } from './message-fields';
import { OPERATOR_MEMBER, readOperatorLine, type SimulatedOperatorAction } from './operator-line';
import type { OperatorRequest } from '../runtime/operate-alarms';
import type { SimulatedMessage } from './events';

/** What a replay file holds: messages, and operator actions on alarms. */
export type ReplayItem = SimulatedMessage | SimulatedOperatorAction;

/** An operator line read, before its time is known. */
interface OperatorFields {
  readonly operator: OperatorRequest;
  readonly timestamp: number | undefined;
}

/** Part of a messages file could not be read as messages; `line` is where that part starts. */
export class MessagesFileError extends AppError {
  constructor(
    message: string,
    readonly line: number,
    options?: ErrorOptions,
  ) {
    super(`line ${line}: ${message}`, options);
  }
}

/**
 * Reads the messages a simulation replays, one at a time, from the UTF-8 text of a messages file
 * in chunks of bytes: memory holds one message, whatever the length of the file. Accepts JSON lines, and JSON
 * documents one after another, of: a message, a JSON array of messages or of bodies (read one
 * element at a time), a BatchPutMessage body (`{"messages": […]}`), or an object of named bodies
 * (the AWS crane example) — a body is read whole, so it should hold what one request would (AWS
 * takes 10 messages per BatchPutMessage).
 *
 * A payload may be base64 (the API's wire form), JSON text (the AWS CLI's raw form) or a JSON
 * object, sent as its own text in the file (compact JSON when it sits in a body); a payload that is
 * not JSON is left for the simulator to reject on its own, as the deployed system does. A missing
 * timestamp is one second after the previous message.
 *
 * A part that is not a message (text that is not JSON, a value that is no message, a payload of
 * the wrong type, a missing comma in an array, an operator action) is handed to `onError` as a
 * {@link MessagesFileError} naming its line, and reading goes on with the next part: one bad line
 * of a long replay costs that line, not the replay. The default `onError` throws, which ends the
 * reading there, after every message before it was yielded.
 */
export function* readMessages(chunks: Iterable<Uint8Array>, start: number, onError: (error: MessagesFileError) => void = throwIt): Generator<SimulatedMessage> {
  for (const item of readReplay(chunks, start, onError)) {
    if ('operator' in item) onError(new MessagesFileError(`an operator action (${OPERATOR_MEMBER}), not a message: only vigil simulate replays them`, item.line));
    else yield item;
  }
}

/**
 * Reads what a simulation replays as {@link readMessages} does, and operator actions on alarms
 * besides: a line (or array element) with an `operatorAction` member is one request of a batch
 * alarm call ({@link readOperatorLine}); one the data API would refuse outright is a part that is
 * not a message (`onError`, with its line and the API's words). Operator actions take their place in
 * virtual time like messages: a missing timestamp is one second after the line before.
 */
export function* readReplay(chunks: Iterable<Uint8Array>, start: number, onError: (error: MessagesFileError) => void = throwIt): Generator<ReplayItem> {
  let clock = start - 1000;
  let count = 0;
  let operators = 0;
  const message = (fields: MessageFields): SimulatedMessage => {
    count++;
    const timestamp = fields.timestamp ?? clock + 1000;
    clock = timestamp;
    const messageId = fields.messageId ?? `message-${count}`;
    if (!fields.isObject) return { messageId, inputName: fields.inputName, raw: payloadTextOf(fields.payloadText), timestamp };
    return { messageId, inputName: fields.inputName, raw: fields.payloadText, payload: fields.payload, timestamp };
  };
  const item = (found: MessageFields | OperatorFields, line: number): ReplayItem => {
    if (!('operator' in found)) return message(found);
    clock = found.timestamp ?? clock + 1000;
    return { operator: found.operator, timestamp: clock, line };
  };
  for (const piece of jsonPieces(chunks, readMessageFields)) {
    if (piece.error !== undefined) {
      onError(new MessagesFileError(piece.error, piece.line));
      continue;
    }
    // Most pieces are one message: its members are read without parsing the whole of it.
    const fields = piece.quick ?? readMessageFields(piece.text);
    if (fields) {
      yield message(fields);
      continue;
    }
    const parsed = parsePiece(piece.text, piece.line);
    if (parsed instanceof MessagesFileError) onError(parsed);
    else for (const found of messagesIn(parsed, piece.line, onError, () => ++operators)) yield item(found, piece.line);
  }
}

function throwIt(error: MessagesFileError): never {
  throw error;
}

/** Reads a whole messages file held in memory (tests, small files): {@link readMessages} over one chunk. */
export function parseMessagesFile(text: string, start: number): SimulatedMessage[] {
  return [...readMessages([Buffer.from(text, 'utf8')], start)];
}

/** The piece parsed, or why it is not JSON. */
function parsePiece(text: string, line: number): unknown {
  try {
    // Deep enough for any payload the runtime accepts, wrapped in bodies; each payload's own depth
    // is checked on its own below.
    return parseTypedJson(text, MAX_STORED_JSON_DEPTH);
  } catch (error) {
    return new MessagesFileError(error instanceof JsonNestingError ? error.message : `not JSON: ${(error as Error).message}`, line, { cause: error });
  }
}

/**
 * The messages and operator actions in a parsed piece: itself, the elements of an array, a body's
 * `messages`, the values of named bodies. `nextOperator` numbers operator actions (their default request id).
 */
function messagesIn(value: unknown, line: number, onError: (error: MessagesFileError) => void, nextOperator: () => number): (MessageFields | OperatorFields)[] {
  const found: (MessageFields | OperatorFields)[] = [];
  const add = (item: unknown) => {
    if (Array.isArray(item)) item.forEach(add);
    else if (isObject(item) && OPERATOR_MEMBER in item) {
      const request = readOperatorLine(item, nextOperator());
      if ('error' in request) onError(new MessagesFileError(request.error, line));
      else found.push({ operator: request, timestamp: timestampOf(item.timestamp) });
    }
    else if (isObject(item) && Array.isArray(item.messages)) item.messages.forEach(add);
    else if (isObject(item) && typeof item.inputName === 'string') {
      const fields = fieldsOf(item, line);
      if (fields instanceof MessagesFileError) onError(fields);
      else found.push(fields);
    } else if (isObject(item)) Object.values(item).forEach(add);
    else onError(new MessagesFileError(`not a message: ${stringifyTypedJson(item).slice(0, 80)}`, line));
  };
  add(value);
  return found;
}

function fieldsOf(message: Record<string, unknown>, line: number): MessageFields | MessagesFileError {
  const { payload } = message;
  if (!isObject(payload) && typeof payload !== 'string') return new MessagesFileError(`the payload of message ${stringifyTypedJson(message.messageId ?? null)} must be a string or an object`, line);
  return {
    messageId: typeof message.messageId === 'string' ? message.messageId : undefined,
    inputName: message.inputName as string,
    payloadText: isObject(payload) ? stringifyTypedJson(payload) : payload,
    payload: isObject(payload) && nestsWithinLimit(payload) ? payload : undefined,
    isObject: isObject(payload),
    timestamp: timestampOf(message.timestamp),
  };
}

/** Whether a payload nests no deeper than the runtime accepts (a deeper one is left for it to refuse). */
function nestsWithinLimit(payload: unknown): boolean {
  try {
    checkJsonValueNesting(payload);
    return true;
  } catch {
    return false;
  }
}

function timestampOf(value: unknown): number | undefined {
  if (typeof value === 'bigint' || typeof value === 'number') return Number(value);
  if (isObject(value) && (typeof value.timeInMillis === 'bigint' || typeof value.timeInMillis === 'number')) return Number(value.timeInMillis);
  return undefined;
}

function payloadTextOf(payload: string): string {
  const trimmed = payload.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return payload;
  if (/^[A-Za-z0-9+/=\s]+$/.test(trimmed)) return Buffer.from(trimmed, 'base64').toString('utf8');
  return payload;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
