import net from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHandler as createDataApi } from '../../../functions/data-api';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { SILENT } from '../../../lib/ports';
import { processBatch } from '../../../lib/runtime/process-batch';
import { createRuntime } from '../../../lib/wiring';
import { apiEvent, batch } from '../api-event';
import { createTestStack, lambdaContext, type TestStack } from '../stack';

const inputs: CreateInputRequest[] = [{ inputName: 'Count', inputDefinition: { attributes: [{ jsonPath: 'id' }] } }];

/** Counts the messages of each device (key `id`). */
const counter: CreateDetectorModelRequest = {
  detectorModelName: 'counter',
  key: 'id',
  detectorModelDefinition: {
    initialStateName: 'Counting',
    states: [
      {
        stateName: 'Counting',
        onEnter: { events: [{ eventName: 'init', actions: [{ setVariable: { variableName: 'count', value: '0' } }] }] },
        onInput: { events: [{ eventName: 'count', condition: 'currentInput("Count")', actions: [{ setVariable: { variableName: 'count', value: '$variable.count + 1' } }] }] },
      },
    ],
  },
};

/** A TCP port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('bad input on DynamoDB Local', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([counter], inputs);
  });

  async function count(keyValue: string): Promise<bigint | undefined> {
    const detector = await stack.runtime().detectors.get({ model: 'counter', keyValue });
    return detector?.snapshot.variables.count as bigint | undefined;
  }

  it('never lets two key values that differ in an unpaired surrogate share one detector', async () => {
    // Arrange: UTF-8 cannot hold an unpaired surrogate, so storage would turn both keys into U+FFFD.
    const runtime = stack.runtime();
    const keys = ['lone-\ud800', 'lone-\ud801'];

    // Act
    const outcomes = [];
    for (const [i, key] of keys.entries()) {
      const payload = JSON.stringify({ id: key });
      outcomes.push(...(await processBatch([{ messageId: `k${i}`, inputName: 'Count', payload }], runtime, runtime.settings)));
    }

    // Assert: each key is either refused, or a detector of its own that counted its one message.
    for (const [i, key] of keys.entries()) {
      if (outcomes[i].status === 'processed') expect(await count(key)).toBe(1n);
      else expect(outcomes[i]).toMatchObject({ status: 'rejected', code: 'InvalidRequestException', message: expect.stringContaining('unpaired surrogates') });
    }
    expect(await count('lone-\ufffd')).toBeUndefined();
  });

  it('recognises a redelivered message whose id has an unpaired surrogate, and does not take another id for it', async () => {
    // Arrange: the same id twice, then an id that storage would confuse with it.
    const runtime = stack.runtime();
    const message = (messageId: string) => ({ messageId, inputName: 'Count', payload: '{"id": "ids"}' });

    // Act
    for (const id of ['\ud800', '\ud800']) await processBatch([message(id)], runtime, runtime.settings);
    const afterRedelivery = await count('ids');
    await processBatch([message('\ufffd')], runtime, runtime.settings);

    // Assert: the redelivery was ignored, the other id counted.
    expect(afterRedelivery).toBe(1n);
    expect(await count('ids')).toBe(2n);
  });

  it('answers an API call 503 ServiceUnavailableException, not 500, when DynamoDB cannot be reached', async () => {
    // Arrange: a runtime whose DynamoDB endpoint is a closed port
    const dynamodb = new DynamoDBClient({ endpoint: `http://127.0.0.1:${await closedPort()}`, maxAttempts: 2 });
    const handler = createDataApi(createRuntime(stack.config, SILENT, undefined, { dynamodb }));
    const body = batch({ messageId: 'm1', inputName: 'Count', payload: '{"id": "down"}' });

    // Act
    const result = (await handler(apiEvent('POST', '/inputs/messages', body), lambdaContext())) as APIGatewayProxyStructuredResultV2;

    // Assert
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['x-amzn-ErrorType']).toBe('ServiceUnavailableException');
    dynamodb.destroy();
  });
});
