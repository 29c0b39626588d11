import type { SchedulerState } from '../../lib/ports';
import { Faults } from './faults';

/** A {@link SchedulerState} in memory that only moves forward, and remembers every advance and sweep request asked for. */
export class MemorySchedulerState implements SchedulerState {
  readonly advances: number[] = [];
  readonly sweepRequests: { at: number; reason: string }[] = [];
  readonly faults = new Faults<'watermark' | 'advance' | 'requestSweep'>();

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

  async requestSweep(at: number, reason: string): Promise<void> {
    this.faults.check('requestSweep');
    this.sweepRequests.push({ at, reason });
  }
}
