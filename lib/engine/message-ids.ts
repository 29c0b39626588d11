import { AppError } from '../errors';
import { fnv1a64 } from '../hash';

/** AWS's rule: a message id seen again within five minutes is ignored (spec §2.5). */
export const DUPLICATE_WINDOW_MS = 5 * 60_000;
/**
 * Ids a detector item holds before the oldest spill to the message-ids table. 32 ids are 325
 * bytes, so a detector item with a typical snapshot stays under the 1 KB of one write unit.
 */
export const MAX_RECENT_IDS = 32;
/** The longest window the encoding holds (offsets are 16-bit seconds). */
export const MAX_DUPLICATE_WINDOW_MS = 65_535_000;

const VERSION = 1;
const HEADER = 5;
const ENTRY = 10;

/** The ids spilled from one detector item, to keep in the message-ids table for the window. */
export interface SpilledIds {
  /** Encoded like the item's ids ({@link IdWindow.encode}). */
  readonly ids: Uint8Array;
  /** The latest time among them, epoch ms (whole seconds). */
  readonly newest: number;
}

/**
 * The message ids a detector has applied lately, so a redelivery is never applied twice (spec
 * §2.5; docs/decisions.md D9). Each id is kept as its 64-bit FNV-1a hash with the second it was
 * last seen; an id seen again within the window is a duplicate, and a duplicate seen again after
 * half the window is remembered anew, so a message SQS keeps redelivering is recognised for as
 * long as the redeliveries come.
 *
 * The newest ids live in the detector item and commit with its state in one conditional write.
 * When more than `maxIds` of them are in the window, the oldest committed ones are spilled to the
 * message-ids table (written before the item, so no id is ever only in flight), and the item
 * remembers until when the table may hold ids of the window: a message that may be a repeat is
 * checked against those too, at the cost of a read only for such a detector.
 *
 * Binary form: version (1 byte), base second (uint32), then per id its hash (two uint32) and the
 * seconds since base (uint16), all big-endian.
 */
export class IdWindow {
  /** Hash key → second last seen. Insertion order is not relied on. */
  private readonly seen = new Map<string, number>();
  /** Keys remembered during this evaluation: never spilled, as they are not committed yet. */
  private readonly fresh = new Set<string>();

  /** Reads the binary form; empty or undefined: no ids. @throws IdWindowError when corrupt. */
  static decode(bytes: Uint8Array | undefined): IdWindow {
    const window = new IdWindow();
    if (bytes && bytes.length) window.load(bytes);
    return window;
  }

  /** Adds the ids of a binary form (a spilled chunk), keeping the later time of an id in both. */
  load(bytes: Uint8Array): this {
    if (bytes[0] !== VERSION || (bytes.length - HEADER) % ENTRY !== 0) throw new IdWindowError(`unknown message-id record (version ${bytes[0]}, ${bytes.length} bytes)`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const base = view.getUint32(1);
    for (let at = HEADER; at < bytes.length; at += ENTRY) {
      const key = hashKey(view.getUint32(at), view.getUint32(at + 4));
      const second = base + view.getUint16(at + 8);
      if ((this.seen.get(key) ?? -1) < second) this.seen.set(key, second);
    }
    return this;
  }

  /** Reads the text form of earlier releases (`\n@<minute>\n<id or #hash>\n…`): ids count as seen at the end of their minute. */
  static fromLegacyText(text: string): IdWindow {
    const window = new IdWindow();
    let second = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      if (line[0] === '@') second = (Number(line.slice(1)) + 1) * 60 - 1;
      else if (line[0] === '#') {
        const [high, low] = line.slice(1).split('.').map((part) => parseInt(part, 36));
        window.seen.set(hashKey(high, low), second);
      } else window.seen.set(keyOf(line), second);
    }
    return window;
  }

  /** When `id` was last seen, epoch ms (whole seconds), or undefined. */
  seenAt(id: string): number | undefined {
    const second = this.seen.get(keyOf(id));
    return second === undefined ? undefined : second * 1000;
  }

  /** Whether `id` was remembered in this evaluation (not committed yet). */
  isFresh(id: string): boolean {
    return this.fresh.has(keyOf(id));
  }

  /** Records that `id` was applied (or seen again) at `now`. */
  remember(id: string, now: number): void {
    const key = keyOf(id);
    this.seen.set(key, Math.floor(now / 1000));
    this.fresh.add(key);
  }

  /**
   * The ids to store after `since` (older ones are dropped): at most `maxIds` in the item unless
   * more are fresh, the oldest committed rest in `spilled` when `spill` allows (otherwise all stay).
   */
  encode(since: number, maxIds: number, spill: boolean): { readonly ids: Uint8Array; readonly spilled: SpilledIds | undefined } {
    const sinceSecond = Math.floor(since / 1000);
    const live = [...this.seen].filter(([, second]) => second > sinceSecond).sort((a, b) => a[1] - b[1]);
    if (!spill || live.length <= maxIds) return { ids: encodeEntries(live), spilled: undefined };
    // Spill down to half the bound, so a busy detector spills once every maxIds/2 messages.
    const excess = live.length - Math.floor(maxIds / 2);
    const out: [string, number][] = [];
    const kept: [string, number][] = [];
    for (const entry of live) (out.length < excess && !this.fresh.has(entry[0]) ? out : kept).push(entry);
    if (!out.length) return { ids: encodeEntries(kept), spilled: undefined };
    return { ids: encodeEntries(kept), spilled: { ids: encodeEntries(out), newest: out[out.length - 1][1] * 1000 } };
  }
}

/** A stored message-id record that cannot be read. */
export class IdWindowError extends AppError {}

function encodeEntries(entries: readonly (readonly [string, number])[]): Uint8Array {
  if (!entries.length) return new Uint8Array(0);
  const bytes = new Uint8Array(HEADER + ENTRY * entries.length);
  const view = new DataView(bytes.buffer);
  const base = Math.min(...entries.map(([, second]) => second));
  view.setUint8(0, VERSION);
  view.setUint32(1, base);
  entries.forEach(([key, second], i) => {
    const at = HEADER + ENTRY * i;
    view.setUint32(at, parseInt(key.slice(0, 8), 16));
    view.setUint32(at + 4, parseInt(key.slice(8), 16));
    view.setUint16(at + 8, Math.min(0xffff, second - base));
  });
  return bytes;
}

function keyOf(id: string): string {
  const { high, low } = fnv1a64(id);
  return hashKey(high, low);
}

function hashKey(high: number, low: number): string {
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}
