import { ConditionalCheckFailedException, GetItemCommand, UpdateItemCommand, type DynamoDBClient, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { SweepCounts, SweepRun, SweepStatus, TimerSweepState } from '../../ports';
import type { Item } from './detector-item';

/** The one item, in the timers table, that holds the sweeps' requests and progress. */
export const SWEEP_KEY = { pk: { S: 'scheduler' }, sk: { S: 'sweep' } };

const COUNTERS = ['scanned', 'overdue', 'fired', 'failed', 'readUnits'] as const;
const RUN = '#runStartedAt = :run';


/**
 * Timer sweeps' state in DynamoDB. Every change is conditional on the run it concerns
 * (`runStartedAt`), so an invocation that overran its lease cannot move another run's positions;
 * a lease (`leaseUntil`) keeps a second invocation off a run being worked on. The counters of the
 * last run stay after it ends, for operators; the next start resets them.
 */
export class DynamoSweepState implements TimerSweepState {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async status(): Promise<SweepStatus> {
    const { Item: item } = await this.client.send(new GetItemCommand({ TableName: this.table, Key: SWEEP_KEY, ConsistentRead: true }));
    if (!item) return {};
    const number = (name: string) => (item[name]?.N === undefined ? undefined : Number(item[name].N));
    const startedAt = number('runStartedAt');
    const segments = number('runSegments') ?? 0;
    const run: SweepRun | undefined =
      startedAt === undefined
        ? undefined
        : {
            startedAt,
            reason: item.runReason?.S ?? '',
            segments,
            positions: Array.from({ length: segments }, (_, segment) => item.positions?.M?.[String(segment)]?.S),
            leaseUntil: number('leaseUntil') ?? 0,
          };
    return {
      requestedAt: number('requestedAt'),
      requestReason: item.requestReason?.S,
      lastStartedAt: number('lastStartedAt'),
      lastCompletedAt: number('lastCompletedAt'),
      lastFailed: number('lastFailed'),
      run,
    };
  }

  async start(run: { startedAt: number; reason: string; segments: number }, leaseUntil: number): Promise<boolean> {
    return this.update({
      UpdateExpression: `SET #runStartedAt = :run, #runReason = :reason, #runSegments = :segments, #positions = :none, #leaseUntil = :lease, ${COUNTERS.map((name) => `#${name} = :zero`).join(', ')}`,
      ConditionExpression: 'attribute_not_exists(#runStartedAt)',
      ExpressionAttributeValues: { ':run': n(run.startedAt), ':reason': { S: run.reason }, ':segments': n(run.segments), ':none': { M: {} }, ':lease': n(leaseUntil), ':zero': n(0) },
    });
  }

  async claim(startedAt: number, now: number, leaseUntil: number): Promise<boolean> {
    return this.update({
      UpdateExpression: 'SET #leaseUntil = :lease',
      ConditionExpression: `${RUN} AND #leaseUntil <= :now`,
      ExpressionAttributeValues: { ':run': n(startedAt), ':now': n(now), ':lease': n(leaseUntil) },
    });
  }

  async progress(startedAt: number, segment: number, position: string, counts: SweepCounts): Promise<boolean> {
    return this.update({
      UpdateExpression: `SET #positions.#segment = :position ADD ${COUNTERS.map((name) => `#${name} :${name}`).join(', ')}`,
      ConditionExpression: RUN,
      ExpressionAttributeNames: { '#segment': String(segment) },
      ExpressionAttributeValues: { ':run': n(startedAt), ':position': { S: position }, ...Object.fromEntries(COUNTERS.map((name) => [`:${name}`, n(counts[name])])) },
    });
  }

  async release(startedAt: number, heldUntil: number, now: number): Promise<void> {
    // Only the lease this invocation holds: one that overran may not free a successor's.
    await this.update({
      UpdateExpression: 'SET #leaseUntil = :now',
      ConditionExpression: `${RUN} AND #leaseUntil = :held`,
      ExpressionAttributeValues: { ':run': n(startedAt), ':held': n(heldUntil), ':now': n(now) },
    });
  }

  async finish(startedAt: number, now: number): Promise<SweepCounts | undefined> {
    let item: Item | undefined;
    const done = await this.update(
      {
        UpdateExpression: 'SET #lastStartedAt = :run, #lastCompletedAt = :now, #lastFailed = #failed REMOVE #runStartedAt, #runReason, #runSegments, #positions, #leaseUntil',
        ConditionExpression: RUN,
          ExpressionAttributeValues: { ':run': n(startedAt), ':now': n(now) },
        ReturnValues: 'ALL_NEW',
      },
      (attributes) => (item = attributes),
    );
    if (!done || !item) return undefined;
    const totals = item;
    return Object.fromEntries(COUNTERS.map((name) => [name, Number(totals[name]?.N ?? 0)])) as unknown as SweepCounts;
  }

  /** One conditional update of the sweep item; false when its condition failed. */
  private async update(input: Omit<UpdateItemCommandInput, 'TableName' | 'Key'>, onAttributes?: (item: Item) => void): Promise<boolean> {
    try {
      // Every attribute goes by a placeholder named after it (several are DynamoDB reserved words);
      // DynamoDB refuses placeholders an expression does not use, so exactly the used ones are sent.
      const used = `${input.UpdateExpression} ${input.ConditionExpression ?? ''}`.match(/#\w+/g) ?? [];
      const names = { ...Object.fromEntries(used.map((placeholder) => [placeholder, placeholder.slice(1)])), ...input.ExpressionAttributeNames };
      const response = await this.client.send(new UpdateItemCommand({ TableName: this.table, Key: SWEEP_KEY, ...input, ExpressionAttributeNames: names }));
      if (response.Attributes) onAttributes?.(response.Attributes);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function n(value: number): { N: string } {
  return { N: String(value) };
}
