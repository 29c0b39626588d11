import type { SchedulerState } from '../../lib/ports';
import { Faults } from './faults';

/** A {@link SchedulerState} in memory that only moves forward, and remembers every advance asked for. */
export class MemorySchedulerState implements SchedulerState {
  readonly advances: number[] = [];
  readonly faults = new Faults<'watermark' | 'advance'>();

  constructor(public at: number | undefined = undefined) {}

  async watermark(): Promise<number | undefined> {
    this.faults.check('watermark');
    return this.at;
  }

  async advance(to: number): Promise<void> {
    this.faults.check('advance');
    this.advances.push(to);
    if (this.at === undefined || to > this.at) this.at = to;
  }
}
