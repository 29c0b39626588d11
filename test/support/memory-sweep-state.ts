import type { SweepCounts, SweepRun, SweepStatus, TimerSweepState } from '../../lib/ports';
import { Faults } from './faults';

type Counts = { -readonly [K in keyof SweepCounts]: number };
const ZERO: SweepCounts = { scanned: 0, overdue: 0, fired: 0, failed: 0, readUnits: 0 };

/** A {@link TimerSweepState} in memory with the DynamoDB one's conditions (run, lease). */
export class MemorySweepState implements TimerSweepState {
  state: { -readonly [K in keyof SweepStatus]: SweepStatus[K] } = {};
  counts: Counts = { ...ZERO };
  readonly faults = new Faults<'status' | 'start' | 'claim' | 'progress' | 'release' | 'finish'>();
  /** Every position saved, in order: `<segment>:<position>`. */
  readonly saved: string[] = [];

  async status(): Promise<SweepStatus> {
    this.faults.check('status');
    return { ...this.state, run: this.state.run && { ...this.state.run, positions: [...this.state.run.positions] } };
  }

  async start(run: { startedAt: number; reason: string; segments: number }, leaseUntil: number): Promise<boolean> {
    this.faults.check('start');
    if (this.state.run) return false;
    this.state.run = { ...run, positions: Array.from({ length: run.segments }, () => undefined), leaseUntil };
    this.counts = { ...ZERO };
    return true;
  }

  async claim(startedAt: number, now: number, leaseUntil: number): Promise<boolean> {
    this.faults.check('claim');
    const run = this.state.run;
    if (run?.startedAt !== startedAt || run.leaseUntil > now) return false;
    this.state.run = { ...run, leaseUntil };
    return true;
  }

  async progress(startedAt: number, segment: number, position: string, counts: SweepCounts): Promise<boolean> {
    this.faults.check('progress');
    const run = this.state.run;
    if (run?.startedAt !== startedAt) return false;
    const positions = [...run.positions];
    positions[segment] = position;
    this.state.run = { ...run, positions } satisfies SweepRun;
    for (const name of Object.keys(ZERO) as (keyof SweepCounts)[]) this.counts[name] += counts[name];
    this.saved.push(`${segment}:${position}`);
    return true;
  }

  async release(startedAt: number, heldUntil: number, now: number): Promise<void> {
    this.faults.check('release');
    const run = this.state.run;
    if (run?.startedAt === startedAt && run.leaseUntil === heldUntil) this.state.run = { ...run, leaseUntil: now };
  }

  async finish(startedAt: number, now: number): Promise<SweepCounts | undefined> {
    this.faults.check('finish');
    if (this.state.run?.startedAt !== startedAt) return undefined;
    this.state = { ...this.state, run: undefined, lastStartedAt: startedAt, lastCompletedAt: now, lastFailed: this.counts.failed };
    return { ...this.counts };
  }
}
