import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createActionDispatcher, createSqsFailureSink, type FailureRecord } from '../../../lib/adapters/dispatch';
import { isIngestEnvelope } from '../../../lib/ports/ingest-envelope';
import type { DispatchOutcome } from '../../../lib/ports/action-dispatcher';
import { iotEventsEffect, json, snsEffect, sqsEffect, string } from './effects';
import { receiveMessages, startFauxqsProcess, type FauxqsProcess } from './fauxqs';

// A default payload as the engine renders it: key order, decimals with `.0` and non-ASCII text must survive byte for byte.
const PAYLOAD =
  '{"eventTime":1700000000123,"payload":{"actionExecutionId":"5d7444df-a655-3587-a609-dbd7a0f55267","detector":{"detectorModelName":"motorDetectorModel",' +
  '"keyValue":"Fulton-A32","detectorModelVersion":"1"},"eventTriggerDetails":{"inputName":"PressureInput","messageId":"00001","triggerType":"Message"},' +
  '"state":{"stateName":"Dangerous","variables":{"pressure":20.0,"note":"Überdruck °C"},"timers":{}}},"eventName":"Pressure Threshold Breached"}';

/** The JSON a message body holds, or undefined for a body that is not JSON (the base64 one). */
function parseOrText(body: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

describe('action dispatch against fauxqs', () => {
  let server: FauxqsProcess;
  let sns: SNSClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    server = await startFauxqsProcess();
    const config = { endpoint: server.address, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
    sns = new SNSClient(config);
    // fauxqs queue URLs name sqs.us-east-1.localhost, which does not resolve: send to the endpoint instead.
    sqs = new SQSClient({ ...config, useQueueUrlAsEndpoint: false });
  });

  afterAll(async () => {
    sns?.destroy();
    sqs?.destroy();
    await server?.stop();
  });

  async function createQueue(name: string): Promise<{ url: string; arn: string }> {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    return { url: QueueUrl ?? '', arn: Attributes?.QueueArn ?? '' };
  }

  const receive = (queueUrl: string, count: number) => receiveMessages(sqs, queueUrl, count);

  it('delivers sns, sqs and iotEvents actions that arrive on the queue byte for byte', async () => {
    // Arrange
    const queue = await createQueue('vigil-actions');
    const { TopicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'vigil-alerts' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn }));
    const dispatcher = createActionDispatcher({ clients: { sns, sqs }, ingestQueueUrl: queue.url });
    const effects = [
      snsEffect({ targetArn: TopicArn, payload: json(PAYLOAD) }),
      sqsEffect({ queueUrl: queue.url, payload: json(PAYLOAD) }),
      sqsEffect({ queueUrl: queue.url, useBase64: true, payload: string('base64 °C') }),
      iotEventsEffect({ inputName: 'PressureInput', payload: json('{"pressure": 20.0}') }),
    ];

    // Act
    const outcomes = await dispatcher.dispatch(effects);

    // Assert
    expect(outcomes.map((outcome) => [outcome.ok, outcome.attempts])).toEqual([
      [true, 1],
      [true, 1],
      [true, 1],
      [true, 1],
    ]);
    const bodies = (await receive(queue.url, 4)).map((message) => message.Body ?? '');
    expect(bodies).toHaveLength(4);
    const parsed = bodies.map(parseOrText);
    const notification = parsed.find((body) => body?.Type === 'Notification');
    expect(notification).toMatchObject({ TopicArn, Message: PAYLOAD });
    expect(bodies).toContain(PAYLOAD);
    expect(bodies).toContain(Buffer.from('base64 °C', 'utf8').toString('base64'));
    const envelope = parsed.find(isIngestEnvelope);
    expect(envelope).toEqual({ vigilEnvelope: 1, inputName: 'PressureInput', messageId: effects[3].actionExecutionId, payload: '{"pressure": 20.0}', timestamp: effects[3].time });
  });

  it('fails an action for a missing topic at once and records it on the dead-letter queue', async () => {
    // Arrange
    const dlq = await createQueue('vigil-actions-dlq');
    const dispatcher = createActionDispatcher({ clients: { sns }, retry: { sleep: async () => undefined } });
    const sink = createSqsFailureSink({ sqs, queueUrl: dlq.url, clock: () => new Date('2026-11-21T12:00:00.000Z') });
    const effect = snsEffect({ targetArn: 'arn:aws:sns:us-east-1:000000000000:no-such-topic' });

    // Act
    const outcomes = await dispatcher.dispatch([effect]);
    await sink.record(outcomes.filter((outcome): outcome is Extract<DispatchOutcome, { ok: false }> => !outcome.ok));

    // Assert
    expect(outcomes[0]).toMatchObject({ ok: false, attempts: 1, error: { name: 'NotFoundException' } });
    const [message] = await receive(dlq.url, 1);
    const record = JSON.parse(message.Body ?? '') as FailureRecord;
    expect(record).toMatchObject({ effect: { actionExecutionId: effect.actionExecutionId, targetArn: effect.targetArn }, error: { name: 'NotFoundException' }, attempts: 1, failedAt: '2026-11-21T12:00:00.000Z' });
  });
});
