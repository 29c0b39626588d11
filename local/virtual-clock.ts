import type { Clock } from '../lib/ports';

/**
 * A clock that only moves when told to, or when someone sleeps: `sleep(ms)` jumps time forward
 * and returns at once. The scheduler then runs through minutes of timers in milliseconds, with
 * every DynamoDB call real.
 */
export class VirtualClock implements Clock {
  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.time += Math.max(0, ms);
    await Promise.resolve();
  }

  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.time += ms;
  }

  /** Sets the time (epoch ms); it never goes back. */
  set(time: number): void {
    this.time = Math.max(this.time, time);
  }
}
