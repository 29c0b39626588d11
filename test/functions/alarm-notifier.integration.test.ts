import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { createHandler } from '../../functions/alarm-notifier';
import { loadConfig } from '../../lib/config';
import { SILENT } from '../../lib/ports';
import { createAlarmNotifierRuntime } from '../../lib/wiring/alarm-notifier';
import { receiveMessages, startFauxqsProcess, type FauxqsProcess } from '../adapters/dispatch/fauxqs';

const INBOX = 'vigil-test-notifications-inbox';

describe('the alarmNotifier function with NOTIFICATIONS=record, against fauxqs', () => {
  let server: FauxqsProcess;
  let sqs: SQSClient;
  let queueUrl: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    server = await startFauxqsProcess();
    Object.assign(process.env, { AWS_ENDPOINT_URL_SQS: server.address, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
    sqs = new SQSClient({ endpoint: server.address, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, useQueueUrlAsEndpoint: false });
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: INBOX }))).QueueUrl ?? '';
  });

  afterAll(async () => {
    process.env = saved;
    sqs?.destroy();
    await server?.stop();
  });

  it('records the mail and texts of an AWS IoT Events notification event on the inbox queue instead of sending them', async () => {
    // Arrange
    const config = loadConfig({ DETECTORS_TABLE: 'd', MODELS_TABLE: 'm', TIMERS_TABLE: 't', TRACES_TABLE: 'tr', NOTIFICATIONS: 'record', NOTIFICATIONS_INBOX: INBOX, AWS_ENDPOINT_URL_SQS: server.address });
    const handler = createHandler(createAlarmNotifierRuntime(config, SILENT));
    const event = {
      notificationEventPayload: JSON.stringify({ alarmModelName: 'boilerPressure', keyValue: 'boiler-7', severity: 3, alarmState: { stateName: 'ACTIVE' } }),
      emailConfigurations: [{ from: 'alarms@example.com', to: ['ops@example.com'], subject: 'Boiler alarm' }],
      smsConfigurations: [{ phoneNumbers: ['+14155550100'] }],
    };

    // Act
    const report = await handler(event, {} as Context);

    // Assert
    expect(report).toEqual({ sent: 2, refused: [] });
    const bodies = (await receiveMessages(sqs, queueUrl, 2)).map((message) => JSON.parse(message.Body ?? '') as Record<string, unknown>);
    expect(bodies.sort((a, b) => String(a.kind).localeCompare(String(b.kind)))).toEqual([
      { kind: 'email', from: 'alarms@example.com', to: ['ops@example.com'], cc: [], bcc: [], subject: 'Boiler alarm', text: expect.stringContaining('Key: boiler-7') },
      { kind: 'text', phoneNumber: '+14155550100', text: 'boilerPressure boiler-7: ACTIVE, severity 3' },
    ]);
  });
});
