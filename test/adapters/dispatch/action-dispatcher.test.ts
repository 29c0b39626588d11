import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { NotFoundException, PublishBatchCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../../lib/adapters/dispatch';
import type { ActionEffect } from '../../../lib/engine';
import { TOPIC, dynamoDbEffect, instantRetry, lambdaEffect, snsEffect, sqsEffect } from './effects';

const MISSING_TOPIC = 'arn:aws:sns:us-east-1:123456789012:deleted';
const throttled = () => new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });

describe('createActionDispatcher', () => {
  const sns = new SNSClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  const lambda = new LambdaClient({ region: 'us-east-1' });
  const dynamodb = new DynamoDBClient({ region: 'us-east-1' });
  const snsMock = mockClient(sns);
  const sqsMock = mockClient(sqs);
  const lambdaMock = mockClient(lambda);
  const dynamoMock = mockClient(dynamodb);
  let sleeps: number[];
  let dispatcher: ReturnType<typeof createActionDispatcher>;

  beforeEach(() => {
    for (const mock of [snsMock, sqsMock, lambdaMock, dynamoMock]) mock.reset();
    snsMock.on(PublishBatchCommand).resolves({ Failed: [] });
    sqsMock.on(SendMessageBatchCommand).resolves({ Failed: [] });
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 202 });
    dynamoMock.on(PutItemCommand).resolves({});
    const instant = instantRetry();
    sleeps = instant.sleeps;
    dispatcher = createActionDispatcher({ clients: { sns, sqs, lambda, dynamodb }, retry: instant.retry });
  });

  it('returns one outcome per effect in the order given across mixed targets', async () => {
    // Arrange
    const effects: ActionEffect[] = [snsEffect(), sqsEffect(), lambdaEffect(), snsEffect({ targetArn: MISSING_TOPIC }), dynamoDbEffect(), snsEffect()];
    snsMock.on(PublishBatchCommand, { TopicArn: MISSING_TOPIC }).rejects(new NotFoundException({ message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } }));
    lambdaMock.on(InvokeCommand).rejectsOnce(throttled()).resolves({ StatusCode: 202 });

    // Act
    const outcomes = await dispatcher.dispatch(effects);

    // Assert
    expect(outcomes.map((outcome) => outcome.effect)).toEqual(effects);
    outcomes.forEach((outcome, i) => expect(outcome.effect).toBe(effects[i]));
    expect(outcomes.map((outcome) => [outcome.ok, outcome.attempts])).toEqual([
      [true, 1],
      [true, 1],
      [true, 2],
      [false, 1],
      [true, 1],
      [true, 1],
    ]);
    expect(snsMock).toHaveReceivedCommandWith(PublishBatchCommand, { TopicArn: TOPIC, PublishBatchRequestEntries: [expect.anything(), expect.anything()] });
  });

  it('reports 2 attempts when a throttled publish succeeds on retry', async () => {
    // Arrange
    snsMock.on(PublishBatchCommand).rejectsOnce(throttled()).resolves({ Failed: [] });

    // Act
    const [outcome] = await dispatcher.dispatch([snsEffect()]);

    // Assert
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(sleeps).toEqual([50]);
  });

  it('fails after 4 attempts with growing backoff when throttling persists', async () => {
    // Arrange
    const error = throttled();
    snsMock.on(PublishBatchCommand).rejects(error);

    // Act
    const [outcome] = await dispatcher.dispatch([snsEffect()]);

    // Assert
    expect(outcome).toMatchObject({ ok: false, attempts: 4, error });
    expect(snsMock).toHaveReceivedCommandTimes(PublishBatchCommand, 4);
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('fails after 1 attempt and no backoff on a permanent error', async () => {
    // Arrange
    snsMock.on(PublishBatchCommand).rejects(new NotFoundException({ message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } }));

    // Act
    const [outcome] = await dispatcher.dispatch([snsEffect()]);

    // Assert
    expect(outcome).toMatchObject({ ok: false, attempts: 1, error: { name: 'NotFoundException' } });
    expect(sleeps).toEqual([]);
  });

  it('serves different targets concurrently', async () => {
    // Arrange: the first function's invoke only completes once the second one has started.
    let releaseFirst: () => void = () => undefined;
    const secondStarted = new Promise<void>((resolve) => (releaseFirst = resolve));
    lambdaMock.on(InvokeCommand, { FunctionName: 'first' }).callsFake(async () => {
      await secondStarted;
      return { StatusCode: 202 };
    });
    lambdaMock.on(InvokeCommand, { FunctionName: 'second' }).callsFake(async () => {
      releaseFirst();
      return { StatusCode: 202 };
    });

    // Act
    const outcomes = await dispatcher.dispatch([lambdaEffect({ functionArn: 'first' }), lambdaEffect({ functionArn: 'second' })]);

    // Assert
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
  });

  it('fails effects whose client is missing and still performs the others', async () => {
    // Arrange
    const partial = createActionDispatcher({ clients: { sns } });

    // Act
    const outcomes = await partial.dispatch([sqsEffect(), snsEffect()]);

    // Assert
    expect(outcomes[0]).toMatchObject({ ok: false, attempts: 0, error: { name: 'ActionDeliveryError', code: 'MissingClient', transient: false } });
    expect(outcomes[0].ok || outcomes[0].error.message).toBe("sqs actions need the 'sqs' client: pass it in createActionDispatcher's clients");
    expect(outcomes[1]).toMatchObject({ ok: true, attempts: 1 });
  });

  it('fails an effect of an unknown type instead of throwing', async () => {
    // Arrange
    const strange = { ...snsEffect(), type: 'email' } as unknown as ActionEffect;

    // Act
    const [outcome] = await dispatcher.dispatch([strange]);

    // Assert
    expect(outcome).toMatchObject({ ok: false, attempts: 0 });
    expect(outcome.ok || outcome.error.message).toBe("'email' is not an action type Vigil can perform");
  });

  it('sends nothing for no effects', async () => {
    // Act
    const outcomes = await dispatcher.dispatch([]);

    // Assert
    expect(outcomes).toEqual([]);
    expect(snsMock).not.toHaveReceivedAnyCommand();
  });

  it('rejects misspelt options and clients when created', () => {
    expect(() => createActionDispatcher({ clients: {}, ingestQueue: 'x' } as never)).toThrow("createActionDispatcher: unknown option 'ingestQueue'");
    expect(() => createActionDispatcher({ clients: { dynamoDb: dynamodb } as never })).toThrow("createActionDispatcher: unknown client 'dynamoDb'");
  });
});
