import { BatchPutMessageCommand } from '@aws-sdk/client-iot-events-data';
import type { CreateAlarmModelRequest } from '../../../lib/model';
import { alarmBody } from '../../helpers/alarm';
import { runCli } from '../../helpers/cli';
import { startTestApi, type TestApi } from '../api/api-server';
import { createTestStack, type TestStack } from '../stack';
import { AlarmModels } from './alarm-stack';

/** The `vigil` alarm operator commands against the test stack's API on DynamoDB Local. */
describe('vigil alarm commands against a running API', () => {
  let stack: TestStack;
  let api: TestApi;
  let endpoint: string[];

  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([], [{ inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } }]);
    const alarms = new AlarmModels([alarmBody({ alarmModelName: 'cliAlarm', roleArn: 'arn:aws:iam::000000000000:role/r', alarmEventActions: undefined }) as unknown as CreateAlarmModelRequest]);
    api = await startTestApi(stack, { runtime: alarms.runtime(stack) });
    endpoint = ['--endpoint', api.server.url];
    const payload = (key: string) => new TextEncoder().encode(JSON.stringify({ id: key, value: 50 }));
    await api.data.send(new BatchPutMessageCommand({ messages: [{ messageId: 'c-1', inputName: 'Temp', payload: payload('p1') }, { messageId: 'c-2', inputName: 'Temp', payload: payload('p2') }] }));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('acknowledges, snoozes, enables, disables and resets alarms, and shows them', async () => {
    // Act
    const acknowledged = await runCli('acknowledge-alarm', 'cliAlarm', '--key', 'p1', '--key', 'nobody', '--note', 'seen', ...endpoint);
    const described = await runCli('describe-alarm', 'cliAlarm', '--key', 'p1', ...endpoint);
    const snoozed = await runCli('snooze-alarm', 'cliAlarm', '--key', 'p2', '--seconds', '600', ...endpoint);
    const listed = await runCli('list-alarms', 'cliAlarm', ...endpoint);
    const enabled = await runCli('enable-alarm', 'cliAlarm', '--key', 'p2', ...endpoint);
    const disabled = await runCli('disable-alarm', 'cliAlarm', '--key', 'p2', ...endpoint);
    const reset = await runCli('reset-alarm', 'cliAlarm', '--key', 'p2', '--json', ...endpoint);

    // Assert
    expect(acknowledged).toMatchObject({ code: 1, stdout: 'p1: acknowledged', stderr: expect.stringMatching(/^nobody: ResourceNotFoundException: /) });
    expect(described.code).toBe(0);
    expect(described.stdout.split('\n').slice(0, 5)).toEqual(['cliAlarm p1 (version 1)', '  state: ACKNOWLEDGED', '  rule: 50 GREATER 30', '  last action: ACKNOWLEDGE "seen"', '  severity: 3']);
    expect(snoozed).toEqual({ code: 0, stdout: 'p2: snoozed', stderr: '' });
    expect(listed.stdout.split('\n').map((line) => line.split(/\s+/).slice(0, 3).join(' ')).sort()).toEqual(['p1 ACKNOWLEDGED v1', 'p2 SNOOZE_DISABLED v1']);
    expect([enabled.stdout, disabled.stdout]).toEqual(['p2: enabled', 'p2: disabled']);
    expect(JSON.parse(reset.stdout)).toMatchObject({ errorEntries: [] });
  });

  it('refuses a snooze without a duration on the command line', async () => {
    // Act
    const result = await runCli('snooze-alarm', 'cliAlarm', '--key', 'p2', ...endpoint);

    // Assert
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--seconds must be a whole number/);
  });
});
