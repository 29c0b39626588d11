import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TIMERS_MARKER, deserializeSnapshot, type TimerState } from '../../engine';
import { deserializeAlarmSnapshot } from '../../engine/alarm';
import { ALARM_PREFIX, type DetectorKey, type DetectorScan, type DetectorScanPage, type DetectorTimers } from '../../ports';
import { keyOfItem, type Item } from './detector-item';

/** In an alarm instance's serialised snapshot: the snooze's due time (member `z`). */
const SNOOZE_MARKER = '"z":';

/**
 * A parallel Scan of the detectors table for the detectors that hold timers. Only the key and the
 * snapshot are returned, and only for items whose snapshot holds a timer (a filter on the
 * serialised snapshot, {@link TIMERS_MARKER}). Neither lowers the read capacity: DynamoDB charges
 * a Scan for every item it reads, filtered or not (0.5 RRU per 4 KB, eventually consistent); they
 * keep the pages small and the parsing to the detectors that matter. Positions are the `pk` of the
 * last item read (the table's whole key). Snoozed alarm instances come too, their snooze as a
 * timer named `snooze` (the scheduler's wake-up for it), so a lost wake-up ends the snooze all the same.
 */
export class DynamoDetectorScan implements DetectorScan {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async timers(segment: number, segments: number, position: string | undefined, limit: number): Promise<DetectorScanPage> {
    const response = await this.client.send(
      new ScanCommand({
        TableName: this.table,
        Segment: segment,
        TotalSegments: segments,
        Limit: limit,
        ExclusiveStartKey: position === undefined ? undefined : { pk: { S: position } },
        ProjectionExpression: '#pk, #snapshot',
        FilterExpression: 'contains(#snapshot, :timers) OR (begins_with(#pk, :alarm) AND contains(#snapshot, :snooze))',
        ExpressionAttributeNames: { '#pk': 'pk', '#snapshot': 'snapshot' },
        ExpressionAttributeValues: { ':timers': { S: TIMERS_MARKER }, ':alarm': { S: ALARM_PREFIX }, ':snooze': { S: SNOOZE_MARKER } },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    const detectors: DetectorTimers[] = [];
    const unreadable: { key: DetectorKey; error: string }[] = [];
    for (const item of response.Items ?? []) {
      const key = keyOfItem(item);
      try {
        if (item.pk?.S === undefined || !item.pk.S.includes('|')) throw new SyntaxError('the item has no detector key');
        const timers = timersOf(item);
        if (Object.keys(timers).length) detectors.push({ key, timers });
      } catch (error) {
        // One corrupt item must not stop the sweep of every other detector.
        unreadable.push({ key, error: (error as Error).message });
      }
    }
    return {
      detectors,
      unreadable,
      next: response.LastEvaluatedKey?.pk?.S,
      scanned: response.ScannedCount ?? 0,
      readUnits: response.ConsumedCapacity?.CapacityUnits ?? 0,
    };
  }
}

/** A detector's timers, or an alarm instance's pending snooze as the timer `snooze`. */
function timersOf(item: Item): Readonly<Record<string, TimerState>> {
  const text = item.snapshot?.S ?? '';
  if (!(item.pk.S as string).startsWith(ALARM_PREFIX)) return deserializeSnapshot(text).timers;
  const dueAt = deserializeAlarmSnapshot(text).snoozeDueAt;
  return dueAt === undefined ? {} : { snooze: { dueAt, durationSeconds: 0, generation: 0, wakeAt: dueAt } };
}
