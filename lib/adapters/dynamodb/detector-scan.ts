import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TIMERS_MARKER, deserializeSnapshot } from '../../engine';
import type { DetectorKey, DetectorScan, DetectorScanPage, DetectorTimers } from '../../ports';
import type { Item } from './detector-item';

/**
 * A parallel Scan of the detectors table for the detectors that hold timers. Only the key and the
 * snapshot are returned, and only for items whose snapshot holds a timer (a filter on the
 * serialised snapshot, {@link TIMERS_MARKER}). Neither lowers the read capacity: DynamoDB charges
 * a Scan for every item it reads, filtered or not (0.5 RRU per 4 KB, eventually consistent); they
 * keep the pages small and the parsing to the detectors that matter. Positions are the `pk` of the
 * last item read (the table's whole key).
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
        ProjectionExpression: '#pk, #model, #keyValue, #snapshot',
        FilterExpression: 'contains(#snapshot, :timers)',
        ExpressionAttributeNames: { '#pk': 'pk', '#model': 'model', '#keyValue': 'keyValue', '#snapshot': 'snapshot' },
        ExpressionAttributeValues: { ':timers': { S: TIMERS_MARKER } },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    const detectors: DetectorTimers[] = [];
    const unreadable: { key: DetectorKey; error: string }[] = [];
    for (const item of response.Items ?? []) {
      const key = keyOf(item);
      try {
        if (item.model?.S === undefined) throw new SyntaxError('the item has no model attribute');
        const { timers } = deserializeSnapshot(item.snapshot?.S ?? '');
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

/** The detector an item belongs to: its `model` and `keyValue`, or its `pk` (`<model>|<key>`) if those are unreadable. */
function keyOf(item: Item): DetectorKey {
  if (item.model?.S !== undefined) return { model: item.model.S, keyValue: item.keyValue?.S };
  const pk = item.pk?.S ?? '';
  return { model: pk.slice(0, Math.max(0, pk.indexOf('|'))), keyValue: pk.slice(pk.indexOf('|') + 1) || undefined };
}
