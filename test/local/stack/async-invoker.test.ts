import { AsyncInvoker, type FailureRecord } from '../../../local/stack/async-invoker';
import { LambdaInvokeError } from '../../../local/stack/errors';
import { toEventJson, type InvokeResult, type LambdaApi } from '../../../local/stack/lambda-api';

/** A Lambda API answering with the given results in turn, recording the events it got. */
function lambdaApi(...results: (InvokeResult | Error)[]) {
  const calls: unknown[] = [];
  const api: LambdaApi = {
    async invoke(_name, event) {
      calls.push(event);
      const result = results.shift() ?? { payload: null, functionError: undefined };
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return { api, calls };
}

const FAILED: InvokeResult = { payload: { errorMessage: 'DynamoDB is down', errorType: 'Error' }, functionError: 'Unhandled' };
const OK: InvokeResult = { payload: null, functionError: undefined };

describe("AsyncInvoker, Lambda's asynchronous invocation", () => {
  it('accepts the event once the first attempt ran, and does nothing more when it succeeded', async () => {
    // Arrange
    const { api, calls } = lambdaApi(OK);
    const onFailure = jest.fn();
    const invoker = new AsyncInvoker(api, { retryDelaysMs: [0, 0] });

    // Act
    await invoker.invoke('vigil-local-ingestRule', { a: 1 }, onFailure);
    await invoker.idle();

    // Assert
    expect(calls).toEqual([{ a: 1 }]);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('retries a function error after each delay, then sends the failure record to the destination', async () => {
    // Arrange
    const { api, calls } = lambdaApi(FAILED, FAILED, FAILED);
    const records: FailureRecord[] = [];
    const invoker = new AsyncInvoker(api, { retryDelaysMs: [1, 1], now: () => Date.UTC(2026, 10, 21), functionArn: (name) => `arn:aws:lambda:us-east-1:000000000000:function:${name}` });

    // Act
    await invoker.invoke('vigil-local-ingestRule', { a: 1 }, async (record) => {
      records.push(record);
    });
    while (!records.length) await invoker.idle().then(() => new Promise((resolve) => setTimeout(resolve, 5)));

    // Assert
    expect(calls).toHaveLength(3);
    expect(records).toEqual([
      {
        version: '1.0',
        timestamp: '2026-11-21T00:00:00.000Z',
        requestContext: { requestId: expect.any(String), functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:vigil-local-ingestRule:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
        requestPayload: { a: 1 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorMessage: 'DynamoDB is down', errorType: 'Error' },
      },
    ]);
  });

  it('stops retrying once an attempt succeeds', async () => {
    // Arrange
    const { api, calls } = lambdaApi(FAILED, OK);
    const onFailure = jest.fn();
    const invoker = new AsyncInvoker(api, { retryDelaysMs: [1, 1] });

    // Act
    await invoker.invoke('fn', {}, onFailure);
    while (calls.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await invoker.idle();

    // Assert
    expect(calls).toHaveLength(2);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('rejects when the function cannot be invoked at all, so a rule action can fail', async () => {
    // Arrange
    const { api } = lambdaApi(new LambdaInvokeError('fn', 404, 'HTTP 404: Function not found'));
    const invoker = new AsyncInvoker(api);

    // Act
    const invoking = invoker.invoke('fn', {});

    // Assert
    await expect(invoking).rejects.toThrow(LambdaInvokeError);
  });

  it('cancels pending retries when stopped', async () => {
    // Arrange
    const { api, calls } = lambdaApi(FAILED, FAILED);
    const invoker = new AsyncInvoker(api, { retryDelaysMs: [50] });
    await invoker.invoke('fn', {});

    // Act
    invoker.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Assert
    expect(calls).toHaveLength(1);
    expect(invoker.stopped).toBe(true);
  });
});

describe('toEventJson', () => {
  it('writes binary attributes as base64, as Lambda does in stream events', () => {
    // Arrange
    const event = { Records: [{ dynamodb: { NewImage: { data: { B: new Uint8Array([1, 2, 255]) }, buffer: { B: Buffer.from('hi') } } } }] };

    // Act
    const json = toEventJson(event);

    // Assert
    expect(JSON.parse(json)).toEqual({ Records: [{ dynamodb: { NewImage: { data: { B: 'AQL/' }, buffer: { B: 'aGk=' } } } }] });
  });
});
