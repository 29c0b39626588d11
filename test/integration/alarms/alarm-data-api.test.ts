import {
  BatchAcknowledgeAlarmCommand,
  BatchDisableAlarmCommand,
  BatchEnableAlarmCommand,
  BatchPutMessageCommand,
  BatchResetAlarmCommand,
  BatchSnoozeAlarmCommand,
  DescribeAlarmCommand,
  ListAlarmsCommand,
} from '@aws-sdk/client-iot-events-data';
import type { CreateAlarmModelRequest, CreateInputRequest } from '../../../lib/model';
import { alarmBody } from '../../helpers/alarm';
import { startTestApi, type TestApi } from '../api/api-server';
import { createTestStack, type TestStack } from '../stack';
import { AlarmModels } from './alarm-stack';

const inputs: CreateInputRequest[] = [{ inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } }];

let stack: TestStack;
let api: TestApi;

function temp(id: string, key: string, value: number) {
  return { messageId: id, inputName: 'Temp', payload: new TextEncoder().encode(JSON.stringify({ id: key, value })) };
}

async function stateOf(key: string) {
  return (await api.data.send(new DescribeAlarmCommand({ alarmModelName: 'ops', keyValue: key }))).alarm?.alarmState;
}

describe('the alarm data plane through the official IoTEventsDataClient', () => {
  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([], inputs);
    const alarms = new AlarmModels([
      alarmBody({ alarmModelName: 'ops', roleArn: 'arn:aws:iam::000000000000:role/r', alarmEventActions: { alarmActions: [{ sns: { targetArn: stack.provisioned.topics.AlertsTopic.arn } }] } }) as unknown as CreateAlarmModelRequest,
    ]);
    api = await startTestApi(stack, { runtime: alarms.runtime(stack) });
    await api.data.send(new BatchPutMessageCommand({ messages: [temp('m-1', 'd1', 35), temp('m-2', 'd2', 36)] }));
  });

  afterAll(async () => {
    await api.close();
  });

  it('describes an alarm as AWS did: state, rule evaluation as strings, severity, times', async () => {
    // Act
    const { alarm } = await api.data.send(new DescribeAlarmCommand({ alarmModelName: 'ops', keyValue: 'd1' }));

    // Assert
    expect(alarm).toMatchObject({
      alarmModelName: 'ops',
      alarmModelVersion: '1',
      keyValue: 'd1',
      severity: 3,
      alarmState: { stateName: 'ACTIVE', ruleEvaluation: { simpleRuleEvaluation: { inputPropertyValue: '35', operator: 'GREATER', thresholdValue: '30' } } },
    });
    expect(alarm?.creationTime).toBeInstanceOf(Date);
    expect(Math.abs((alarm?.creationTime?.getTime() ?? 0) - Date.now())).toBeLessThan(3_600_000);
  });

  it('lists alarms page by page', async () => {
    // Act
    const first = await api.data.send(new ListAlarmsCommand({ alarmModelName: 'ops', maxResults: 1 }));
    const second = await api.data.send(new ListAlarmsCommand({ alarmModelName: 'ops', maxResults: 1, nextToken: first.nextToken }));
    const rest = second.nextToken ? await api.data.send(new ListAlarmsCommand({ alarmModelName: 'ops', nextToken: second.nextToken })) : { alarmSummaries: [] };

    // Assert
    const keys = [...(first.alarmSummaries ?? []), ...(second.alarmSummaries ?? []), ...(rest.alarmSummaries ?? [])].map((summary) => summary.keyValue).sort();
    expect(first.alarmSummaries).toHaveLength(1);
    expect(keys).toEqual(['d1', 'd2']);
    expect(first.alarmSummaries?.[0]).toMatchObject({ alarmModelName: 'ops', alarmModelVersion: '1', stateName: 'ACTIVE' });
  });

  it('acknowledges what it can, and reports an unknown key, an unknown model and a refused transition as error entries', async () => {
    // Act
    const response = await api.data.send(
      new BatchAcknowledgeAlarmCommand({
        acknowledgeActionRequests: [
          { requestId: 'ack-1', alarmModelName: 'ops', keyValue: 'd1', note: 'on it' },
          { requestId: 'ack-2', alarmModelName: 'ops', keyValue: 'nope' },
          { requestId: 'ack-3', alarmModelName: 'noSuchModel', keyValue: 'd1' },
        ],
      }),
    );
    const again = await api.data.send(new BatchAcknowledgeAlarmCommand({ acknowledgeActionRequests: [{ requestId: 'ack-4', alarmModelName: 'ops', keyValue: 'd1' }] }));

    // Assert
    expect(response.$metadata.httpStatusCode).toBe(202);
    expect(response.errorEntries).toEqual([
      { requestId: 'ack-2', errorCode: 'ResourceNotFoundException', errorMessage: expect.stringContaining("'nope'") },
      { requestId: 'ack-3', errorCode: 'ResourceNotFoundException', errorMessage: 'alarm model noSuchModel does not exist' },
    ]);
    expect(again.errorEntries).toEqual([{ requestId: 'ack-4', errorCode: 'InvalidRequestException', errorMessage: expect.stringContaining('ACKNOWLEDGED') }]);
    expect(await stateOf('d1')).toMatchObject({ stateName: 'ACKNOWLEDGED', customerAction: { actionName: 'ACKNOWLEDGE', acknowledgeActionConfiguration: { note: 'on it' } } });
  });

  it('disables, enables, snoozes and resets, each through its own call', async () => {
    // Act
    const disabled = await api.data.send(new BatchDisableAlarmCommand({ disableActionRequests: [{ requestId: 'dis-1', alarmModelName: 'ops', keyValue: 'd2', note: 'maintenance' }] }));
    const afterDisable = await stateOf('d2');
    await api.data.send(new BatchEnableAlarmCommand({ enableActionRequests: [{ requestId: 'en-1', alarmModelName: 'ops', keyValue: 'd2' }] }));
    const afterEnable = await stateOf('d2');
    const snoozed = await api.data.send(
      new BatchSnoozeAlarmCommand({
        snoozeActionRequests: [
          { requestId: 'sn-1', alarmModelName: 'ops', keyValue: 'd2', snoozeDuration: 300, note: 'later' },
          { requestId: 'sn-2', alarmModelName: 'ops', keyValue: 'd1', snoozeDuration: 0 },
        ],
      }),
    );
    const afterSnooze = await stateOf('d2');
    await api.data.send(new BatchResetAlarmCommand({ resetActionRequests: [{ requestId: 'rs-1', alarmModelName: 'ops', keyValue: 'd1' }] }));
    const afterReset = await stateOf('d1');

    // Assert
    expect(disabled.errorEntries).toEqual([]);
    expect(afterDisable).toMatchObject({ stateName: 'DISABLED', customerAction: { actionName: 'DISABLE', disableActionConfiguration: { note: 'maintenance' } } });
    expect(afterEnable?.stateName).toBe('NORMAL');
    expect(snoozed.errorEntries).toEqual([{ requestId: 'sn-2', errorCode: 'InvalidRequestException', errorMessage: expect.stringContaining('snoozeDuration') }]);
    expect(afterSnooze).toMatchObject({ stateName: 'SNOOZE_DISABLED', customerAction: { actionName: 'SNOOZE', snoozeActionConfiguration: { snoozeDuration: 300, note: 'later' } } });
    expect(afterReset?.stateName).toBe('NORMAL');
    expect(afterReset?.ruleEvaluation).toBeUndefined();
  });

  it('performs the alarm action on every state change the calls made', async () => {
    // Act
    await stack.dispatch(api.runtime);
    const alerts = (await stack.receiveExactly('AlertsInboxQueue', 7)).map((body) => JSON.parse(JSON.parse(body).Message as string) as { keyValue: string; alarmState: { stateName: string } });

    // Assert: d1 ACTIVE, ACKNOWLEDGED, NORMAL (reset); d2 ACTIVE, DISABLED, NORMAL (enable), SNOOZE_DISABLED.
    const of = (key: string) => alerts.filter((alert) => alert.keyValue === key).map((alert) => alert.alarmState.stateName);
    expect(of('d1')).toEqual(['ACTIVE', 'ACKNOWLEDGED', 'NORMAL']);
    expect(of('d2')).toEqual(['ACTIVE', 'DISABLED', 'NORMAL', 'SNOOZE_DISABLED']);
  });

  it('rejects a whole call of more than 10 requests, and a request without a requestId, as the service did', async () => {
    // Arrange
    const eleven = Array.from({ length: 11 }, (_, i) => ({ requestId: `r-${i}`, alarmModelName: 'ops', keyValue: 'd1' }));

    // Act & Assert
    await expect(api.data.send(new BatchResetAlarmCommand({ resetActionRequests: eleven }))).rejects.toMatchObject({ name: 'InvalidRequestException' });
    await expect(api.data.send(new BatchResetAlarmCommand({ resetActionRequests: [{ alarmModelName: 'ops' } as never] }))).rejects.toMatchObject({ name: 'InvalidRequestException' });
  });

  it('answers ResourceNotFoundException for an unknown alarm or alarm model (DescribeAlarm, ListAlarms)', async () => {
    // Act & Assert
    await expect(api.data.send(new DescribeAlarmCommand({ alarmModelName: 'ops', keyValue: 'missing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(api.data.send(new ListAlarmsCommand({ alarmModelName: 'noSuchModel' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
