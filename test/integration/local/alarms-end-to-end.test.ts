import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateAlarmModelCommand, CreateInputCommand, DeleteAlarmModelCommand, IoTEventsClient, UpdateAlarmModelCommand, type CreateAlarmModelRequest } from '@aws-sdk/client-iot-events';
import {
  BatchAcknowledgeAlarmCommand,
  BatchDisableAlarmCommand,
  BatchEnableAlarmCommand,
  BatchPutMessageCommand,
  BatchResetAlarmCommand,
  BatchSnoozeAlarmCommand,
  DescribeAlarmCommand,
  IoTEventsDataClient,
  type DescribeAlarmResponse,
} from '@aws-sdk/client-iot-events-data';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { vigilClientConfig } from '../../../lib/api/client-config';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../../../local/stack/local-identity';
import { spawnLocalStack, type SpawnedLocalStack } from '../../../local/stack/spawn-local-stack';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const MODEL = 'boilerPressure';
const ALERTS = `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:vigil-local-alerts`;
const NOTIFIER = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:vigil-local-alarmNotifier`;

/** An alarm model as a team exported it from AWS IoT Events: pressure above 70, acknowledge flow on, an SNS action and a notification. */
const alarmModel: CreateAlarmModelRequest = {
  alarmModelName: MODEL,
  roleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/vigil-local-models`,
  key: 'boilerId',
  severity: 3,
  alarmRule: { simpleRule: { inputProperty: '$input.BoilerInput.pressure', comparisonOperator: 'GREATER', threshold: '70' } },
  alarmEventActions: { alarmActions: [{ sns: { targetArn: ALERTS } }] },
  alarmNotification: {
    notificationActions: [
      {
        action: { lambdaAction: { functionArn: NOTIFIER } },
        emailConfigurations: [{ from: 'alarms@example.com', content: { subject: 'Boiler pressure' }, recipients: { to: [{ ssoIdentity: { identityStoreId: 'd-local', userId: 'ops@example.com' } }] } }],
      },
    ],
  },
  alarmCapabilities: { initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled: true } },
};

/** Polls until `probe` returns a value (not undefined); no timing is asserted, jest's timeout bounds it. */
async function eventually<T>(probe: () => Promise<T | undefined>, pauseMs = 200): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

describe('alarm models on npm start, driven by the official SDK clients', () => {
  let stack: SpawnedLocalStack;
  let modelsDir: string;
  let control: IoTEventsClient;
  let data: IoTEventsDataClient;
  let sqs: SQSClient;
  let sent = 0;

  /** The instance as DescribeAlarm shows it, or undefined while it does not exist. */
  const alarmNow = async (keyValue = 'boiler-7'): Promise<DescribeAlarmResponse['alarm'] | undefined> => {
    try {
      return (await data.send(new DescribeAlarmCommand({ alarmModelName: MODEL, keyValue }))).alarm;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  };
  /** Sends a reading; the data API applies it before it answers (BatchPutMessage runs the batch), so the instance is read after. */
  const reading = async (pressure: number, keyValue = 'boiler-7') => {
    const payload = new TextEncoder().encode(JSON.stringify({ boilerId: keyValue, pressure }));
    const { BatchPutMessageErrorEntries = [] } = await data.send(new BatchPutMessageCommand({ messages: [{ messageId: `r-${++sent}`, inputName: 'BoilerInput', payload }] }));
    expect(BatchPutMessageErrorEntries).toEqual([]);
    return (await alarmNow(keyValue)) as NonNullable<DescribeAlarmResponse['alarm']>;
  };
  const state = async () => (await alarmNow())?.alarmState?.stateName;
  const request = (requestId: string, keyValue = 'boiler-7') => ({ requestId, alarmModelName: MODEL, keyValue, note: `by the test (${requestId})` });
  /** Every message a queue of the stack received so far, removed from it. */
  const drain = async (queue: string): Promise<string[]> => {
    const url = stack.provisioned.queues[queue].url;
    const bodies: string[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      if (!Messages.length) return bodies;
      for (const message of Messages) {
        bodies.push(message.Body ?? '');
        await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
      }
    }
  };

  beforeAll(async () => {
    // No model files: the alarm model comes through the control API, as `vigil deploy-model` sends it.
    modelsDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-alarms-'));
    stack = await spawnLocalStack({ minTimerSeconds: 1, modelsDir });
    const api = { ...vigilClientConfig({ endpoint: stack.endpoints.http, region: LOCAL_REGION }), credentials: CREDENTIALS, maxAttempts: 1 };
    control = new IoTEventsClient(api);
    data = new IoTEventsDataClient(api);
    sqs = new SQSClient({ region: LOCAL_REGION, credentials: CREDENTIALS, endpoint: stack.endpoints.sqs, useQueueUrlAsEndpoint: false });
    await control.send(new CreateInputCommand({ inputName: 'BoilerInput', inputDefinition: { attributes: [{ jsonPath: 'boilerId' }, { jsonPath: 'pressure' }] } }));
    await control.send(new CreateAlarmModelCommand(alarmModel));
    // The functions see a new model within MODEL_REFRESH_MS: until then a reading reaches no alarm.
    await eventually(async () => {
      await data.send(new BatchPutMessageCommand({ messages: [{ messageId: `first-${++sent}`, inputName: 'BoilerInput', payload: new TextEncoder().encode('{"boilerId": "boiler-7", "pressure": 50}') }] }));
      return (await alarmNow()) ? true : undefined;
    }, 1000);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    for (const client of [control, data, sqs]) client?.destroy();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  }, 60_000);

  it('creates the instance NORMAL on its first reading, raises it on a breach, sends its action and its notification', async () => {
    // Arrange
    expect(await state()).toBe('NORMAL');

    // Act
    const raised = await reading(85);

    // Assert
    expect(raised).toMatchObject({ alarmModelName: MODEL, keyValue: 'boiler-7', severity: 3, alarmState: { stateName: 'ACTIVE', ruleEvaluation: { simpleRuleEvaluation: { inputPropertyValue: '85', operator: 'GREATER', thresholdValue: '70' } } } });
    const alert = await eventually(async () => (await drain('AlertsInboxQueue')).map((body) => JSON.parse(JSON.parse(body).Message as string)).find((payload) => payload.alarmState?.stateName === 'ACTIVE'));
    expect(alert).toMatchObject({ alarmModelName: MODEL, keyValue: 'boiler-7', severity: 3 });
    const mail = await eventually(async () => (await drain('NotificationsInboxQueue')).map((body) => JSON.parse(body)).find((message) => message.kind === 'email'));
    expect(mail).toMatchObject({ from: 'alarms@example.com', to: ['ops@example.com'], subject: 'Boiler pressure', text: expect.stringContaining('State: ACTIVE') });
  }, 120_000);

  it('latches when the pressure falls back unacknowledged, and an acknowledgement releases it; an unknown key is an error entry beside it', async () => {
    // Act
    const latched = await reading(50);
    const answer = await data.send(new BatchAcknowledgeAlarmCommand({ acknowledgeActionRequests: [request('ack-1'), request('ack-unknown', 'no-such-boiler')] }));

    // Assert
    expect(latched.alarmState?.stateName).toBe('LATCHED');
    expect(answer.errorEntries).toEqual([expect.objectContaining({ requestId: 'ack-unknown', errorCode: 'ResourceNotFoundException' })]);
    expect(await eventually(async () => ((await state()) === 'NORMAL' ? (await alarmNow())?.alarmState : undefined))).toMatchObject({
      customerAction: { actionName: 'ACKNOWLEDGE', acknowledgeActionConfiguration: { note: 'by the test (ack-1)' } },
    });
  }, 120_000);

  it('snoozes an acknowledged alarm and returns it to NORMAL by itself when the snooze ends', async () => {
    // Arrange
    await reading(90);
    await data.send(new BatchAcknowledgeAlarmCommand({ acknowledgeActionRequests: [request('ack-2')] }));
    await eventually(async () => ((await state()) === 'ACKNOWLEDGED' ? true : undefined));

    // Act
    await data.send(new BatchSnoozeAlarmCommand({ snoozeActionRequests: [{ ...request('snooze-1'), snoozeDuration: 2 }] }));

    // Assert
    await eventually(async () => ((await state()) === 'SNOOZE_DISABLED' ? true : undefined), 50);
    const woken = await eventually(async () => ((await state()) === 'NORMAL' ? (await alarmNow())?.alarmState : undefined));
    expect(woken?.systemEvent).toEqual({ eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } });
  }, 120_000);

  it('ignores readings while disabled, evaluates again once enabled, and resets an active alarm to NORMAL', async () => {
    // Act
    await data.send(new BatchDisableAlarmCommand({ disableActionRequests: [request('disable-1')] }));
    await eventually(async () => ((await state()) === 'DISABLED' ? true : undefined));
    const ignored = await reading(95);
    await data.send(new BatchEnableAlarmCommand({ enableActionRequests: [request('enable-1')] }));
    await eventually(async () => ((await state()) === 'NORMAL' ? true : undefined));
    const active = await reading(95);
    await data.send(new BatchResetAlarmCommand({ resetActionRequests: [request('reset-1')] }));

    // Assert
    expect(ignored.alarmState?.stateName).toBe('DISABLED');
    expect(active.alarmState?.stateName).toBe('ACTIVE');
    expect(await eventually(async () => ((await state()) === 'NORMAL' ? (await alarmNow())?.alarmState?.customerAction?.actionName : undefined))).toBe('RESET');
  }, 120_000);

  it('keeps an acknowledged alarm acknowledged across UpdateAlarmModel, and runs the new version’s severity', async () => {
    // Arrange
    await reading(99);
    await data.send(new BatchAcknowledgeAlarmCommand({ acknowledgeActionRequests: [request('ack-3')] }));
    await eventually(async () => ((await state()) === 'ACKNOWLEDGED' ? true : undefined));
    const { key: _key, tags: _tags, ...update } = alarmModel;

    // Act
    await control.send(new UpdateAlarmModelCommand({ ...update, severity: 5 }));
    const updated = await eventually(async () => {
      const alarm = await reading(98);
      return alarm.alarmModelVersion === '2' ? alarm : undefined;
    }, 1000);

    // Assert
    expect(updated).toMatchObject({ alarmModelVersion: '2', severity: 5, alarmState: { stateName: 'ACKNOWLEDGED' } });
  }, 120_000);

  it('deletes the alarm model with its instances', async () => {
    // Act
    await control.send(new DeleteAlarmModelCommand({ alarmModelName: MODEL }));

    // Assert
    expect(await alarmNow()).toBeUndefined();
  }, 60_000);
});
