import { backoffDelay } from '../backoff';
import type { Clock, Telemetry } from '../ports';

/** How hard to retry an instance that other writers keep changing. */
export interface ConflictPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Enough for 20 writers on one key (the concurrency test) with room to spare. */
export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = { maxAttempts: 40, baseDelayMs: 5, maxDelayMs: 400 };

/** An evaluation, or why it could not be made: the model or the work (`evaluate`: retrying cannot help) or storage. */
export type Evaluated<E> = { readonly ok: true; readonly evaluation: E } | { readonly ok: false; readonly error: Error; readonly stage: 'evaluate' | 'store' };

/** What a conditional commit produced: the evaluation written and the item it was written over. */
export type Committed<S, E> =
  | { readonly ok: true; readonly evaluation: E; readonly attempts: number; readonly current: S | undefined }
  | { readonly ok: false; readonly attempts: number; readonly error: Error; readonly stage: 'evaluate' | 'store' };

/** A first evaluation the caller made against the item it read (a batch makes them all first). */
export interface FirstAttempt<E> {
  readonly evaluation: E;
  /** Its wake-ups and spilled ids are durable already; otherwise the commit writes them. */
  readonly aheadWritten: boolean;
}

/** One kind of instance (a detector, an alarm) as the commit loop drives it. */
export interface CommitTarget<S, E extends { readonly changed: boolean; readonly snapshot: unknown }> {
  /** Names it in logs: `detector motor|m1`, `alarm boiler|b7`. */
  readonly name: string;
  evaluate(current: S | undefined): Promise<Evaluated<E>>;
  /** What must be durable before the put: new wake-ups (else a timer could be lost) and spilled ids. */
  writeAhead(evaluation: E): Promise<void>;
  /** The put, conditional on `current`'s version (none: on the item not existing). */
  put(evaluation: E, current: S | undefined): Promise<void>;
  /** For a write conflict, the item the other writer left (or undefined: read it again); not a conflict: false. */
  conflict(error: unknown): { readonly current: S | undefined } | false;
  read(): Promise<S | undefined>;
}

/**
 * Writes an instance's evaluation with a conditional write on the version read, evaluating again
 * on a conflict until it wins (bounded, with jittered backoff). Each attempt:
 *
 * 1. evaluate the work on the item as last read (the first attempt may come evaluated: `first`);
 * 2. write what must be durable before it: wake-ups (if the instance write then fails, an orphan
 *    wake-up finds nothing due and does nothing; the reverse order could lose a timer) and spilled ids;
 * 3. put the instance, conditional on the version read; on a conflict, read it again and go to 1.
 *
 * Never throws: any failure, including one while re-reading after a conflict, is returned, so it
 * fails only this instance's work.
 */
export async function commitConditionally<S, E extends { readonly changed: boolean; readonly snapshot: unknown }>(
  target: CommitTarget<S, E>,
  stored: S | undefined,
  deps: { readonly clock: Clock; readonly telemetry: Telemetry; readonly random?: () => number },
  policy: ConflictPolicy = DEFAULT_CONFLICT_POLICY,
  first?: FirstAttempt<E>,
): Promise<Committed<S, E>> {
  let current = stored;
  let next = first;
  for (let attempt = 1; ; attempt++) {
    if (!next) {
      const evaluated = await target.evaluate(current);
      if (!evaluated.ok) return { ok: false, attempts: attempt, error: evaluated.error, stage: evaluated.stage };
      next = { evaluation: evaluated.evaluation, aheadWritten: false };
    }
    const { evaluation } = next;
    try {
      if (evaluation.changed && evaluation.snapshot) {
        if (!next.aheadWritten) await target.writeAhead(evaluation);
        await target.put(evaluation, current);
      }
      return { ok: true, evaluation, attempts: attempt, current };
    } catch (error) {
      const conflict = target.conflict(error);
      if (!conflict || attempt >= policy.maxAttempts) return { ok: false, attempts: attempt, error: error as Error, stage: 'store' };
      deps.telemetry.count('WriteConflicts');
      deps.telemetry.log('debug', `${target.name} changed by another writer; evaluating again`, { attempt });
      try {
        current = conflict.current ?? (await target.read());
      } catch (readError) {
        // A failed re-read fails this instance's work only; the caller retries its messages.
        return { ok: false, attempts: attempt, error: readError as Error, stage: 'store' };
      }
      await deps.clock.sleep(backoffDelay(attempt, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs }, deps.random ?? Math.random));
      next = undefined;
    }
  }
}
