/** One timer as it was armed: due at `dueAt`, current while its detector still holds `generation`. */
export interface QueuedTimer<D> {
  readonly dueAt: number;
  /** The detector's creation rank: ties fire in creation order, as a scan of the detectors would. */
  readonly rank: number;
  readonly detector: D;
  readonly timerName: string;
  readonly generation: number;
}

/**
 * The timers of the simulator's detectors, earliest due first: a binary heap keyed by due time,
 * so finding the next timer costs O(log n) whatever the number of detectors, where a scan of every
 * detector's timers made each message cost O(detectors).
 *
 * A timer that is reset, cleared or fired is not looked for in the heap: each arming pushes an
 * entry with the timer's generation, and an entry whose generation the detector no longer holds is
 * dropped when it comes up (lazy invalidation). So that dropped entries cannot pile up — a detector
 * resetting its timer on every message would otherwise leave one per message — the heap is rebuilt
 * from its current entries whenever it holds more than twice as many as there are live timers:
 * memory stays proportional to the timers, not to the messages.
 */
export class TimerQueue<D> {
  private heap: QueuedTimer<D>[] = [];

  /**
   * @param isCurrent whether an entry is still the timer its detector holds (same generation).
   */
  constructor(private readonly isCurrent: (entry: QueuedTimer<D>) => boolean) {}

  /** Entries held, current or not (for tests and figures). */
  get size(): number {
    return this.heap.length;
  }

  /** Adds a timer just armed. `liveTimers` is how many timers all detectors hold now. */
  push(entry: QueuedTimer<D>, liveTimers: number): void {
    const heap = this.heap;
    heap.push(entry);
    this.siftUp(heap.length - 1);
    if (heap.length > 2 * liveTimers + 64) this.compact();
  }

  /** Removes and returns the earliest current timer due at or before `limit`, if any. */
  pop(limit: number): QueuedTimer<D> | undefined {
    const top = this.peek(limit);
    if (top) this.removeTop();
    return top;
  }

  /** The earliest current timer due at or before `limit`, if any, left in the queue (entries no longer current before it are dropped). */
  peek(limit: number): QueuedTimer<D> | undefined {
    const heap = this.heap;
    while (heap.length && heap[0].dueAt <= limit) {
      if (this.isCurrent(heap[0])) return heap[0];
      this.removeTop();
    }
    return undefined;
  }

  private removeTop(): void {
    const heap = this.heap;
    const last = heap.pop() as QueuedTimer<D>;
    if (heap.length) {
      heap[0] = last;
      this.siftDown(0);
    }
  }

  /** Keeps only the current entries, in heap order (O(n)). */
  private compact(): void {
    this.heap = this.heap.filter(this.isCurrent);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const entry = heap[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(entry, heap[parent])) break;
      heap[index] = heap[parent];
      index = parent;
    }
    heap[index] = entry;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const entry = heap[index];
    const half = heap.length >> 1;
    while (index < half) {
      let child = 2 * index + 1;
      if (child + 1 < heap.length && before(heap[child + 1], heap[child])) child++;
      if (!before(heap[child], entry)) break;
      heap[index] = heap[child];
      index = child;
    }
    heap[index] = entry;
  }
}

function before<D>(a: QueuedTimer<D>, b: QueuedTimer<D>): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.rank < b.rank);
}
