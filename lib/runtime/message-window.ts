import type { IdWindow } from '../engine';
import type { StoredDetector } from '../ports';
import type { DetectorEvaluation, EvaluationSettings, RecentIds } from './evaluate-detector';

// The message ids a detector or an alarm instance remembers: how a message is admitted (or found a
// repeat), and what is stored afterwards. One rule for both, so their duplicate windows agree.

/**
 * The ids to store after an evaluation: `window` encoded (the oldest beyond `maxRecentIds` spilled,
 * when spilling), or the stored ones unchanged when there is no window to write (nothing changed,
 * or a caller keeps the ids in memory). `spilledUntil` is forgotten once the window has passed, so
 * a quiet detector or alarm stops asking the message-ids table.
 */
export function keptIds(
  window: IdWindow | undefined,
  stored: Pick<StoredDetector, 'recentIds' | 'spilledUntil'> | undefined,
  now: number,
  settings: Pick<EvaluationSettings, 'duplicateWindowMs' | 'maxRecentIds' | 'spillIds'>,
): Pick<DetectorEvaluation, 'recentIds' | 'spill' | 'spilledUntil'> {
  const since = now - settings.duplicateWindowMs;
  const kept = window ? window.encode(since, settings.maxRecentIds, settings.spillIds !== false) : { ids: stored?.recentIds ?? new Uint8Array(0), spilled: undefined };
  const spilledUntil = kept.spilled ? Math.max(kept.spilled.newest, stored?.spilledUntil ?? 0) : stored?.spilledUntil;
  return { recentIds: kept.ids, spill: kept.spilled, spilledUntil: spilledUntil !== undefined && spilledUntil > since ? spilledUntil : undefined };
}

/** What {@link admitMessage} found. */
export interface Admission {
  /** Applied within the window already: skip it. */
  readonly repeat: boolean;
  /** A repeat of a write committed before this evaluation (not merely earlier in this work). */
  readonly committed: boolean;
  /** The ids changed and must be written (a new message, or a repeat whose id is kept another window). */
  readonly rewritten: boolean;
}

/**
 * The duplicate check of a detector or alarm instance (`known`: it exists): a message whose id it
 * applied within the window — among its own ids, or the spilled ones when it may be a repeat — is
 * a repeat; anything else is new, and its id is remembered. A repeat counts as "one sent" too
 * (spec §2.5), so it keeps the id for another window: SQS redelivers a message every 240 s while
 * another of its detectors fails (R9), and each repeat must still find the id. Rewritten only past
 * half the window, so a burst of client retries costs no write.
 */
export function admitMessage(
  item: { readonly messageId: string; readonly possibleRepeat?: boolean },
  known: boolean,
  { recent, spilled, now, windowMs }: { readonly recent: RecentIds; readonly spilled: IdWindow | undefined; readonly now: number; readonly windowMs: number },
): Admission {
  const seenAt = known ? latest(recent.seenAt(item.messageId), item.possibleRepeat ? spilled?.seenAt(item.messageId) : undefined) : undefined;
  if (seenAt !== undefined && seenAt > now - windowMs) {
    const committed = !recent.isFresh(item.messageId);
    if (seenAt > now - windowMs / 2) return { repeat: true, committed, rewritten: false };
    recent.remember(item.messageId, now);
    return { repeat: true, committed, rewritten: true };
  }
  recent.remember(item.messageId, now);
  return { repeat: false, committed: false, rewritten: true };
}

/** The later of two times, either possibly unknown. */
function latest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
