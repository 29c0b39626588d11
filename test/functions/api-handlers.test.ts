import { Readable } from 'node:stream';
import {
  DynamoDBClient,
  GetItemCommand,
  InternalServerError,
  ProvisionedThroughputExceededException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeDetectorCommand, IoTEventsDataClient, ServiceUnavailableException, ThrottlingException } from '@aws-sdk/client-iot-events-data';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createHandler as createControlHandler } from '../../functions/control-api';
import { createHandler as createDataHandler } from '../../functions/data-api';
import { loadConfig } from '../../lib/config';
import { createRuntime } from '../../lib/wiring';
import { apiEvent } from '../integration/api-event';
import { RecordingTelemetry } from '../support/recording-telemetry';

const CONTEXT = { awsRequestId: 'req-1', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:vigil-test-api' } as Context;
const CONFIG = loadConfig({ DETECTORS_TABLE: 'detectors', MODELS_TABLE: 'models', TIMERS_TABLE: 'timers', TRACES_TABLE: 'traces', MODEL_REFRESH_MS: '0' });
const DESCRIBE = apiEvent('GET', '/detectors/motorDetectorModel/keyValues', undefined, { keyValue: 'Fulton-A32' });

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The data and control API handlers of one container, on a DynamoDB client whose calls the test answers. */
function handlers() {
  const telemetry = new RecordingTelemetry();
  const runtime = createRuntime(CONFIG, telemetry, undefined, { dynamodb: new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 }) });
  return { telemetry, data: createDataHandler(runtime) as unknown as Handler, control: createControlHandler(runtime, 'test') as unknown as Handler };
}

/** Status, AWS error type and message of a handler's answer. */
function answer(result: APIGatewayProxyStructuredResultV2) {
  return { status: result.statusCode, type: result.headers?.['x-amzn-ErrorType'], message: (JSON.parse(result.body ?? '{}') as { message?: string }).message };
}

/**
 * The AWS SDK's data-plane client, its requests handed straight to the Lambda handler as API
 * Gateway would hand them over; `statuses` records the status of every answer.
 */
function sdkClient(handler: Handler, maxAttempts: number, statuses: number[] = []): IoTEventsDataClient {
  return new IoTEventsDataClient({
    region: 'us-east-1',
    endpoint: 'http://vigil.test',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        const query = Object.fromEntries(Object.entries(request.query ?? {}).map(([key, value]) => [key, String(value)]));
        const result = await handler(apiEvent(request.method, request.path, undefined, query), CONTEXT);
        statuses.push(result.statusCode ?? 0);
        const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)]));
        return { response: new HttpResponse({ statusCode: result.statusCode ?? 500, headers, body: Readable.from([Buffer.from(result.body ?? '')]) }) };
      },
    },
  });
}

/** A JSON body nested `depth` arrays deep under one member. */
const deepBody = (depth: number) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;

const dynamodb = mockClient(DynamoDBClient);

afterEach(() => dynamodb.reset());
afterAll(() => dynamodb.restore());

describe('the API handlers when storage fails', () => {
  it.each([
    ['throttles', new ProvisionedThroughputExceededException({ message: 'throughput exceeded', $metadata: { httpStatusCode: 400 } }), 429, 'ThrottlingException'],
    ['has a server fault', new InternalServerError({ message: 'internal error', $metadata: { httpStatusCode: 500 } }), 503, 'ServiceUnavailableException'],
    ['cannot be reached', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } }), 503, 'ServiceUnavailableException'],
    ['times out', Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }), 503, 'ServiceUnavailableException'],
  ])('answers DescribeDetector with a retryable error when DynamoDB %s', async (_, failure, status, type) => {
    // Arrange
    dynamodb.on(GetItemCommand).rejects(failure);
    const { data, telemetry } = handlers();

    // Act
    const result = answer(await data(DESCRIBE, CONTEXT));

    // Assert
    expect(result).toMatchObject({ status, type });
    expect(result.message).not.toContain(failure.message);
    expect(telemetry.lines).toContainEqual(expect.objectContaining({ message: 'request failed', fields: expect.objectContaining({ status, error: failure.message }) }));
  });

  it('answers a failure that is not the storage being unavailable with a 500 that hides it', async () => {
    // Arrange
    dynamodb.on(GetItemCommand).rejects(Object.assign(new Error('One or more parameter values were invalid'), { name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } }));
    const { data } = handlers();

    // Act
    const result = answer(await data(DESCRIBE, CONTEXT));

    // Assert
    expect(result).toEqual({ status: 500, type: 'InternalFailureException', message: 'An internal error occurred; it has been logged.' });
  });

  it('answers control-plane calls with 503 and 429 too: ListInputs down, CreateInput throttled', async () => {
    // Arrange: the first read (ListInputs') fails, later ones work; the input write is throttled.
    dynamodb.on(GetItemCommand).rejectsOnce(new InternalServerError({ message: 'internal error', $metadata: { httpStatusCode: 500 } })).resolves({});
    dynamodb.on(TransactWriteItemsCommand).rejects(new ProvisionedThroughputExceededException({ message: 'throughput exceeded', $metadata: { httpStatusCode: 400 } }));
    const { control } = handlers();

    // Act
    const listed = answer(await control(apiEvent('GET', '/inputs'), CONTEXT));
    const created = answer(await control(apiEvent('POST', '/inputs', { inputName: 'Sensor', inputDefinition: { attributes: [{ jsonPath: 'v' }] } }), CONTEXT));

    // Assert
    expect(listed).toMatchObject({ status: 503, type: 'ServiceUnavailableException' });
    expect(created).toMatchObject({ status: 429, type: 'ThrottlingException' });
  });

  it('answers BatchPutMessage with 503 when the model catalog cannot be read', async () => {
    // Arrange
    dynamodb.on(GetItemCommand).rejects(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const { data } = handlers();
    const body = { messages: [{ messageId: 'm1', inputName: 'Sensor', payload: Buffer.from('{"v": 1}').toString('base64') }] };

    // Act
    const result = answer(await data(apiEvent('POST', '/inputs/messages', body), CONTEXT));

    // Assert
    expect(result).toMatchObject({ status: 503, type: 'ServiceUnavailableException' });
  });

  it.each([
    ['ServiceUnavailableException', new InternalServerError({ message: 'internal error', $metadata: { httpStatusCode: 500 } })],
    ['ThrottlingException', new ProvisionedThroughputExceededException({ message: 'throughput exceeded', $metadata: { httpStatusCode: 400 } })],
  ])('is retried by the AWS SDK, which gets its answer once storage recovers from a %s', async (_, failure) => {
    // Arrange: the first read fails, the second finds nothing (a 404 the SDK does not retry).
    dynamodb.on(GetItemCommand).rejectsOnce(failure).resolves({});
    const { data } = handlers();
    const calls: number[] = [];
    const client = sdkClient(data, 3, calls);

    // Act
    const described = client.send(new DescribeDetectorCommand({ detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32' }));

    // Assert
    await expect(described).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(calls).toEqual([failure instanceof InternalServerError ? 503 : 429, 404]);
    client.destroy();
  });

  it('gives the SDK the modelled error types, so callers can tell them apart', async () => {
    // Arrange
    dynamodb.on(GetItemCommand).rejects(new InternalServerError({ message: 'internal error', $metadata: { httpStatusCode: 500 } }));
    const { data } = handlers();
    const client = sdkClient(data, 1);

    // Act
    const described = client.send(new DescribeDetectorCommand({ detectorModelName: 'motorDetectorModel', keyValue: 'k' }));

    // Assert
    await expect(described).rejects.toBeInstanceOf(ServiceUnavailableException);
    await expect(described).rejects.not.toBeInstanceOf(ThrottlingException);
    client.destroy();
  });
});

describe('the API handlers given deeply nested bodies', () => {
  it.each([
    ['BatchPutMessage', 'data', 'POST', '/inputs/messages'],
    ['BatchUpdateDetector', 'data', 'POST', '/detectors'],
    ['BatchDeleteDetector', 'data', 'POST', '/detectors/delete'],
    ['CreateDetectorModel', 'control', 'POST', '/detector-models'],
    ['UpdateDetectorModel', 'control', 'POST', '/detector-models/motor'],
    ['CreateInput', 'control', 'POST', '/inputs'],
    ['UpdateInput', 'control', 'PUT', '/inputs/Sensor'],
    ['StartDetectorModelAnalysis', 'control', 'POST', '/analysis/detector-models'],
    ['ListInputRoutings', 'control', 'POST', '/input-routings'],
  ] as const)('answers %s with a body 100,000 levels deep with a 400, before touching storage', async (_, api, method, path) => {
    // Arrange
    const handler = handlers()[api];

    // Act
    const result = answer(await handler(apiEvent(method, path, deepBody(100_000)), CONTEXT));

    // Assert
    expect(result).toEqual({
      status: 400,
      type: 'InvalidRequestException',
      message: 'the request body is JSON nested more than 64 levels deep; at most 64 levels of objects and arrays are accepted',
    });
    expect(dynamodb.calls()).toHaveLength(0);
  });

  it('accepts a body nested exactly 64 levels deep as far as nesting goes', async () => {
    // Arrange: 63 arrays inside the body object; the unknown member is what is refused.
    const { data } = handlers();

    // Act
    const result = answer(await data(apiEvent('POST', '/detectors', deepBody(63)), CONTEXT));

    // Assert
    expect(result.message).toMatch(/^invalid BatchUpdateDetectorRequest: 1 error\(s\)\na: unknown member/);
  });
});
