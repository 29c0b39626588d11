import type { Evaluated } from './conditional-commit';
import type { RoutedWork } from './route-batch';

/** A detector's or alarm instance's share of a batch, as routing grouped it. */
interface Share<K, M> {
  readonly id: string;
  readonly key: K;
  readonly model: M;
  readonly items: RoutedWork[];
}

/** How {@link readShares} reads and reports. */
export interface ShareReader<K, S> {
  /** The store's getMany: items by id; an unreadable one goes to `onUnreadable`, left out. */
  readonly getMany: (keys: readonly K[], onUnreadable: (error: Error & { readonly key: K }) => void) => Promise<Map<string, S>>;
  readonly idOf: (key: K) => string;
  /** Processing time, epoch ms: when a message without a time happens. */
  readonly now: () => number;
  /** Fails one share: `permanent` when retrying cannot help (an unreadable item). */
  readonly fail: (share: Share<K, unknown>, permanent: boolean, error: Error) => void;
}

/**
 * Reads the shares' items in one go (an unreadable item fails only its own share, a failed read
 * all of them, for a retry) and puts each share's messages in timestamp order: they apply by their
 * time, ties in batch order, and one without a time happens when it is processed (decision D12),
 * after stamped ones. Detectors and alarm instances are read alike.
 */
export async function readShares<K, M, S, G extends Share<K, M>>(shares: readonly G[], reader: ShareReader<K, S>): Promise<{ group: G; job: { model: M; key: K; stored: S | undefined; work: RoutedWork['work'][] } }[]> {
  if (!shares.length) return [];
  const byId = new Map(shares.map((share) => [share.id, share]));
  let stored: Map<string, S>;
  try {
    stored = await reader.getMany(
      shares.map((share) => share.key),
      (error) => {
        const share = byId.get(reader.idOf(error.key));
        if (share) reader.fail(share, true, error);
        byId.delete(reader.idOf(error.key));
      },
    );
  } catch (error) {
    for (const share of shares) reader.fail(share, false, error as Error);
    return [];
  }
  const now = reader.now();
  return [...byId.values()].map((group) => {
    group.items.sort((a, b) => (a.work.timestamp ?? now) - (b.work.timestamp ?? now) || a.index - b.index);
    return { group, job: { model: group.model, key: group.key, stored: stored.get(group.id), work: group.items.map((item) => item.work) } };
  });
}

/**
 * Evaluates every share once, against the item read; one that cannot be evaluated fails alone
 * (for good when the model or the work is at fault, for a retry when storage was).
 */
export async function evaluateShares<G, J, E>(
  jobs: readonly { group: G; job: J }[],
  evaluate: (job: J) => Promise<Evaluated<E>>,
  fail: (group: G, permanent: boolean, error: Error) => void,
): Promise<{ group: G; job: J; evaluation: E }[]> {
  const evaluated = await Promise.all(jobs.map(async ({ group, job }) => ({ group, job, result: await evaluate(job) })));
  return evaluated.flatMap(({ group, job, result }) => {
    if (result.ok) return [{ group, job, evaluation: result.evaluation }];
    fail(group, result.stage === 'evaluate', result.error);
    return [];
  });
}

/** A share's failed commit, as the batch's outcome of its messages reads it. */
export interface FailedShare {
  readonly ok: false;
  readonly permanent: boolean;
  readonly error: Error;
  /** Messages it had applied already, in an earlier committed write: applied, though this write failed. */
  readonly applied?: ReadonlySet<string>;
}

/**
 * A share's failed commit. Lasting when the evaluation failed or the item can never be written
 * (`lasting`: too large, unreadable). The repeats its first evaluation found against the stored
 * item stay applied whatever became of this write (a failed refresh of their ids, say): a retry
 * narrowed to the shares that failed must not include it for them.
 */
export function failedShare(result: { readonly error: Error; readonly stage: 'evaluate' | 'store' }, repeats: readonly string[], lasting: (error: Error) => boolean): FailedShare {
  const permanent = result.stage === 'evaluate' || lasting(result.error);
  return { ok: false, permanent, error: result.error, ...(repeats.length ? { applied: new Set(repeats) } : {}) };
}
