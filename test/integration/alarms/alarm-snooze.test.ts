import { VirtualClock } from '../../../local/virtual-clock';
import type { CreateAlarmModelRequest, CreateInputRequest } from '../../../lib/model';
import { operateAlarms } from '../../../lib/runtime/operate-alarms';
import { runTimerSweep } from '../../../lib/runtime/timer-sweep';
import type { Runtime } from '../../../lib/wiring';
import { alarmBody } from '../../helpers/alarm';
import { nextWholeHour } from '../../support/test-time';
import { schedule, send } from '../timers/timer-models';
import { createTestStack, type TestStack } from '../stack';
import { AlarmModels } from './alarm-stack';

// Each test starts an hour after the previous one: the scheduler's watermark only moves forward.
const START = nextWholeHour();
let hour = 0;
let T0 = 0;

const inputs: CreateInputRequest[] = [{ inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } }];

let stack: TestStack;
let alarms: AlarmModels;

async function snooze(runtime: Runtime, key: string, seconds: number, requestId: string) {
  return operateAlarms([{ alarmModelName: 'snoozy', keyValue: key, action: { type: 'operator', requestId, action: 'SNOOZE', snoozeDuration: seconds, keyValue: key } }], runtime, runtime.settings);
}

async function alarmOf(runtime: Runtime, key: string) {
  return (await runtime.alarms.get({ model: 'snoozy', keyValue: key }))?.snapshot;
}

describe('snooze expiry as a durable timer (DynamoDB Local)', () => {
  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([], inputs);
    alarms = new AlarmModels([
      alarmBody({ alarmModelName: 'snoozy', roleArn: 'arn:aws:iam::000000000000:role/r', alarmEventActions: { alarmActions: [{ sns: { targetArn: stack.provisioned.topics.AlertsTopic.arn } }] } }) as unknown as CreateAlarmModelRequest,
    ]);
  });

  beforeEach(() => {
    T0 = START + hour++ * 3_600_000;
  });

  it('returns a snoozed alarm to NORMAL at its due time through the scheduler, with systemEvent SNOOZE_TIMEOUT and the alarm action', async () => {
    // Arrange: ACTIVE, then snoozed for 60 s a second later.
    const clock = new VirtualClock(T0);
    const runtime = alarms.runtime(stack, { clock });
    await send(runtime, [{ id: 's-1', input: 'Temp', payload: { id: 'm1', value: 40 } }]);
    clock.set(T0 + 1000);
    const errors = await snooze(runtime, 'm1', 60, 'snooze-1');

    // Act
    const report = await schedule(runtime, T0 + 120_000);
    await stack.dispatch(runtime);

    // Assert: it fired at its due second (the virtual clock waits exactly), once.
    expect(errors).toEqual([]);
    expect(report.lateness).toEqual([0]);
    expect(await alarmOf(runtime, 'm1')).toMatchObject({
      stateName: 'NORMAL',
      systemEvent: { eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } },
      lastUpdateTime: T0 + 61_000,
      snoozeDueAt: undefined,
    });
    const alerts = (await stack.receiveExactly('AlertsInboxQueue', 3)).map((body) => JSON.parse(JSON.parse(body).Message as string) as { alarmState: { stateName: string; systemEvent?: unknown } });
    expect(alerts.map((alert) => alert.alarmState.stateName)).toEqual(['ACTIVE', 'SNOOZE_DISABLED', 'NORMAL']);
    expect(alerts[2].alarmState.systemEvent).toEqual({ eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } });
  });

  it('keeps an alarm snoozed again for longer until the new due time: the first wake-up changes nothing', async () => {
    // Arrange
    const clock = new VirtualClock(T0);
    const runtime = alarms.runtime(stack, { clock });
    await send(runtime, [{ id: 'r-1', input: 'Temp', payload: { id: 'm2', value: 40 } }]);
    await snooze(runtime, 'm2', 60, 'snooze-a');
    clock.set(T0 + 30_000);
    await snooze(runtime, 'm2', 120, 'snooze-b');

    // Act
    await schedule(runtime, T0 + 100_000);
    const during = await alarmOf(runtime, 'm2');
    await schedule(runtime, T0 + 200_000);

    // Assert
    expect(during).toMatchObject({ stateName: 'SNOOZE_DISABLED', snoozeDueAt: T0 + 150_000 });
    expect(await alarmOf(runtime, 'm2')).toMatchObject({ stateName: 'NORMAL', lastUpdateTime: T0 + 150_000 });
    await stack.dispatch(runtime);
    await stack.receiveExactly('AlertsInboxQueue', 3);
  });

  it('changes nothing when the wake-up of a snooze an operator ended comes', async () => {
    // Arrange: snoozed, then enabled by an operator before the snooze ends.
    const clock = new VirtualClock(T0);
    const runtime = alarms.runtime(stack, { clock });
    await send(runtime, [{ id: 'e-1', input: 'Temp', payload: { id: 'm3', value: 40 } }]);
    await snooze(runtime, 'm3', 60, 'snooze-c');
    clock.set(T0 + 10_000);
    await operateAlarms([{ alarmModelName: 'snoozy', keyValue: 'm3', action: { type: 'operator', requestId: 'enable-c', action: 'ENABLE' } }], runtime, runtime.settings);
    const enabled = await alarmOf(runtime, 'm3');

    // Act
    const report = await schedule(runtime, T0 + 120_000);

    // Assert
    expect(report.fired).toBe(0);
    expect(await alarmOf(runtime, 'm3')).toEqual(enabled);
    await stack.dispatch(runtime);
    await stack.receiveExactly('AlertsInboxQueue', 3);
  });

  it('ends a snooze whose wake-up was lost through the timer sweep, which finds it in the instance itself', async () => {
    // Arrange: snoozed for 60 s; its wake-up record then disappears (as after a long outage).
    const clock = new VirtualClock(T0);
    const runtime = alarms.runtime(stack, { clock });
    await send(runtime, [{ id: 'w-1', input: 'Temp', payload: { id: 'm4', value: 40 } }]);
    await snooze(runtime, 'm4', 60, 'snooze-lost');
    const lost = (await runtime.wakeups.due(T0, T0 + 120_000)).filter((wakeup) => wakeup.detector.model === 'alarm:snoozy' && wakeup.detector.keyValue === 'm4');
    await runtime.wakeups.remove(lost);
    clock.set(T0 + 600_000);

    // Act
    const report = await runTimerSweep({ ...runtime, scan: runtime.detectorScan, sweeps: runtime.sweepState }, runtime.settings, {
      until: clock.now() + 200_000, leaseUntil: clock.now() + 240_000, periodMs: 86_400_000, retryMs: 3_600_000, segments: 2, pageSize: 25, graceMs: 300_000, readUnitsPerSecond: Infinity, concurrency: 4,
    });

    // Assert
    expect(lost).toHaveLength(1);
    expect(report).toMatchObject({ outcome: 'finished', fired: 1, unreadable: 0 });
    expect(await alarmOf(runtime, 'm4')).toMatchObject({ stateName: 'NORMAL', systemEvent: { stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } } });
    await stack.dispatch(runtime);
    await stack.receiveExactly('AlertsInboxQueue', 3);
  });

  it('keeps a snooze waiting while its alarm model cannot be loaded, and ends it once the model is back', async () => {
    // Arrange: snoozed for 60 s; then the catalog reports the model as unavailable.
    const clock = new VirtualClock(T0);
    const runtime = alarms.runtime(stack, { clock });
    await send(runtime, [{ id: 'u-1', input: 'Temp', payload: { id: 'm5', value: 40 } }]);
    await snooze(runtime, 'm5', 60, 'snooze-u');
    const loaded = await runtime.models.catalog();
    const broken = { ...runtime, models: Object.assign(Object.create(runtime.models) as typeof runtime.models, { catalog: async () => ({ ...loaded, alarmModels: [], unavailableAlarmModels: new Set(['snoozy']) }) }) };

    // Act
    await schedule(broken, T0 + 90_000);
    const meanwhile = await alarmOf(runtime, 'm5');
    await schedule(runtime, T0 + 120_000);

    // Assert
    expect(meanwhile?.stateName).toBe('SNOOZE_DISABLED');
    expect(await alarmOf(runtime, 'm5')).toMatchObject({ stateName: 'NORMAL', systemEvent: { stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } } });
    await stack.dispatch(runtime);
    await stack.receiveExactly('AlertsInboxQueue', 3);
  });
});
