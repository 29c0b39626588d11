import { fnv1a64 } from '../hash';

/**
 * The message ids a detector processed recently, so redeliveries are ignored (spec §2.5: a
 * message whose id was seen within five minutes is ignored). This is a delivery concern, not part
 * of evaluation: the runtime and the simulator consult it around `step`, once per detector per
 * batch, and store it with the detector so it commits in the same conditional write as the state.
 *
 * Stored as text, one line per id with a `@<minute>` line before the ids of each minute:
 *
 *     \n@28333333\nm1\nm2\n@28333334\nm3\n
 *
 * Ids longer than 16 characters (UUIDs) are kept as a 64-bit hash, so a detector's record stays
 * small; at most `maxIds` ids are kept.
 */
export class RecentMessageIds {
  /** Compact id → arrival time, epoch ms; in arrival order. */
  private readonly ids = new Map<string, number>();

  /** Reads stored text (empty or undefined: no ids). Ids are taken to arrive at the end of their minute. */
  static parse(text: string | undefined): RecentMessageIds {
    const recent = new RecentMessageIds();
    if (!text) return recent;
    let at = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      if (line.charCodeAt(0) === 64) at = (Number(line.slice(1)) + 1) * MINUTE - 1;
      else recent.ids.set(line, at);
    }
    return recent;
  }

  /** Whether `id` arrived after `since` (epoch ms). */
  seen(id: string, since: number): boolean {
    const at = this.arrivedAt(id);
    return at !== undefined && at > since;
  }

  /** When `id` last arrived (epoch ms; stored ids count as arriving at the end of their minute). */
  arrivedAt(id: string): number | undefined {
    return this.ids.get(compactId(id));
  }

  /** Records that `id` arrived at `now`. */
  remember(id: string, now: number): void {
    const compact = compactId(id);
    this.ids.delete(compact); // keep arrival order: a re-processed id moves to the end
    this.ids.set(compact, now);
  }

  /** The text to store: ids after `since`, the newest `maxIds` of them, grouped by minute. */
  toText(since: number, maxIds: number): string {
    const kept = [...this.ids].filter(([, at]) => at > since).slice(-Math.max(1, maxIds));
    let text = '';
    let minute = -1;
    for (const [id, at] of kept) {
      const m = Math.floor(at / MINUTE);
      if (m !== minute) text += `${text ? '' : '\n'}@${(minute = m)}\n`;
      text += `${id}\n`;
    }
    return text;
  }
}

const MINUTE = 60_000;

/** AWS's rule: a message id seen again within five minutes is ignored. */
export const DUPLICATE_WINDOW_MS = 5 * 60_000;
/**
 * Most ids kept per detector. A detector getting more messages than this in five minutes dedups
 * over its latest ones; the bound keeps its stored record (and so each write) small.
 */
export const MAX_RECENT_IDS = 256;

/** An unpaired surrogate: text DynamoDB cannot store as it is (UTF-8 turns each into U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The form an id is stored in: short plain ids as they are, anything else as a 64-bit FNV-1a hash. */
export function compactId(id: string): string {
  if (id.length > 0 && id.length <= 16) {
    const first = id.charCodeAt(0);
    // '@' starts a minute line and '#' a hash, so ids starting with either are hashed too; so are
    // ids that are not valid Unicode, which would come back from storage as some other id.
    if (first !== 64 && first !== 35 && !id.includes('\n') && !LONE_SURROGATE.test(id)) return id;
  }
  const { high, low } = fnv1a64(id);
  return `#${high.toString(36)}.${low.toString(36)}`;
}
