import { randomUUID } from 'node:crypto';
import type { Message } from '@aws-sdk/client-iot-events-data';
import { API_OPTIONS, API_OPTIONS_HELP, parseCommandLine, printHelp, printJson, withApi } from '../api-client';
import { BATCH_PUT_MESSAGE_REQUEST, MESSAGE } from '../../lib/api/data/request-shapes';
import { readPlainJson } from '../files';
import { EXIT, UsageError, type CommandIo } from '../io';
import { refuseUnknownMembers } from '../model-files';

const HELP = `usage: vigil batch-put-message <messages.json> [options]
       vigil batch-put-message --input <InputName> --payload '<json>' [--message-id <id>] [--timestamp <epoch-ms>] [options]

Sends messages to inputs (BatchPutMessage), at most 10 per call, in file order. The file holds a
BatchPutMessage body, or an array of bodies or of messages; payloads are JSON text (as with the AWS
CLI's --cli-binary-format raw-in-base64-out), JSON objects, or base64. A message without a
messageId gets a random one. Each message prints 'accepted' or the error the API returned.

options:
  --input <name>       the input of a single message given on the command line
  --payload '<json>'   its payload
  --message-id <id>    its id (default: random)
  --timestamp <ms>     when it happened, epoch ms
${API_OPTIONS_HELP}

exit status: 0 all accepted, 1 any refused, 2 bad command line, 3 API not reachable.`;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `vigil batch-put-message`: BatchPutMessage from a file or from the command line. */
export async function batchPutMessageCommand(args: string[], io: CommandIo): Promise<number> {
  const options = { ...API_OPTIONS, input: { type: 'string' }, payload: { type: 'string' }, 'message-id': { type: 'string' }, timestamp: { type: 'string' } } as const;
  const { values, positionals } = parseCommandLine(args, options, HELP);
  if (values.help) return printHelp(io, HELP);
  let messages: Message[];
  if (values.input !== undefined || values.payload !== undefined) {
    if (positionals.length || values.input === undefined || values.payload === undefined) throw new UsageError(`give either a file, or --input and --payload\n\n${HELP}`);
    const timestamp = values.timestamp === undefined ? undefined : Number(values.timestamp);
    if (timestamp !== undefined && !Number.isSafeInteger(timestamp)) throw new UsageError(`--timestamp expects epoch milliseconds, not '${values.timestamp}'`);
    messages = [{ messageId: values['message-id'] ?? randomUUID(), inputName: values.input, payload: Buffer.from(values.payload), timestamp: timestamp === undefined ? undefined : { timeInMillis: timestamp } }];
  } else {
    if (positionals.length !== 1) throw new UsageError(`expected one messages file\n\n${HELP}`);
    const read = readMessages(positionals[0], io);
    if (!read) return EXIT.invalid;
    messages = read;
  }
  return withApi(io, 'batch-put-message', values, async ({ data }) => {
    const { BatchPutMessageCommand } = await import('@aws-sdk/client-iot-events-data');
    let refused = 0;
    for (let i = 0; i < messages.length; i += 10) {
      const batch = messages.slice(i, i + 10);
      const response = await data.send(new BatchPutMessageCommand({ messages: batch }));
      const errors = response.BatchPutMessageErrorEntries ?? [];
      refused += errors.length;
      if (values.json) printJson(io, response);
      else {
        for (const message of batch) {
          const error = errors.find((entry) => entry.messageId === message.messageId);
          if (error) io.err(`${message.messageId}: ${error.errorCode}: ${error.errorMessage}`);
          else io.out(`${message.messageId}: accepted`);
        }
      }
    }
    return refused ? EXIT.invalid : EXIT.ok;
  });
}

/** The messages of a file, in order, with their payloads as bytes; undefined when a message has an unknown member (printed). */
function readMessages(path: string, io: CommandIo): Message[] | undefined {
  const messages: Message[] = [];
  let refused = false;
  // A body's check covers its messages; a message outside a body is checked on its own.
  const add = (item: unknown, where: string, checked = false): void => {
    if (Array.isArray(item)) return item.forEach((entry, i) => add(entry, `${where}[${i}]`));
    const record = item as Record<string, unknown> | null;
    if (record && Array.isArray(record.messages)) {
      refused = refuseUnknownMembers(io, 'batch-put-message', path, record, BATCH_PUT_MESSAGE_REQUEST, where) || refused;
      return record.messages.forEach((entry) => add(entry, where, true));
    }
    if (!record || typeof record.inputName !== 'string') throw new UsageError(`${path}: not a message: ${JSON.stringify(item)?.slice(0, 80)}`);
    if (!checked) refused = refuseUnknownMembers(io, 'batch-put-message', path, record, MESSAGE, where) || refused;
    const timestamp = (record.timestamp as { timeInMillis?: unknown } | undefined)?.timeInMillis;
    messages.push({
      messageId: typeof record.messageId === 'string' ? record.messageId : randomUUID(),
      inputName: record.inputName,
      payload: payloadBytes(record.payload),
      timestamp: typeof timestamp === 'number' ? { timeInMillis: timestamp } : undefined,
    });
  };
  add(readPlainJson(path), '');
  if (!messages.length) throw new UsageError(`${path} holds no messages`);
  return refused ? undefined : messages;
}

/** JSON text as it is; text that is not JSON but is base64 decoded (the wire form); objects as JSON. */
function payloadBytes(payload: unknown): Uint8Array {
  if (typeof payload !== 'string') return Buffer.from(JSON.stringify(payload ?? {}));
  try {
    JSON.parse(payload);
    return Buffer.from(payload);
  } catch {
    return BASE64.test(payload) ? Buffer.from(payload, 'base64') : Buffer.from(payload);
  }
}
