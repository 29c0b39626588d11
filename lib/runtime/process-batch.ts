import { failureCode } from '../errors';
import { parseTypedJson } from '../expression';
import { routeMessage } from '../engine';
import type { CompiledModel } from '../model';
import { DetectorTooLargeError, detectorId, type DetectorKey, type ModelSource, type TraceEntry } from '../ports';
import { commitDetector, saveTraces, type CommitDeps, type ConflictPolicy } from './commit-detector';
import { evaluateDetector, type DetectorEvaluation, type DetectorWork, type EvaluationSettings } from './evaluate-detector';
import type { IncomingMessage, MessageOutcome } from './messages';
import { mapConcurrent } from './concurrency';

/** Everything `processBatch` needs. */
export interface BatchDeps extends CommitDeps {
  readonly models: ModelSource;
}

/** Limits and behaviour of batch processing. */
export interface BatchSettings extends EvaluationSettings {
  /** Largest payload accepted, in bytes (AWS's quota: 1 KB, adjustable). */
  readonly maxPayloadBytes: number;
  /** Detectors written in parallel. */
  readonly concurrency: number;
  readonly conflicts?: ConflictPolicy;
}

interface Routed {
  readonly index: number;
  readonly work: Extract<DetectorWork, { kind: 'message' }>;
}

/**
 * Delivers a batch of messages to their detectors. Each detector the batch touches is read once
 * (one BatchGetItem per 100), has all its messages applied in timestamp order, and is written
 * once, with a conditional write. Returns one outcome per message, in order: a bad message is
 * rejected on its own while the rest of the batch is processed; a store failure fails only the
 * messages of the detectors it touched.
 */
export async function processBatch(messages: readonly IncomingMessage[], deps: BatchDeps, settings: BatchSettings): Promise<MessageOutcome[]> {
  const outcomes: MessageOutcome[] = messages.map(() => ({ status: 'processed' }));
  const catalog = await deps.models.catalog();
  const groups = new Map<string, { key: DetectorKey; model: CompiledModel; items: Routed[] }>();

  messages.forEach((message, index) => {
    const rejection = (code: 'InvalidRequestException' | 'ResourceNotFoundException', text: string) => {
      outcomes[index] = { status: 'rejected', code, message: text };
      deps.telemetry.count('MessagesRejected');
      deps.telemetry.log('warn', 'message rejected', { messageId: message.messageId, inputName: message.inputName, reason: text });
    };
    const bytes = Buffer.byteLength(message.payload, 'utf8');
    if (bytes > settings.maxPayloadBytes) return rejection('InvalidRequestException', `payload is ${bytes} bytes; the limit is ${settings.maxPayloadBytes}`);
    if (!catalog.inputs.has(message.inputName)) return rejection('ResourceNotFoundException', `input ${message.inputName} does not exist`);
    let payload: unknown = message.parsed;
    try {
      payload ??= parseTypedJson(message.payload);
    } catch (error) {
      return rejection('InvalidRequestException', `payload is not valid JSON: ${(error as Error).message}`);
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return rejection('InvalidRequestException', 'payload must be a JSON object');
    const routes = routeMessage(catalog.models, message.inputName, payload);
    const keyed = routes.filter((route) => route.key.error === undefined);
    const unkeyed = routes.flatMap((route) => (route.key.error === undefined ? [] : [route.key.error]));
    // A message without the key fails only the models that need it (spec §2.4, docs/decisions.md D8).
    if (unkeyed.length && !keyed.length) return rejection('InvalidRequestException', unkeyed.join('; '));
    for (const reason of unkeyed) deps.telemetry.log('warn', 'message not routed to a model', { messageId: message.messageId, reason });
    const work = { kind: 'message' as const, messageId: message.messageId, inputName: message.inputName, payload: payload as Record<string, unknown>, raw: message.payload, timestamp: message.timestamp };
    for (const route of keyed) {
      const key = { model: route.model.name, keyValue: route.key.error === undefined ? route.key.keyValue : undefined };
      const id = detectorId(key);
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { key, model: route.model, items: [] }));
      group.items.push({ index, work });
    }
  });

  if (groups.size === 0) return outcomes;
  const fail = (indexes: Iterable<number>, error: Error, detector?: string) => {
    const messageIds: string[] = [];
    if (error instanceof DetectorTooLargeError) {
      // No retry can succeed: reject (the queue path dead-letters them with this reason).
      for (const index of indexes) {
        outcomes[index] = { status: 'rejected', code: 'InvalidRequestException', message: error.message };
        messageIds.push(messages[index].messageId);
      }
      deps.telemetry.count('MessagesRejected', messageIds.length);
      deps.telemetry.log('error', 'messages rejected: the detector cannot be stored', { detector, messageIds, error: error.message });
      return;
    }
    for (const index of indexes) {
      outcomes[index] = { status: 'failed', code: failureCode(error), message: error.message };
      messageIds.push(messages[index].messageId);
    }
    deps.telemetry.count('MessagesFailed', messageIds.length);
    deps.telemetry.log('error', 'messages not processed; they will be retried', { detector, messageIds, error: error.message, name: error.name });
  };

  let stored;
  try {
    stored = await deps.detectors.getMany([...groups.values()].map((group) => group.key));
  } catch (error) {
    fail(allIndexes(groups.values()), error as Error);
    return outcomes;
  }
  const now = deps.clock.now();
  const plans = [...groups.entries()].map(([id, group]) => {
    // Messages of one detector apply in timestamp order; ties keep their order in the batch. A
    // message without a timestamp happens when it is processed (decision D12), after stamped ones.
    const items = [...group.items].sort((a, b) => (a.work.timestamp ?? now) - (b.work.timestamp ?? now) || a.index - b.index);
    const work = items.map((item) => item.work);
    return { id, group, items, work, evaluation: tryEvaluate(() => evaluateDetector(group.model, group.key, stored.get(id), work, now, settings)) };
  });
  // The wake-ups of the whole batch in one write (25 per request), before any detector write. If
  // that fails, each detector with wake-ups writes its own, so a failure stays with its detector.
  const wakeups = plans.flatMap(({ evaluation }) => (evaluation?.changed && evaluation.snapshot ? evaluation.wakeups : []));
  let batched = true;
  try {
    if (wakeups.length) await deps.wakeups.schedule(wakeups);
  } catch (error) {
    batched = false;
    deps.telemetry.log('warn', 'could not write the batch of timer wake-ups; writing them per detector', { error: (error as Error).message });
  }
  const traces: TraceEntry[] = [];
  await mapConcurrent(plans, settings.concurrency, async ({ id, group, items, work, evaluation: first }) => {
    const prepared = batched || !first?.wakeups.length ? first : undefined;
    const result = await commitDetector(group.model, group.key, stored.get(id), work, settings, deps, settings.conflicts, { prepared, deferTraces: true });
    if (!result.ok) return fail(items.map((item) => item.index), result.error, id);
    const { evaluation } = result;
    if (result.traces) traces.push(result.traces);
    deps.telemetry.count('Evaluations', evaluation.traces.length - evaluation.duplicates - evaluation.skipped);
    if (evaluation.duplicates) deps.telemetry.count('DuplicatesIgnored', evaluation.duplicates);
    if (evaluation.skipped) deps.telemetry.count('OutOfOrderSkipped', evaluation.skipped);
    if (evaluation.effects.length) deps.telemetry.count('ActionsQueued', evaluation.effects.length);
    for (const trace of evaluation.traces) {
      deps.telemetry.log('debug', 'evaluation', { detector: id, messageId: trace.messageId, state: trace.finalState, status: trace.status });
    }
  });
  // Every detector's traces in one write (25 per request), after their states are committed.
  await saveTraces(deps, traces);
  deps.telemetry.count('MessagesProcessed', outcomes.filter((outcome) => outcome.status === 'processed').length);
  return outcomes;
}

/** An evaluation that throws is left to commitDetector, which reports it for that detector only. */
function tryEvaluate(evaluate: () => DetectorEvaluation): DetectorEvaluation | undefined {
  try {
    return evaluate();
  } catch {
    return undefined;
  }
}

function allIndexes(groups: Iterable<{ items: Routed[] }>): Set<number> {
  const indexes = new Set<number>();
  for (const group of groups) for (const item of group.items) indexes.add(item.index);
  return indexes;
}
