import { isSiteWiseInputName, parseTypedJson } from '../expression';
import { routeAlarmMessage, routeMessage, type AlarmRoute, type Route } from '../engine';
import type { CompiledAlarmModel, CompiledModel } from '../model';
import { alarmId, detectorId, type AlarmKey, type DetectorKey, type Catalog, type Telemetry } from '../ports';
import type { DetectorWork } from './evaluate-detector';
import type { IncomingMessage, MessageOutcome } from './messages';

/** The largest payload accepted by default, in bytes: AWS IoT Core's own limit (128 KiB; decision R6). */
export const DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024;

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

/** One alarm instance a batch reaches, and the messages it must apply. */
export interface AlarmGroup {
  /** {@link alarmId}: `alarm:<model>|<key>`, apart from every detector's id. */
  readonly id: string;
  readonly key: AlarmKey;
  readonly model: CompiledAlarmModel;
  readonly items: RoutedWork[];
}

/** A batch sorted out: the messages refused outright, and the work of every detector and alarm instance it reaches. */
export interface RoutedBatch {
  /** Outcomes decided before any detector is read (bad payload, unknown input, no key), by index. */
  readonly rejected: Map<number, MessageOutcome>;
  readonly groups: Map<string, DetectorGroup>;
  readonly alarmGroups: Map<string, AlarmGroup>;
  /** The detectors and alarm instances each message reaches (their ids), by index (empty for rejected ones). */
  readonly reaches: readonly string[][];
}

/** The models and inputs a message is checked against (a {@link Catalog}, or the simulator's). */
export interface RoutingCatalog {
  readonly models: readonly CompiledModel[];
  readonly alarmModels?: readonly CompiledAlarmModel[];
  readonly inputs: { has(inputName: string): boolean };
}

// Most catalogs have no alarm model: their messages share one empty list.
const NO_ALARM_ROUTES: readonly AlarmRoute[] = Object.freeze([]);

/**
 * What the checks decided for one message: refused outright (`rejected`, with every model it
 * reaches when the reason is that none of them finds its key), or its work and the models it
 * reaches, each with its key or the reason it has none (that model alone is skipped, D8).
 */
export type CheckedMessage =
  | { readonly rejected: Extract<MessageOutcome, { status: 'rejected' }>; readonly routes: readonly Route[]; readonly alarmRoutes?: readonly AlarmRoute[] }
  | { readonly rejected?: undefined; readonly work: RoutedWork['work']; readonly routes: readonly Route[]; readonly alarmRoutes: readonly AlarmRoute[] };

/**
 * Checks one message as every entry point does — payload size, known input, a JSON object payload,
 * a key for at least one model reading its input (spec §2.4, D8) — and routes it. The one
 * validation path of the deployed runtime ({@link routeBatch}) and of `vigil simulate`.
 */
export function checkMessage(message: IncomingMessage, catalog: RoutingCatalog, maxMessageBytes: number): CheckedMessage {
  const reject = (code: 'InvalidRequestException' | 'ResourceNotFoundException', text: string, routes: readonly Route[] = [], alarmRoutes?: readonly AlarmRoute[]): CheckedMessage => ({
    rejected: { status: 'rejected', code, message: text },
    routes,
    ...(alarmRoutes ? { alarmRoutes } : {}),
  });
  // Native: every message is measured, payloads up to the limit (128 KiB). The pure core's
  // utf8Length counts the same (held to Buffer by its property test).
  const bytes = Buffer.byteLength(message.payload, 'utf8');
  if (bytes > maxMessageBytes) return reject('InvalidRequestException', `payload is ${bytes} bytes; the limit is ${maxMessageBytes}`);
  // Every SiteWise property has its built-in input: a notification no alarm model reads reaches none.
  if (!catalog.inputs.has(message.inputName) && !isSiteWiseInputName(message.inputName)) return reject('ResourceNotFoundException', `input ${message.inputName} does not exist`);
  let payload: unknown = message.parsed;
  try {
    payload ??= parseTypedJson(message.payload);
  } catch (error) {
    return reject('InvalidRequestException', `payload is not valid JSON: ${(error as Error).message}`);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return reject('InvalidRequestException', 'payload must be a JSON object');
  const routes = routeMessage(catalog.models, message.inputName, payload);
  // Alarm models reading the input key their instances the same way; one message reaches both kinds.
  const alarmRoutes = catalog.alarmModels?.length ? routeAlarmMessage(catalog.alarmModels, message.inputName, payload) : NO_ALARM_ROUTES;
  const unkeyed = (route: Route | AlarmRoute) => route.key.error !== undefined;
  if (routes.length + alarmRoutes.length && routes.every(unkeyed) && alarmRoutes.every(unkeyed)) {
    return reject('InvalidRequestException', [...routes, ...alarmRoutes].map((route) => route.key.error).join('; '), routes, alarmRoutes);
  }
  const work = {
    kind: 'message' as const,
    messageId: message.messageId,
    inputName: message.inputName,
    payload: payload as Record<string, unknown>,
    raw: message.payload,
    timestamp: message.timestamp,
    possibleRepeat: message.possibleRepeat,
  };
  return { work, routes, alarmRoutes };
}

/**
 * Checks each message ({@link checkMessage}) and routes it to the detectors of every model reading
 * its input (spec §2.4) and to the instances of every alarm model reading it, or only to its `targets` when it is a retry or replay narrowed to some
 * detectors. A message without a model's key fails only that model (D8).
 */
export function routeBatch(messages: readonly IncomingMessage[], catalog: Catalog, maxMessageBytes: number, telemetry: Telemetry): RoutedBatch {
  const rejected = new Map<number, MessageOutcome>();
  const groups = new Map<string, DetectorGroup>();
  const alarmGroups = new Map<string, AlarmGroup>();
  const reaches: string[][] = messages.map(() => []);
  messages.forEach((message, index) => {
    const checked = checkMessage(message, catalog, maxMessageBytes);
    if (checked.rejected) {
      rejected.set(index, checked.rejected);
      telemetry.count('MessagesRejected');
      telemetry.log('warn', 'message rejected', { messageId: message.messageId, inputName: message.inputName, reason: checked.rejected.message });
      return;
    }
    const targets = message.targets && new Set(message.targets);
    // Each model reached, detector or alarm, gets the message in the group of its detector or instance.
    const join = <M extends { readonly name: string }>(all: Map<string, { id: string; key: DetectorKey; model: M; items: RoutedWork[] }>, route: { model: M; key: Route['key'] }, idOf: (key: DetectorKey) => string) => {
      if (route.key.error !== undefined) {
        telemetry.log('warn', 'message not routed to a model', { messageId: message.messageId, reason: route.key.error });
        return;
      }
      const key = { model: route.model.name, keyValue: route.key.keyValue };
      const id = idOf(key);
      if (targets && !targets.has(id)) return;
      let group = all.get(id);
      if (!group) all.set(id, (group = { id, key, model: route.model, items: [] }));
      group.items.push({ index, work: checked.work });
      reaches[index].push(id);
    };
    for (const route of checked.routes) join(groups, route, detectorId);
    for (const route of checked.alarmRoutes) join(alarmGroups, route, alarmId);
  });
  return { rejected, groups, alarmGroups, reaches };
}
