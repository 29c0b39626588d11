import { ConditionalCheckFailedException, GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SchedulerState } from '../../ports';
import { SWEEP_KEY } from './sweep-state';

const KEY = { pk: { S: 'scheduler' }, sk: { S: 'watermark' } };

/** The scheduler's watermark, one item in the timers table, moved only forward; and its requests for a sweep. */
export class DynamoSchedulerState implements SchedulerState {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async watermark(): Promise<number | undefined> {
    const response = await this.client.send(new GetItemCommand({ TableName: this.table, Key: KEY, ConsistentRead: true }));
    return response.Item?.at?.N === undefined ? undefined : Number(response.Item.at.N);
  }

  async advance(to: number): Promise<void> {
    // Two schedulers may run at once: the watermark only moves forward.
    await this.setIfLater(KEY, 'at', to);
  }

  async requestSweep(at: number, reason: string): Promise<void> {
    // The sweep item is the timer sweep's (DynamoSweepState); a later request replaces an earlier one.
    await this.setIfLater(SWEEP_KEY, 'requestedAt', at, { requestReason: reason });
  }

  /** Sets `attribute` to `value` unless it already holds as much; also sets `extra` then. */
  private async setIfLater(key: typeof KEY, attribute: string, value: number, extra: Record<string, string> = {}): Promise<void> {
    const extras = Object.entries(extra).map(([name, text], i) => ({ name, text, placeholder: `x${i}` }));
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: `SET ${['#at = :to', ...extras.map(({ placeholder }) => `#${placeholder} = :${placeholder}`)].join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#at) OR #at < :to',
          ExpressionAttributeNames: { '#at': attribute, ...Object.fromEntries(extras.map(({ name, placeholder }) => [`#${placeholder}`, name])) },
          ExpressionAttributeValues: { ':to': { N: String(value) }, ...Object.fromEntries(extras.map(({ text, placeholder }) => [`:${placeholder}`, { S: text }])) },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
