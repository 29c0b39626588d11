import fc from 'fast-check';
import { TimerQueue, type QueuedTimer } from '../../lib/simulation/timer-queue';

/** A detector stand-in: the generation each of its timers holds now. */
type Holder = { timers: Map<string, { generation: number; dueAt: number }> };

const current = (entry: QueuedTimer<Holder>) => {
  const timer = entry.detector.timers.get(entry.timerName);
  return timer !== undefined && timer.generation === entry.generation && timer.dueAt === entry.dueAt;
};

describe('TimerQueue', () => {
  it('gives the earliest timer first, ties in creation order, and nothing not yet due', () => {
    // Arrange
    const queue = new TimerQueue<Holder>(current);
    const holders = [0, 1, 2].map(() => ({ timers: new Map() }) as Holder);
    const arm = (rank: number, dueAt: number, generation: number) => {
      holders[rank].timers.set(`t${generation}`, { generation, dueAt });
      queue.push({ dueAt, rank, detector: holders[rank], timerName: `t${generation}`, generation }, 10);
    };
    arm(2, 500, 1);
    arm(1, 300, 2);
    arm(0, 500, 3);
    arm(1, 100, 4);
    // Act
    const order: [number, number][] = [];
    for (let next = queue.pop(500); next; next = queue.pop(500)) order.push([next.dueAt, next.rank]);
    // Assert
    expect(order).toEqual([[100, 1], [300, 1], [500, 0], [500, 2]]);
  });

  it('leaves a timer due later than the limit in the queue', () => {
    const queue = new TimerQueue<Holder>(current);
    const holder: Holder = { timers: new Map([['t', { generation: 1, dueAt: 1000 }]]) };
    queue.push({ dueAt: 1000, rank: 0, detector: holder, timerName: 't', generation: 1 }, 1);
    expect(queue.pop(999)).toBeUndefined();
    expect(queue.pop(1000)).toMatchObject({ dueAt: 1000 });
  });

  it('skips a timer reset or cleared since it was queued', () => {
    // Arrange: t queued at 100, then reset to 400 (generation 2); u queued, then cleared.
    const queue = new TimerQueue<Holder>(current);
    const holder: Holder = { timers: new Map() };
    holder.timers.set('t', { generation: 1, dueAt: 100 });
    queue.push({ dueAt: 100, rank: 0, detector: holder, timerName: 't', generation: 1 }, 1);
    holder.timers.set('u', { generation: 2, dueAt: 200 });
    queue.push({ dueAt: 200, rank: 0, detector: holder, timerName: 'u', generation: 2 }, 2);
    holder.timers.set('t', { generation: 3, dueAt: 400 });
    queue.push({ dueAt: 400, rank: 0, detector: holder, timerName: 't', generation: 3 }, 2);
    holder.timers.delete('u');
    // Act
    const first = queue.pop(1000);
    const second = queue.pop(1000);
    // Assert
    expect(first).toMatchObject({ timerName: 't', generation: 3, dueAt: 400 });
    expect(second).toBeUndefined();
  });

  it('holds at most about twice the live timers however often they are reset', () => {
    // Arrange: 10 timers, each reset 10,000 times.
    const queue = new TimerQueue<Holder>(current);
    const holder: Holder = { timers: new Map() };
    let generation = 0;
    // Act
    for (let round = 0; round < 10_000; round++) {
      for (let t = 0; t < 10; t++) {
        generation++;
        holder.timers.set(`t${t}`, { generation, dueAt: 1_000_000 + round });
        queue.push({ dueAt: 1_000_000 + round, rank: 0, detector: holder, timerName: `t${t}`, generation }, 10);
      }
    }
    // Assert
    expect(queue.size).toBeLessThanOrEqual(2 * 10 + 64);
    const fired: string[] = [];
    for (let next = queue.pop(Infinity); next; next = queue.pop(Infinity)) fired.push(next.timerName);
    expect(fired.sort()).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']);
  });

  it('fires the same timers in the same order as a scan of every detector would', () => {
    // Property: arbitrary arm/clear operations on a few detectors, then firing everything.
    const operation = fc.record({ rank: fc.nat(4), timer: fc.constantFrom('a', 'b', 'c'), dueAt: fc.nat(50), clear: fc.boolean() });
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        // Arrange
        const holders: Holder[] = Array.from({ length: 5 }, () => ({ timers: new Map() }));
        const queue = new TimerQueue<Holder>(current);
        let generation = 0;
        for (const { rank, timer, dueAt, clear } of operations) {
          if (clear) holders[rank].timers.delete(timer);
          else {
            holders[rank].timers.set(timer, { generation: ++generation, dueAt });
            queue.push({ dueAt, rank, detector: holders[rank], timerName: timer, generation }, holders.reduce((n, h) => n + h.timers.size, 0));
          }
        }
        // The live timers, by due time then detector.
        const expected = holders
          .flatMap((holder, rank) => [...holder.timers].map(([name, { dueAt }]) => ({ name, dueAt, rank })))
          .sort((x, y) => x.dueAt - y.dueAt || x.rank - y.rank)
          .map(({ name, dueAt, rank }) => `${dueAt}:${rank}:${name}`);
        // Act: pop everything, firing (removing) each timer as it comes.
        const popped: string[] = [];
        for (let next = queue.pop(Infinity); next; next = queue.pop(Infinity)) {
          popped.push(`${next.dueAt}:${next.rank}:${next.timerName}`);
          next.detector.timers.delete(next.timerName);
        }
        // Assert
        expect(popped.map((p) => p.split(':').slice(0, 2).join(':'))).toEqual(expected.map((p) => p.split(':').slice(0, 2).join(':')));
        expect(popped.sort()).toEqual(expected.sort());
      }),
    );
  });
});
