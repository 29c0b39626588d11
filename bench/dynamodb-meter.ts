import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { consumedUnits } from './dynamodb-usage';

/** What the functions asked of one table, and what DynamoDB says it cost. */
export interface TableUsage {
  requests: Record<string, number>;
  read: number;
  write: number;
  /** Conditional writes refused (ConditionalCheckFailed): DynamoDB charges them, DynamoDB Local reports nothing. */
  refusedWrites: number;
}

/** A metering proxy in front of DynamoDB Local. */
export interface DynamoDbMeter {
  /** Where clients send their requests (`http://127.0.0.1:<port>`). */
  readonly endpoint: string;
  /** Usage per table name since the last reset. */
  readonly tables: Map<string, TableUsage>;
  reset(): void;
  stop(): Promise<void>;
}

// Operations that take ReturnConsumedCapacity.
const METERED = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchGetItem', 'BatchWriteItem', 'Query', 'Scan', 'TransactGetItems', 'TransactWriteItems']);

/**
 * An HTTP proxy that forwards every request to DynamoDB Local and counts, per table, the requests
 * and the capacity DynamoDB Local reports for them. It adds `ReturnConsumedCapacity: TOTAL` to each
 * request that takes it, as `countUsage` does through the SDK (DynamoDB Local checks no signature),
 * and passes the answer back byte for byte, so the caller's checksum still holds. Used to meter the
 * local stack's functions, whose SDK clients the bench cannot reach.
 */
export async function startDynamoDbMeter(upstream: string): Promise<DynamoDbMeter> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const tables = new Map<string, TableUsage>();
  const usageOf = (table: string) => {
    let usage = tables.get(table);
    if (!usage) tables.set(table, (usage = { requests: {}, read: 0, write: 0, refusedWrites: 0 }));
    return usage;
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const command = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      let body = Buffer.concat(chunks);
      let input: Record<string, unknown> | undefined;
      if (METERED.has(command)) {
        input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        input.ReturnConsumedCapacity = 'TOTAL';
        body = Buffer.from(JSON.stringify(input));
      }
      const forward = http.request(
        { host: target.hostname, port: target.port, method: request.method, path: request.url, agent, headers: { ...request.headers, host: target.host, 'content-length': String(body.length) } },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const text = Buffer.concat(parts);
            if (input) count(command, input, answer.statusCode ?? 0, text);
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(text);
          });
        },
      );
      forward.on('error', (error) => {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`DynamoDB meter: ${error.message}`);
      });
      forward.end(body);
    });
  });
  const count = (command: string, input: Record<string, unknown>, status: number, text: Buffer) => {
    // A transaction names its tables item by item: its requests are counted apart.
    const tableNames = input.TableName ? [String(input.TableName)] : input.RequestItems ? Object.keys(input.RequestItems) : ['(transactions)'];
    for (const table of tableNames) {
      const usage = usageOf(table);
      usage.requests[command] = (usage.requests[command] ?? 0) + 1;
    }
    if (status !== 200) {
      if (text.toString('utf8').includes('ConditionalCheckFailed') && tableNames[0]) usageOf(tableNames[0]).refusedWrites++;
      return;
    }
    let output: object;
    try {
      output = JSON.parse(text.toString('utf8')) as object;
    } catch {
      return; // not JSON (an encoding the client asked for): nothing to read, the answer is passed on as it is
    }
    for (const { table, kind, units } of consumedUnits(command, input, output)) usageOf(table)[kind] += units;
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tables,
    reset: () => tables.clear(),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
