import type { AttributeValue, BatchWriteItemCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** DynamoDB requests made through a client, and the capacity DynamoDB says they consumed. */
export interface Usage {
  requests: Record<string, number>;
  /** Request units DynamoDB reported, reads and writes apart (they are priced apart). */
  read: number;
  write: number;
}

const READS = new Set(['BatchGetItem', 'GetItem', 'Query', 'Scan']);
/** On-demand list prices, us-east-1 (2025): USD per million write / read request units. */
export const PRICE_WRU = 0.625;
export const PRICE_RRU = 0.125;

/** Counts every request of `client` into the returned usage, asking DynamoDB what each consumed. */
export function countUsage(client: DynamoDBClient): Usage & { reset(): void } {
  const usage = {
    requests: {} as Record<string, number>,
    read: 0,
    write: 0,
    reset() {
      usage.requests = {};
      usage.read = 0;
      usage.write = 0;
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = (context.commandName as string).replace('Command', '');
      usage.requests[command] = (usage.requests[command] ?? 0) + 1;
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      for (const { kind, units } of consumedUnits(command, args.input as object, result.output as object)) usage[kind] += units;
      return result;
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return usage;
}

/** Capacity one request consumed on one table. */
export interface Consumed {
  readonly table: string;
  readonly kind: 'read' | 'write';
  readonly units: number;
}

type Reported = { TableName?: string; CapacityUnits?: number };

/**
 * The capacity one request of `command` consumed, per table: what its response reports
 * (`ConsumedCapacity`, asked for with ReturnConsumedCapacity). Takes SDK inputs and outputs or the
 * wire JSON alike.
 */
export function consumedUnits(command: string, input: object, output: object): Consumed[] {
  const kind = READS.has(command) ? 'read' : 'write';
  const reported = (output as { ConsumedCapacity?: unknown }).ConsumedCapacity as Reported | Reported[] | undefined;
  // DynamoDB Local reports nothing for BatchWriteItem: count what DynamoDB would charge, a
  // write unit per KB of each item put (timer wake-ups, spilled ids, trace pages).
  if (command === 'BatchWriteItem' && !reported) return batchWriteUnits(input as BatchWriteItemCommandInput);
  return [reported ?? []].flat().map((entry) => ({ table: entry.TableName ?? '', kind, units: entry.CapacityUnits ?? 0 }));
}

/** Write units of a BatchWriteItem, per table: one per KB (rounded up) of each item put or key deleted. */
function batchWriteUnits(input: BatchWriteItemCommandInput): Consumed[] {
  return Object.entries(input.RequestItems ?? {}).map(([table, requests]) => ({
    table,
    kind: 'write',
    units: requests.reduce((sum, request) => sum + (Math.ceil(itemBytes(request.PutRequest?.Item ?? request.DeleteRequest?.Key ?? {}) / 1024) || 1), 0),
  }));
}

/** An item's size as DynamoDB counts it: attribute names and values (numbers about a byte per two digits). */
function itemBytes(item: Record<string, AttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name);
    if (value.S !== undefined) bytes += Buffer.byteLength(value.S);
    else if (value.N !== undefined) bytes += Math.ceil(value.N.length / 2) + 1;
    // Binary is bytes from the SDK, base64 text on the wire.
    else if (value.B !== undefined) bytes += typeof (value.B as unknown) === 'string' ? Buffer.byteLength(value.B as unknown as string, 'base64') : value.B.length;
    else bytes += 1;
  }
  return bytes;
}
