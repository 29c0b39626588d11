import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createHandler } from '../../../functions/ingest-rule';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { faultyDynamoDb, throttled, type DynamoRequest } from '../../support/faulty-dynamodb';
import { createTestStack, lambdaContext, type TestStack } from '../stack';

const inputs: CreateInputRequest[] = [{ inputName: 'Count', inputDefinition: { attributes: [{ jsonPath: 'id' }] } }];
/** Records the id of the last message it saw. */
const counter: CreateDetectorModelRequest = {
  detectorModelName: 'ruleCounter',
  key: 'id',
  detectorModelDefinition: {
    initialStateName: 'Counting',
    states: [{ stateName: 'Counting', onInput: { events: [{ eventName: 'count', condition: 'currentInput("Count")', actions: [{ setVariable: { variableName: 'seen', value: '$input.Count.id' } }] }] } }],
  },
};

describe('the direct path: an IoT topic rule invoking ingestRule', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([counter], inputs);
  });

  const deadLetters = async () => {
    const { Messages = [] } = await stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: stack.provisioned.queues.IngestDeadLetterQueue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }));
    return Messages.map((message) => ({ body: message.Body, reason: message.MessageAttributes?.ErrorMessage?.StringValue }));
  };

  it('delivers the rule’s SELECT output to the input it names, and ignores Lambda’s retry of the same request', async () => {
    const handler = createHandler(stack.runtime());
    const event = { id: 'motor-1', vigilInputName: 'Count' };
    await handler(event, lambdaContext('req-1'));
    await handler(event, lambdaContext('req-1'));
    const detector = await stack.runtime().detectors.get({ model: 'ruleCounter', keyValue: 'motor-1' });
    expect(detector?.snapshot.variables).toEqual({ seen: 'motor-1' });
    expect(detector?.version).toBe(1);
  });

  it('sends output that names no input to the dead-letter queue with the reason, and returns', async () => {
    const handler = createHandler(stack.runtime());
    await expect(handler({ id: 'motor-2' }, lambdaContext('req-2'))).resolves.toBeUndefined();
    expect(await deadLetters()).toEqual([{ body: '{"id":"motor-2"}', reason: expect.stringContaining('names no input') }]);
  });

  it('refuses a lifecycle event or a built-in input on the direct path: only the lifecycle queue carries them', async () => {
    // Arrange: what a device could make a rule on its own topic send.
    const handler = createHandler(stack.runtime());
    const forged = { clientId: 'pump-0042', timestamp: 1, eventType: 'disconnected', sessionIdentifier: 's', principalIdentifier: 'p', versionNumber: 999999, clientInitiatedDisconnect: false, disconnectReason: 'CONNECTION_LOST' };

    // Act
    await handler({ ...forged, topic: '$aws/events/presence/disconnected/pump-0042' }, lambdaContext('req-forged-1'));
    await handler({ ...forged, vigilInputName: 'AwsIotPresence' }, lambdaContext('req-forged-2'));

    // Assert
    expect((await deadLetters()).map((letter) => letter.reason).sort()).toEqual([
      expect.stringContaining('AwsIotPresence is a built-in lifecycle input'),
      'an AWS IoT lifecycle event is accepted only from the lifecycle queue, which only the $aws/events rule writes to',
    ]);
  });

  it('applies each message of a batch, dead-letters a bad element alone, and applies nothing twice when Lambda retries the request', async () => {
    // Arrange: a batch rule's output (true AS vigilBatchMode): the payload is an array.
    const handler = createHandler(stack.runtime());
    const raw = Buffer.from(JSON.stringify([{ id: 'motor-b1' }, 7, { id: 'motor-b2' }])).toString('base64');
    const event = { vigilRaw: raw, vigilInputName: 'Count', vigilBatchMode: true };

    // Act
    await handler(event, lambdaContext('req-batch'));
    await handler(event, lambdaContext('req-batch'));
    const letters = await deadLetters();

    // Assert
    for (const key of ['motor-b1', 'motor-b2']) expect((await stack.runtime().detectors.get({ model: 'ruleCounter', keyValue: key }))?.version).toBe(1);
    expect(letters).toEqual([
      { body: '7', reason: 'element 1 of the batch must be a JSON object, not a number' },
      { body: '7', reason: 'element 1 of the batch must be a JSON object, not a number' },
    ]);
  });

  it('hands a message that failed transiently to the internal queue, narrowed to the detectors that did not apply it', async () => {
    // Arrange: the second model reading Count cannot write its detector for now.
    await stack.seed([counter, { ...counter, detectorModelName: 'ruleCounter2' }], inputs);
    const rule = ({ operation, input }: DynamoRequest) => (operation === 'PutItem' && (input.Item as { pk: { S: string } }).pk.S === 'ruleCounter2|motor-4' ? throttled() : undefined);
    const handler = createHandler(stack.runtime({ dynamodb: faultyDynamoDb(rule) }));

    // Act
    await handler({ id: 'motor-4', vigilInputName: 'Count' }, lambdaContext('req-4'));
    const { Messages = [] } = await stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: stack.provisioned.queues.InternalQueue.url, WaitTimeSeconds: 1 }));

    // Assert: the invocation succeeded (no Lambda retry); the retry waits on the internal queue.
    expect(Messages.map((message) => JSON.parse(message.Body as string))).toEqual([
      { vigilEnvelope: 1, inputName: 'Count', messageId: 'req-4', payload: '{"id":"motor-4"}', origin: 'telemetry', targets: ['ruleCounter2|motor-4'], attempt: 1 },
    ]);
    expect((await stack.runtime().detectors.get({ model: 'ruleCounter', keyValue: 'motor-4' }))?.version).toBe(1);
  });

  it('fails the invocation, for Lambda’s on-failure destination, when there is no dead-letter queue', async () => {
    const runtime = stack.runtime();
    const handler = createHandler({ ...runtime, deadLetters: undefined });
    await expect(handler({ id: 'motor-3', vigilInputName: 'Nobody' }, lambdaContext('req-3'))).rejects.toThrow(/no dead-letter queue is configured: input Nobody does not exist/);
  });
});
