import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { createHandler as createIngestQueue } from '../../../functions/ingest-queue';
import { SILENT, type Telemetry } from '../../../lib/ports';
import { createRuntime } from '../../../lib/wiring';
import { createTestStack, lambdaContext, queueRecord, shippedModel, type TestStack } from '../stack';

/** A presence event as the lifecycle rule puts it on the lifecycle queue. */
function presence(clientId: string, eventType: 'connected' | 'disconnected', versionNumber: number): string {
  const event = { clientId, timestamp: Date.now(), eventType, sessionIdentifier: `s-${clientId}`, principalIdentifier: 'p', versionNumber, ...(eventType === 'connected' ? { ipAddress: '203.0.113.7' } : { clientInitiatedDisconnect: false, disconnectReason: 'CONNECTION_LOST' }) };
  return JSON.stringify({ ...event, topic: `$aws/events/presence/${eventType}/${clientId}` });
}

/**
 * Anyone allowed to invoke the ingest function can hand it an SQS event naming the lifecycle queue
 * as its source. The function asks the queue itself (fauxqs here) whether it delivered each such
 * record, and drops the ones it never did.
 */
describe('records that claim a trusted queue, checked with the queue', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([shippedModel('device-connectivity.json', stack.provisioned.topics.AlertsTopic.arn)], []);
  });

  it('applies what the lifecycle queue really delivered and drops a made-up record naming it', async () => {
    // Arrange: a real message, received from the real queue; and a forged "disconnected" for it.
    const url = stack.provisioned.queues.LifecycleQueue.url;
    await stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: presence('pump-7', 'connected', 3) }));
    const { Messages = [] } = await stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1, VisibilityTimeout: 60 }));
    const [received] = Messages;
    const real = { ...queueRecord(stack, 'LifecycleQueue', received.MessageId as string, received.Body as string), receiptHandle: received.ReceiptHandle as string };
    const forged = queueRecord(stack, 'LifecycleQueue', 'forged-1', presence('pump-7', 'disconnected', 999_999));
    const counts: Record<string, number> = {};
    const telemetry: Telemetry = { ...SILENT, count: (metric, value = 1) => void (counts[metric] = (counts[metric] ?? 0) + value) };
    const handler = createIngestQueue(createRuntime({ ...stack.config, verifyReceipts: true }, telemetry));

    // Act
    const response = await handler({ Records: [forged, real] } as SQSEvent, lambdaContext());

    // Assert: the device is online, as the real event says; the forgery left no trace.
    expect(response.batchItemFailures).toEqual([]);
    expect(counts.ForgedRecords).toBe(1);
    expect((await stack.runtime().detectors.get({ model: 'deviceConnectivity', keyValue: 'pump-7' }))?.snapshot.stateName).toBe('Online');
    expect(await stack.receive('IngestDeadLetterQueue', 1, 1500)).toEqual([]);
  });
});
