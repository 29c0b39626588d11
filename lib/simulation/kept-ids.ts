import type { RecentIds } from '../runtime/evaluate-detector';

/** Beyond this many ids, a detector's ids are indexed rather than searched one by one. */
const SEARCHED = 16;
const NONE: string[] = [];

/**
 * The message ids of one detector kept in memory between evaluations: the simulator's
 * counterpart of the `IdWindow` a detector item holds. Each id is kept with the second it was
 * last seen, rounded as `IdWindow` rounds it, so a duplicate is recognised exactly as the deployed
 * runtime does; it is kept as itself rather than a 64-bit hash of it, so a message costs no
 * hashing (and no id can collide with another). Most detectors hold a few ids, searched in two
 * small arrays; one sent more than {@link SEARCHED} messages within the window gets an index.
 */
export class KeptIds implements RecentIds {
  private ids: string[] = [];
  /** The second each id was last seen, by position. */
  private seconds: number[] = [];
  /** Position of each id, once there are more than {@link SEARCHED}. */
  private index: Map<string, number> | undefined;
  /** Ids remembered during the evaluation under way. */
  private fresh = NONE;
  /** Virtual time the ids were last cut to the duplicate window. */
  private cutAt = -Infinity;

  /** How many ids are held (for tests and figures). */
  get size(): number {
    return this.ids.length;
  }

  seenAt(id: string): number | undefined {
    const at = this.find(id);
    return at < 0 ? undefined : this.seconds[at] * 1000;
  }

  isFresh(id: string): boolean {
    return this.fresh.includes(id);
  }

  remember(id: string, now: number): void {
    const second = Math.floor(now / 1000);
    const at = this.find(id);
    if (at >= 0) this.seconds[at] = second;
    else {
      this.ids.push(id);
      this.seconds.push(second);
      if (this.index) this.index.set(id, this.ids.length - 1);
      else if (this.ids.length > SEARCHED) this.reindex();
    }
    if (this.fresh === NONE) this.fresh = [id];
    else this.fresh.push(id);
  }

  /** Ends an evaluation: what it remembered is no longer fresh. */
  settle(): void {
    this.fresh = NONE;
  }

  /**
   * Cuts the ids to the duplicate window ending at `now`, once per window of virtual time: memory
   * then holds at most two windows of ids, not every id ever seen, at the cost of one pass a window.
   */
  keepWithin(now: number, windowMs: number): void {
    if (now - this.cutAt < windowMs) return;
    this.forgetUntil(now - windowMs);
    this.cutAt = now;
  }

  /** Forgets the ids last seen at or before `since` (epoch ms): they can no longer make a message a duplicate. */
  forgetUntil(since: number): void {
    const limit = Math.floor(since / 1000);
    let kept = 0;
    for (let i = 0; i < this.ids.length; i++) {
      if (this.seconds[i] <= limit) continue;
      this.ids[kept] = this.ids[i];
      this.seconds[kept++] = this.seconds[i];
    }
    if (kept === this.ids.length) return;
    this.ids.length = kept;
    this.seconds.length = kept;
    this.reindex();
  }

  private find(id: string): number {
    if (this.index) return this.index.get(id) ?? -1;
    const ids = this.ids;
    for (let i = 0; i < ids.length; i++) if (ids[i] === id) return i;
    return -1;
  }

  private reindex(): void {
    this.index = this.ids.length > SEARCHED ? new Map(this.ids.map((id, i) => [id, i])) : undefined;
  }
}
