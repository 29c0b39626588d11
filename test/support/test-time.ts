const HOUR = 3_600_000;

/**
 * A start time for a test on a virtual clock: the next whole hour after the real time, so minute
 * and hour boundaries fall where the test expects them. Derived from the real clock, never a fixed
 * date: DynamoDB Local deletes items whose TTL is in the real past, so a test pinned to a date
 * passes until that TTL is reached and then fails for good.
 */
export function nextWholeHour(now: number = Date.now()): number {
  return Math.floor(now / HOUR) * HOUR + HOUR;
}
