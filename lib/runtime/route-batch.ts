import { parseTypedJson } from '../expression';
import { routeMessage } from '../engine';
import type { CompiledModel } from '../model';
import { detectorId, type DetectorKey, type Catalog, type Telemetry } from '../ports';
import type { DetectorWork } from './evaluate-detector';
import type { IncomingMessage, MessageOutcome } from './messages';

/** A message's work for one detector, with the message's place in the batch. */
export interface RoutedWork {
  readonly index: number;
  readonly work: Extract<DetectorWork, { kind: 'message' }>;
}

/** One detector a batch reaches, and the messages it must apply. */
export interface DetectorGroup {
  readonly id: string;
  readonly key: DetectorKey;
  readonly model: CompiledModel;
  readonly items: RoutedWork[];
}

/** A batch sorted out: the messages refused outright, and the work of every detector it reaches. */
export interface RoutedBatch {
  /** Outcomes decided before any detector is read (bad payload, unknown input, no key), by index. */
  readonly rejected: Map<number, MessageOutcome>;
  readonly groups: Map<string, DetectorGroup>;
  /** The detectors each message reaches, by index (empty for rejected ones). */
  readonly reaches: readonly string[][];
}

/**
 * Checks each message (size, input, JSON object payload) and routes it to the detectors of every
 * model reading its input (spec §2.4), or only to its `targets` when it is a retry or replay
 * narrowed to some detectors. A message without a model's key fails only that model (D8).
 */
export function routeBatch(messages: readonly IncomingMessage[], catalog: Catalog, maxPayloadBytes: number, telemetry: Telemetry): RoutedBatch {
  const rejected = new Map<number, MessageOutcome>();
  const groups = new Map<string, DetectorGroup>();
  const reaches: string[][] = messages.map(() => []);
  messages.forEach((message, index) => {
    const reject = (code: 'InvalidRequestException' | 'ResourceNotFoundException', text: string) => {
      rejected.set(index, { status: 'rejected', code, message: text });
      telemetry.count('MessagesRejected');
      telemetry.log('warn', 'message rejected', { messageId: message.messageId, inputName: message.inputName, reason: text });
    };
    const bytes = Buffer.byteLength(message.payload, 'utf8');
    if (bytes > maxPayloadBytes) return reject('InvalidRequestException', `payload is ${bytes} bytes; the limit is ${maxPayloadBytes}`);
    if (!catalog.inputs.has(message.inputName)) return reject('ResourceNotFoundException', `input ${message.inputName} does not exist`);
    let payload: unknown = message.parsed;
    try {
      payload ??= parseTypedJson(message.payload);
    } catch (error) {
      return reject('InvalidRequestException', `payload is not valid JSON: ${(error as Error).message}`);
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return reject('InvalidRequestException', 'payload must be a JSON object');
    const routes = routeMessage(catalog.models, message.inputName, payload);
    const keyed = routes.filter((route) => route.key.error === undefined);
    const unkeyed = routes.flatMap((route) => (route.key.error === undefined ? [] : [route.key.error]));
    if (unkeyed.length && !keyed.length) return reject('InvalidRequestException', unkeyed.join('; '));
    for (const reason of unkeyed) telemetry.log('warn', 'message not routed to a model', { messageId: message.messageId, reason });
    const targets = message.targets && new Set(message.targets);
    const work = {
      kind: 'message' as const,
      messageId: message.messageId,
      inputName: message.inputName,
      payload: payload as Record<string, unknown>,
      raw: message.payload,
      timestamp: message.timestamp,
      possibleRepeat: message.possibleRepeat,
    };
    for (const route of keyed) {
      const key = { model: route.model.name, keyValue: route.key.error === undefined ? route.key.keyValue : undefined };
      const id = detectorId(key);
      if (targets && !targets.has(id)) continue;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { id, key, model: route.model, items: [] }));
      group.items.push({ index, work });
      reaches[index].push(id);
    }
  });
  return { rejected, groups, reaches };
}
