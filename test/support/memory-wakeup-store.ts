import { detectorId, type Wakeup, type WakeupStore } from '../../lib/ports';
import { Faults } from './faults';

/** The operations of {@link MemoryWakeupStore} a test can make fail. */
export type WakeupStoreOperation = 'schedule' | 'due' | 'remove';

/** The identity of a wake-up record, as the DynamoDB store keys it. */
export function wakeupId(wakeup: Wakeup): string {
  return `${detectorId(wakeup.detector)}#${wakeup.timerName}#${wakeup.generation}#${wakeup.dueAt}`;
}

/** A {@link WakeupStore} in memory that records its calls (in the shared `journal` too). */
export class MemoryWakeupStore implements WakeupStore {
  readonly records = new Map<string, Wakeup>();
  readonly calls = { schedule: [] as Wakeup[][], due: [] as [number, number][], remove: [] as Wakeup[][] };
  readonly faults = new Faults<WakeupStoreOperation>();

  constructor(private readonly journal: string[] = []) {}

  /** The wake-ups stored, in the order they were first scheduled. */
  get wakeups(): Wakeup[] {
    return [...this.records.values()];
  }

  async schedule(wakeups: readonly Wakeup[]): Promise<void> {
    this.journal.push('wakeups.schedule');
    this.calls.schedule.push([...wakeups]);
    this.faults.check('schedule');
    for (const wakeup of wakeups) this.records.set(wakeupId(wakeup), wakeup);
  }

  async due(since: number, until: number): Promise<Wakeup[]> {
    this.journal.push('wakeups.due');
    this.calls.due.push([since, until]);
    this.faults.check('due');
    return [...this.records.values()].filter((wakeup) => wakeup.dueAt >= since && wakeup.dueAt <= until).sort((a, b) => a.dueAt - b.dueAt);
  }

  async remove(wakeups: readonly Wakeup[]): Promise<void> {
    this.journal.push('wakeups.remove');
    this.calls.remove.push([...wakeups]);
    this.faults.check('remove');
    for (const wakeup of wakeups) this.records.delete(wakeupId(wakeup));
  }
}
