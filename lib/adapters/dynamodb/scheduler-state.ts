import { ConditionalCheckFailedException, GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SchedulerState } from '../../ports';

const KEY = { pk: { S: 'scheduler' }, sk: { S: 'watermark' } };

/** The scheduler's watermark, one item in the timers table, moved only forward. */
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
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: KEY,
          UpdateExpression: 'SET #at = :to',
          // Two schedulers may run at once: the watermark only moves forward.
          ConditionExpression: 'attribute_not_exists(#at) OR #at < :to',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':to': { N: String(to) } },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
