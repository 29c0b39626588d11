import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createHandler } from '../../../functions/ingest-rule';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
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

  it('fails the invocation, for Lambda’s on-failure destination, when there is no dead-letter queue', async () => {
    const runtime = stack.runtime();
    const handler = createHandler({ ...runtime, deadLetters: async () => undefined });
    await expect(handler({ id: 'motor-3', vigilInputName: 'Nobody' }, lambdaContext('req-3'))).rejects.toThrow(/no dead-letter queue is configured: input Nobody does not exist/);
  });
});
