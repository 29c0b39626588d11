import { failureCode } from '../errors';
import type { IdWindow } from '../engine';
import { DetectorTooLargeError, UnreadableDetectorError, detectorId, type MessageIdStore, type ModelSource, type StoredDetector, type TraceEntry, type Wakeup } from '../ports';
import { commitDetector, evaluateWithSpilled, saveTraces, type CommitDeps, type CommitResult, type ConflictPolicy } from './commit-detector';
import { mapConcurrent } from './concurrency';
import type { DetectorEvaluation, EvaluationSettings } from './evaluate-detector';
import type { IncomingMessage, MessageOutcome } from './messages';
import { routeBatch, type DetectorGroup } from './route-batch';

/** Everything `processBatch` needs. */
export interface BatchDeps extends CommitDeps {
  readonly models: ModelSource;
}

/** Limits and behaviour of batch processing. */
export interface BatchSettings extends EvaluationSettings {
  /** Largest payload accepted, in bytes (AWS's quota: 1 KB, adjustable). */
  readonly maxMessageBytes: number;
  /** Detectors written in parallel. */
  readonly concurrency: number;
  readonly conflicts?: ConflictPolicy;
}

/** What became of one detector's share of the batch. */
type DetectorResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly permanent: boolean;
      readonly error: Error;
      /** Messages it had applied already, in an earlier committed write: applied, though this write failed. */
      readonly applied?: ReadonlySet<string>;
    };

/** A detector as loaded for the batch, with its first evaluation when it could be made ahead. */
interface Loaded {
  readonly group: DetectorGroup;
  readonly stored: StoredDetector | undefined;
  readonly spilled?: IdWindow;
  readonly ahead?: DetectorEvaluation;
}

/**
 * Delivers a batch of messages to their detectors: each detector the batch reaches is read once
 * (one BatchGetItem per 100), applies its messages in timestamp order, and is written once, with a
 * conditional write. Returns one outcome per message, in order. Failures stay where they happen:
 * a bad message is rejected alone; a detector that cannot be read, evaluated or written fails only
 * its own share, and a message some detectors applied and others did not says which did not
 * (`unapplied`), so a retry or a dead letter can be narrowed to them.
 */
export async function processBatch(messages: readonly IncomingMessage[], deps: BatchDeps, settings: BatchSettings): Promise<MessageOutcome[]> {
  const routed = routeBatch(messages, await deps.models.catalog(), settings.maxMessageBytes, deps.telemetry);
  const results = new Map<string, DetectorResult>();
  const loaded = await load([...routed.groups.values()], deps, settings, results);
  const traces: TraceEntry[] = [];
  // Every detector of the batch puts its traces on one page, written once after their states.
  const tracePage = deps.traces?.newPage();
  const batched = await writeAheadTogether(loaded, deps);
  await mapConcurrent(loaded, settings.concurrency, async ({ group, stored, spilled, ahead }) => {
    const prepared = ahead && (batched || (!ahead.wakeups.length && !ahead.spill)) ? ahead : undefined;
    const work = group.items.map((item) => item.work);
    const result = await commitDetector(group.model, group.key, stored, work, settings, deps, settings.conflicts, { prepared, spilled, tracePage });
    results.set(group.id, result.ok ? { ok: true } : failure(result, ahead));
    if (result.ok) count(result, deps, group.id);
    else report(group, result.error, deps);
    if (result.ok && result.traces) traces.push(result.traces);
  });
  if (tracePage) await saveTraces(deps, tracePage, traces);
  const outcomes = messages.map((message, index) => routed.rejected.get(index) ?? outcomeOf(message.messageId, routed.reaches[index], results));
  const tally = (status: MessageOutcome['status']) => outcomes.filter((outcome, index) => outcome.status === status && !routed.rejected.has(index)).length;
  deps.telemetry.count('MessagesProcessed', tally('processed'));
  if (tally('failed')) deps.telemetry.count('MessagesFailed', tally('failed'));
  if (tally('rejected')) deps.telemetry.count('MessagesRejected', tally('rejected'));
  return outcomes;
}

/**
 * Reads the batch's detectors (an unreadable item fails only its own detector), the ids spilled
 * by those that need them, and evaluates each one ahead, in timestamp order: messages of one
 * detector apply by their time, ties in batch order, and one without a time happens when it is
 * processed (decision D12), after stamped ones.
 */
async function load(groups: readonly DetectorGroup[], deps: BatchDeps, settings: BatchSettings, results: Map<string, DetectorResult>): Promise<Loaded[]> {
  if (!groups.length) return [];
  let stored: Map<string, StoredDetector>;
  try {
    stored = await deps.detectors.getMany(groups.map((group) => group.key), { onUnreadable: (error) => results.set(detectorId(error.key), { ok: false, permanent: true, error }) });
  } catch (error) {
    for (const group of groups) results.set(group.id, { ok: false, permanent: false, error: error as Error });
    for (const group of groups) report(group, error as Error, deps);
    return [];
  }
  const now = deps.clock.now();
  // As commitDetector evaluates: no spill without a table to keep the spilled ids.
  const spilling = { ...settings, spillIds: settings.spillIds !== false && deps.messageIds !== undefined };
  const readable = groups.filter((group) => {
    const unreadable = results.get(group.id);
    if (unreadable && !unreadable.ok) report(group, unreadable.error, deps);
    return !unreadable;
  });
  return Promise.all(
    readable.map(async (group) => {
      group.items.sort((a, b) => (a.work.timestamp ?? now) - (b.work.timestamp ?? now) || a.index - b.index);
      const current = stored.get(group.id);
      try {
        const ahead = await evaluateWithSpilled(group.model, group.key, current, group.items.map((item) => item.work), spilling, deps);
        return { group, stored: current, ahead };
      } catch {
        // Evaluated again, and reported for this detector only, by commitDetector.
        return { group, stored: current };
      }
    }),
  );
}

/**
 * Writes the batch's new wake-ups and spilled ids in one go (25 per request) before any detector.
 * If that fails, each detector writes its own, so a failure stays with its detector.
 */
async function writeAheadTogether(loaded: readonly Loaded[], deps: BatchDeps): Promise<boolean> {
  const wakeups: Wakeup[] = [];
  const spills: Parameters<MessageIdStore['spill']>[0][number][] = [];
  for (const { group, ahead } of loaded) {
    if (!ahead?.changed || !ahead.snapshot) continue;
    wakeups.push(...ahead.wakeups);
    if (ahead.spill) spills.push({ key: group.key, ...ahead.spill });
  }
  try {
    await Promise.all([wakeups.length ? deps.wakeups.schedule(wakeups) : undefined, spills.length && deps.messageIds ? deps.messageIds.spill(spills) : undefined]);
    return true;
  } catch (error) {
    deps.telemetry.log('warn', "could not write the batch's timer wake-ups and spilled ids; writing them per detector", { error: (error as Error).message });
    return false;
  }
}

/** A message's outcome from those of the detectors it reaches. */
function outcomeOf(messageId: string, reaches: readonly string[], results: ReadonlyMap<string, DetectorResult>): MessageOutcome {
  const failed = reaches.flatMap((id) => {
    const result = results.get(id);
    return result && !result.ok && !result.applied?.has(messageId) ? [{ id, ...result }] : [];
  });
  if (!failed.length) return { status: 'processed' };
  const partial = failed.length < reaches.length ? { unapplied: failed.map((entry) => entry.id) } : {};
  const reason = failed.map((entry) => entry.error.message).join('; ');
  const transient = failed.find((entry) => !entry.permanent);
  // Any transient failure makes it worth retrying; the detectors that applied it skip the repeat.
  if (transient) return { status: 'failed', code: failureCode(transient.error), message: reason, ...partial };
  return { status: 'rejected', code: failed.some((entry) => entry.error instanceof DetectorTooLargeError) ? 'InvalidRequestException' : 'InternalFailureException', message: reason, ...partial };
}

/**
 * A detector's failure. The repeats its first evaluation found against the stored item stay
 * applied whatever became of this write (a failed refresh of their ids, say): a retry narrowed to
 * the detectors that failed must not include it for them.
 */
function failure(result: Extract<CommitResult, { ok: false }>, ahead: DetectorEvaluation | undefined): DetectorResult {
  const { error } = result;
  const permanent = result.stage === 'evaluate' || error instanceof DetectorTooLargeError || error instanceof UnreadableDetectorError;
  return { ok: false, permanent, error, ...(ahead?.repeats.length ? { applied: new Set(ahead.repeats) } : {}) };
}

function report(group: DetectorGroup, error: Error, deps: BatchDeps): void {
  const messageIds = group.items.map((item) => item.work.messageId);
  deps.telemetry.log('error', 'messages not applied by this detector', { detector: group.id, messageIds, error: error.message, name: error.name });
}

function count(result: Extract<CommitResult, { ok: true }>, deps: BatchDeps, id: string): void {
  const { evaluation } = result;
  deps.telemetry.count('Evaluations', evaluation.traces.length - evaluation.duplicates - evaluation.skipped);
  if (evaluation.duplicates) deps.telemetry.count('DuplicatesIgnored', evaluation.duplicates);
  if (evaluation.skipped) deps.telemetry.count('OutOfOrderSkipped', evaluation.skipped);
  if (evaluation.effects.length) deps.telemetry.count('ActionsQueued', evaluation.effects.length);
  for (const trace of evaluation.traces) deps.telemetry.log('debug', 'evaluation', { detector: id, messageId: trace.messageId, state: trace.finalState, status: trace.status });
}
