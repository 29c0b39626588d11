import { VirtualClock } from '../../../local/virtual-clock';
import type { CreateAlarmModelRequest, CreateInputRequest } from '../../../lib/model';
import { operateAlarms } from '../../../lib/runtime/operate-alarms';
import { alarmInstanceRemover } from '../../../lib/wiring/alarms';
import type { Runtime } from '../../../lib/wiring';
import { alarmBody } from '../../helpers/alarm';
import { nextWholeHour } from '../../support/test-time';
import { send } from '../timers/timer-models';
import { createTestStack, type TestStack } from '../stack';
import { AlarmModels } from './alarm-stack';

const inputs: CreateInputRequest[] = [{ inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } }];
const T0 = nextWholeHour();

let stack: TestStack;
let alarms: AlarmModels;
let sent = 0;

function body(name: string, extra: Record<string, unknown> = {}): CreateAlarmModelRequest {
  return alarmBody({ alarmModelName: name, roleArn: 'arn:aws:iam::000000000000:role/r', alarmEventActions: { alarmActions: [{ sns: { targetArn: stack.provisioned.topics.AlertsTopic.arn } }] }, ...extra }) as unknown as CreateAlarmModelRequest;
}

function temp(runtime: Runtime, key: string, value: number) {
  return send(runtime, [{ id: `t-${++sent}`, input: 'Temp', payload: { id: key, value } }]);
}

function operate(runtime: Runtime, model: string, key: string, action: 'ACKNOWLEDGE' | 'SNOOZE', snoozeDuration = 600) {
  const request = action === 'SNOOZE' ? { type: 'operator' as const, requestId: `r-${++sent}`, action, snoozeDuration } : { type: 'operator' as const, requestId: `r-${++sent}`, action };
  return operateAlarms([{ alarmModelName: model, keyValue: key, action: request }], runtime, runtime.settings);
}

async function snapshot(runtime: Runtime, model: string, key: string) {
  return (await runtime.alarms.get({ model, keyValue: key }))?.snapshot;
}

describe('alarm model updates and deletes (DynamoDB Local)', () => {
  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([], inputs);
    alarms = new AlarmModels();
  });

  afterEach(async () => {
    // Each test's alerts stay out of the next one's way.
    await stack.dispatch();
    await stack.receive('AlertsInboxQueue', Number.MAX_SAFE_INTEGER, 500);
  });

  it("keeps an acknowledged alarm's state across an update, and evaluates the next data with the new rule and severity", async () => {
    // Arrange: ACTIVE at 35 > 30, acknowledged.
    alarms.put(body('kept'));
    const runtime = alarms.runtime(stack, { clock: new VirtualClock(T0) });
    await temp(runtime, 'k1', 35);
    await operate(runtime, 'kept', 'k1', 'ACKNOWLEDGE');

    // Act: version 2 raises the threshold to 40 and the severity to 5.
    alarms.put(body('kept', { severity: 5, alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'GREATER', threshold: '40' } } }));
    await temp(runtime, 'k1', 45);
    const stillAcknowledged = await snapshot(runtime, 'kept', 'k1');
    await temp(runtime, 'k1', 38);

    // Assert: a new instance would have become ACTIVE at 45; the kept one stayed ACKNOWLEDGED, then
    // 38 (true under version 1, false under version 2) brought it back to NORMAL.
    expect(stillAcknowledged).toMatchObject({ stateName: 'ACKNOWLEDGED', alarmModelVersion: '2', severity: 5, customerAction: { actionName: 'ACKNOWLEDGE' } });
    expect(await snapshot(runtime, 'kept', 'k1')).toMatchObject({ stateName: 'NORMAL', alarmModelVersion: '2', ruleEvaluation: { inputPropertyValue: '38', thresholdValue: '40' } });
  });

  it('releases a LATCHED alarm when the update turns the acknowledge flow off, performing the new version\'s actions for LATCHED → NORMAL', async () => {
    // Arrange: ACTIVE, then LATCHED when the value falls back unacknowledged.
    alarms.put(body('latchy'));
    const runtime = alarms.runtime(stack, { clock: new VirtualClock(T0) });
    await temp(runtime, 'k2', 35);
    await temp(runtime, 'k2', 20);
    const latched = await snapshot(runtime, 'latchy', 'k2');
    await stack.dispatch(runtime);
    await stack.receiveExactly('AlertsInboxQueue', 2);

    // Act
    alarms.put(body('latchy', { alarmCapabilities: { initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled: false } } }));
    await temp(runtime, 'k2', 21);
    await stack.dispatch(runtime);

    // Assert
    expect(latched?.stateName).toBe('LATCHED');
    expect(await snapshot(runtime, 'latchy', 'k2')).toMatchObject({ stateName: 'NORMAL', alarmModelVersion: '2' });
    const [alert] = (await stack.receiveExactly('AlertsInboxQueue', 1)).map((text) => JSON.parse(JSON.parse(text).Message as string));
    expect(alert).toMatchObject({ alarmModelName: 'latchy', alarmModelVersion: '2', alarmState: { stateName: 'NORMAL' } });
  });

  it('deletes every instance of a deleted alarm model and the wake-up of its pending snooze, and nothing of another model', async () => {
    // Arrange: three instances, one of them snoozed; another model's instance beside them.
    alarms.put(body('doomed'));
    alarms.put(body('spared'));
    const clock = new VirtualClock(T0);
    const runtime = alarms.runtime(stack, { clock });
    for (const key of ['a', 'b', 'c']) await temp(runtime, key, 35);
    await operate(runtime, 'doomed', 'a', 'SNOOZE', 600);
    const due = (await snapshot(runtime, 'doomed', 'a'))?.snoozeDueAt as number;
    const remover = alarmInstanceRemover(stack.config, stack.clients.dynamodb, runtime.telemetry, clock);
    const snoozes = async () => (await runtime.wakeups.due(T0, T0 + 3_600_000)).filter((wakeup) => wakeup.detector.model === 'alarm:doomed');
    const pending = await snoozes();

    // Act
    alarms.delete('doomed');
    await remover.deleteModelInstances('doomed');
    await remover.deleteModelInstances('doomed');

    // Assert
    expect(due).toBe(T0 + 600_000);
    expect((await runtime.alarms.list('doomed', { limit: 10 })).items).toEqual([]);
    expect(pending).toMatchObject([{ detector: { model: 'alarm:doomed', keyValue: 'a' }, dueAt: due }]);
    expect(await snoozes()).toEqual([]);
    expect((await runtime.alarms.list('spared', { limit: 10 })).items.map((summary) => summary.key.keyValue).sort()).toEqual(['a', 'b', 'c']);
  });
});
