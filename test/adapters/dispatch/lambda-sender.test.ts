import { InvokeCommand, LambdaClient, ResourceNotFoundException, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../../lib/adapters/dispatch';
import { FUNCTION, instantRetry, json, lambdaEffect } from './effects';

describe('lambda actions', () => {
  const lambda = new LambdaClient({ region: 'us-east-1' });
  const lambdaMock = mockClient(lambda);
  let sleeps: number[];
  let dispatcher: ReturnType<typeof createActionDispatcher>;

  beforeEach(() => {
    lambdaMock.reset();
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 202 });
    const instant = instantRetry();
    sleeps = instant.sleeps;
    dispatcher = createActionDispatcher({ clients: { lambda }, retry: instant.retry });
  });

  it('invokes the function asynchronously with the payload bytes as the event', async () => {
    // Arrange
    const effect = lambdaEffect({ payload: json('{"pressure": 20.0}') });

    // Act
    const outcomes = await dispatcher.dispatch([effect]);

    // Assert
    expect(outcomes).toEqual([{ effect, ok: true, attempts: 1 }]);
    expect(lambdaMock).toHaveReceivedCommandWith(InvokeCommand, { FunctionName: FUNCTION, InvocationType: 'Event' });
    const payload = lambdaMock.commandCalls(InvokeCommand)[0].args[0].input.Payload as Uint8Array;
    expect(Buffer.from(payload).toString('utf8')).toBe('{"pressure": 20.0}');
  });

  it('invokes once per action', async () => {
    // Act
    await dispatcher.dispatch([lambdaEffect(), lambdaEffect(), lambdaEffect({ functionArn: 'other' })]);

    // Assert
    expect(lambdaMock).toHaveReceivedCommandTimes(InvokeCommand, 3);
  });

  it('retries a throttled invoke and reports 2 attempts when the second succeeds', async () => {
    // Arrange
    lambdaMock
      .on(InvokeCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }))
      .resolves({ StatusCode: 202 });

    // Act
    const [outcome] = await dispatcher.dispatch([lambdaEffect()]);

    // Assert
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(sleeps).toEqual([50]);
  });

  it('fails at once when the function does not exist', async () => {
    // Arrange
    const missing = new ResourceNotFoundException({ message: 'Function not found', $metadata: { httpStatusCode: 404 } });
    lambdaMock.on(InvokeCommand).rejects(missing);

    // Act
    const [outcome] = await dispatcher.dispatch([lambdaEffect()]);

    // Assert
    expect(outcome).toMatchObject({ ok: false, attempts: 1, error: missing });
    expect(sleeps).toEqual([]);
  });
});
