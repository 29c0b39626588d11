import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfig } from '../lib/config';
import { SILENT } from '../lib/ports';
import { createRuntime } from '../lib/wiring';

describe('createRuntime', () => {
  const sqs = mockClient(SQSClient);
  const environment = { AWS_REGION: process.env.AWS_REGION };

  beforeAll(() => {
    process.env.AWS_REGION = 'eu-west-1';
  });

  afterAll(() => {
    process.env.AWS_REGION = environment.AWS_REGION;
    sqs.restore();
  });

  it('builds the action dispatcher again after a failed queue-URL lookup instead of keeping the failure', async () => {
    // Arrange: the internal queue is named (as serverless.yml does), and the first lookup fails.
    sqs.on(GetQueueUrlCommand).rejectsOnce(new Error('SQS is throttling')).resolves({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/vigil-prod-internal' });
    const config = loadConfig({ DETECTORS_TABLE: 'd', MODELS_TABLE: 'm', TIMERS_TABLE: 't', TRACES_TABLE: 'tr', INTERNAL_QUEUE: 'vigil-prod-internal' });
    const runtime = createRuntime(config, SILENT);

    // Act
    const first = runtime.dispatcher();
    await expect(first).rejects.toThrow('SQS is throttling');
    const second = await runtime.dispatcher();

    // Assert
    expect(second).toBeDefined();
    expect(await runtime.dispatcher()).toBe(second);
    expect(sqs.commandCalls(GetQueueUrlCommand)).toHaveLength(2);
  });
});
