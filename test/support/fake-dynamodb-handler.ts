import { Readable } from 'node:stream';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** One HTTP answer of the fake DynamoDB endpoint. */
export interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** One request the fake endpoint received. */
export interface FakeRequest {
  /** The DynamoDB operation, e.g. `PutItem`. */
  readonly operation: string;
  readonly body: Record<string, unknown>;
  /** The SDK's `amz-sdk-request` header: `attempt=2; max=4`. */
  readonly attempt: string | undefined;
}

/** A DynamoDB error answer, as the service sends it (the type after `#` becomes the error's name). */
export function errorAnswer(type: string, status = 400, extra: Record<string, unknown> = {}): FakeAnswer {
  const namespace = type === 'ThrottlingException' ? 'com.amazon.coral.availability' : 'com.amazonaws.dynamodb.v20120810';
  return { status, body: { __type: `${namespace}#${type}`, message: `${type} (injected)`, ...extra } };
}

/** The answer DynamoDB gives when it throttles a request. */
export const THROTTLED = errorAnswer('ProvisionedThroughputExceededException');

/**
 * A `requestHandler` standing in for the DynamoDB endpoint: everything above the HTTP layer
 * (serialisation, signing, the SDK's retry strategy, error parsing) runs for real, which
 * `aws-sdk-client-mock` (it replaces `send`) cannot show.
 */
export class FakeDynamoDBHandler {
  readonly requests: FakeRequest[] = [];

  constructor(private readonly answer: (request: FakeRequest, index: number) => FakeAnswer) {}

  /** Requests of one operation. */
  of(operation: string): FakeRequest[] {
    return this.requests.filter((request) => request.operation === operation);
  }

  async handle(request: { headers: Record<string, string>; body?: unknown }): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Readable } }> {
    const text = typeof request.body === 'string' ? request.body : bytesToText(request.body as Uint8Array | undefined);
    const received: FakeRequest = { operation: (request.headers['x-amz-target'] ?? '').split('.')[1], body: JSON.parse(text || '{}') as Record<string, unknown>, attempt: request.headers['amz-sdk-request'] };
    this.requests.push(received);
    const { status, body } = this.answer(received, this.requests.length - 1);
    const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `req-${this.requests.length}` };
    return { response: { statusCode: status, headers, body: Readable.from([Buffer.from(JSON.stringify(body))]) } };
  }
}

/** The request body's bytes as text, read as bytes (the SDK warns when its body is used as a string). */
function bytesToText(body: Uint8Array | undefined): string {
  return body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') : '';
}

/** A DynamoDB client on the fake endpoint, otherwise configured as the runtime's (`new DynamoDBClient({})`). */
export function clientOn(handler: FakeDynamoDBHandler, config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, requestHandler: handler as never, ...config });
}
