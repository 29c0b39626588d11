import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigError, loadConfig } from '../lib/config';
import { SILENT } from '../lib/ports';
import { createRuntime } from '../lib/wiring';
import { createDispatchRuntime } from '../lib/wiring/dispatch';
import { createIngestQueueRuntime } from '../lib/wiring/ingest';
import { RecordingTelemetry } from './support/recording-telemetry';

describe('the runtime wiring', () => {
  const sqs = mockClient(SQSClient);
  const environment = { AWS_REGION: process.env.AWS_REGION };

  beforeAll(() => {
    process.env.AWS_REGION = 'eu-west-1';
  });

  afterAll(() => {
    process.env.AWS_REGION = environment.AWS_REGION;
    sqs.restore();
  });

  beforeEach(() => {
    sqs.reset();
  });

  it('builds the action dispatchers again after a failed queue-URL lookup instead of keeping the failure', async () => {
    // Arrange: the internal queue is named (as serverless.yml does), and the first lookup fails.
    sqs.on(GetQueueUrlCommand).rejectsOnce(new Error('SQS is throttling')).resolves({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/vigil-prod-internal' });
    const config = loadConfig({ DETECTORS_TABLE: 'd', MODELS_TABLE: 'm', TIMERS_TABLE: 't', TRACES_TABLE: 'tr', INTERNAL_QUEUE: 'vigil-prod-internal' });
    const runtime = createRuntime(config, SILENT);

    // Act
    const first = runtime.dispatchers();
    await expect(first).rejects.toThrow('SQS is throttling');
    const second = await runtime.dispatchers();

    // Assert
    expect(second).toBeDefined();
    expect(await runtime.dispatchers()).toBe(second);
    expect(sqs.commandCalls(GetQueueUrlCommand)).toHaveLength(2);
  });

  it('assumes model roles unless told otherwise, and says once per container when it ignores them', async () => {
    // Arrange
    const tables = { DETECTORS_TABLE: 'd', MODELS_TABLE: 'm', TIMERS_TABLE: 't', TRACES_TABLE: 'tr' };
    const telemetry = new RecordingTelemetry();

    // Act
    const assuming = createRuntime(loadConfig(tables), SILENT);
    const ignoring = createRuntime(loadConfig({ ...tables, MODEL_ROLES: 'ignore' }), telemetry);
    await ignoring.dispatchers();
    await ignoring.dispatchers();

    // Assert
    expect(assuming.config.modelRoles).toBe('assume');
    expect(assuming.modelRoles).toBeDefined();
    expect(ignoring.modelRoles).toBeUndefined();
    expect(telemetry.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      "MODEL_ROLES=ignore: actions run with this function's own credentials, not with their models' roles (local stack only)",
    ]);
    expect(() => loadConfig({ ...tables, MODEL_ROLES: 'off' })).toThrow(new ConfigError('MODEL_ROLES', "must be assume or ignore, not 'off'"));
  });

  it('sends alarm notifications unless told to record them, and records them only with an inbox named', () => {
    // Arrange
    const tables = { DETECTORS_TABLE: 'd', MODELS_TABLE: 'm', TIMERS_TABLE: 't', TRACES_TABLE: 'tr' };

    // Act
    const sending = loadConfig(tables);
    const recording = loadConfig({ ...tables, NOTIFICATIONS: 'record', NOTIFICATIONS_INBOX: 'vigil-dev-notifications-inbox' });

    // Assert
    expect([sending.notifications, recording.notifications, recording.notificationsInbox]).toEqual(['send', 'record', 'vigil-dev-notifications-inbox']);
    expect(() => loadConfig({ ...tables, NOTIFICATIONS: 'record' })).toThrow(new ConfigError('NOTIFICATIONS_INBOX', 'is required when NOTIFICATIONS=record'));
    expect(() => loadConfig({ ...tables, NOTIFICATIONS: 'email' })).toThrow(new ConfigError('NOTIFICATIONS', "must be send or record, not 'email'"));
  });

  it('looks up the dead-letter queue when the first dead letter is sent, and again after a lookup that failed', async () => {
    // Arrange: serverless.yml names the queues; the first lookup fails.
    const url = 'https://sqs.eu-west-1.amazonaws.com/123456789012/vigil-prod-ingest-dlq';
    sqs.on(GetQueueUrlCommand).rejectsOnce(new Error('SQS is throttling')).resolves({ QueueUrl: url });
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'm-1', MD5OfMessageBody: '' }], Failed: [] });
    const config = loadConfig({ DETECTORS_TABLE: 'd', MODELS_TABLE: 'm', TIMERS_TABLE: 't', TRACES_TABLE: 'tr', INGEST_DLQ: 'vigil-prod-ingest-dlq', INTERNAL_QUEUE: 'vigil-prod-internal' });
    const letter = { id: 'q-1', body: '{}', reason: 'input Nobody does not exist', code: 'InvalidRequestException' };

    // Act
    const runtime = createIngestQueueRuntime(config, SILENT);
    const built = sqs.calls().length;
    const first = runtime.deadLetters?.send([letter]);
    await expect(first).rejects.toThrow('SQS is throttling');
    await runtime.deadLetters?.send([letter]);

    // Assert: the internal queue, never used, was never looked up.
    expect(built).toBe(0);
    expect(sqs.commandCalls(GetQueueUrlCommand).map((call) => call.args[0].input.QueueName)).toEqual(['vigil-prod-ingest-dlq', 'vigil-prod-ingest-dlq']);
    expect(sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.QueueUrl)).toEqual([url]);
  });

  it('dead-letters an action that failed for good and notes it for vigil trace; a note that cannot be written is only logged', async () => {
    // Arrange
    const url = 'https://sqs.eu-west-1.amazonaws.com/123456789012/vigil-prod-actions-dlq';
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: url });
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'm-1', MD5OfMessageBody: '' }], Failed: [] });
    const dynamodb = mockClient(DynamoDBClient);
    dynamodb.on(BatchWriteItemCommand).resolvesOnce({ UnprocessedItems: {} }).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const config = loadConfig({ DETECTORS_TABLE: 'd', MODELS_TABLE: 'm', TIMERS_TABLE: 't', TRACES_TABLE: 'tr', ACTIONS_DLQ: 'vigil-prod-actions-dlq' });
    const telemetry = new RecordingTelemetry();
    const runtime = createDispatchRuntime(config, telemetry);
    const effect = { actionExecutionId: 'a1', eventName: 'alarm', detectorModelName: 'motor', detectorModelVersion: '1', keyValue: 'm1', time: 0, path: '', type: 'sns' as const, targetArn: 'arn:aws:sns:eu-west-1:123456789012:gone', payload: { type: 'STRING' as const, text: 'x' } };
    const failure = { effect, ok: false as const, attempts: 1, error: new Error('Topic does not exist') };

    // Act
    await runtime.failureSink?.record([failure]);
    await runtime.failureSink?.record([failure]);
    dynamodb.restore();

    // Assert
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(2);
    expect(dynamodb.commandCalls(BatchWriteItemCommand).map((call) => Object.keys(call.args[0].input.RequestItems ?? {}))).toEqual([['tr'], ['tr']]);
    expect(telemetry.messages('warn')).toEqual(['could not note failed actions for vigil trace']);
  });
});
