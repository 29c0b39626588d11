import type { ActionEffect, AlarmNotificationEffect } from '../../lib/engine';
import type { ActionIdentity, RecipientDirectory } from '../../lib/ports';
import { dispatchOutboxes, type DispatchDeps } from '../../lib/runtime/dispatch-outboxes';
import { ModelRoles } from '../../lib/runtime/model-roles';
import { snsEffect } from '../adapters/dispatch/effects';
import { awsError } from '../support/faults';
import { MemoryModelRepository } from '../support/memory-model-repository';
import { recordingDispatchers } from '../support/recording-dispatchers';
import { RecordingTelemetry } from '../support/recording-telemetry';

const ALARM_ROLE = 'arn:aws:iam::123456789012:role/alarm-actions';
const NOTIFIER = 'arn:aws:lambda:us-east-1:123456789012:function:notifier';

function notification(extra: Partial<AlarmNotificationEffect> = {}): AlarmNotificationEffect {
  return {
    type: 'alarmNotification',
    actionExecutionId: 'exec-n1',
    alarmModelName: 'tempAlarm',
    alarmModelVersion: '2',
    keyValue: 'dev-1',
    time: 1_000,
    path: 'alarmNotification.notificationActions[0]',
    functionArn: NOTIFIER,
    notificationEventPayload: '{"alarmModelName":"tempAlarm","keyValue":"dev-1","alarmState":{"stateName":"ACTIVE"}}',
    emailConfigurations: [{ from: 'alarms@example.com', subject: 'Hot', additionalMessage: undefined, recipients: [{ identityStoreId: 'd-1', userId: 'u-1' }, { identityStoreId: 'd-1', userId: 'gone' }] }],
    smsConfigurations: [{ senderId: 'Vigil', additionalMessage: 'check it', recipients: [{ identityStoreId: 'd-1', userId: 'u-1' }] }],
    ...extra,
  };
}

/** A directory that knows u-1 and records who asked. */
function directory(fail?: Error): RecipientDirectory & { asked: ActionIdentity[] } {
  const asked: ActionIdentity[] = [];
  return {
    asked,
    async lookup(identities, as) {
      asked.push(as);
      if (fail) throw fail;
      return new Map(identities.map((identity) => [`${identity.identityStoreId}/${identity.userId}`, identity.userId === 'u-1' ? { email: 'ada@example.com', phoneNumber: '+15550100' } : undefined]));
    },
  };
}

describe('dispatchOutboxes with alarm outboxes', () => {
  let dispatchers: ReturnType<typeof recordingDispatchers>;
  let telemetry: RecordingTelemetry;
  let deps: DispatchDeps;

  beforeEach(() => {
    dispatchers = recordingDispatchers();
    telemetry = new RecordingTelemetry();
    deps = { dispatchers, roles: new ModelRoles(new MemoryModelRepository()), sink: undefined, telemetry, directory: directory() };
  });

  it("performs an alarm's actions as the role committed with them, without reading any detector model's role", async () => {
    // Arrange: no detector model of that name exists; the alarm outbox carries its role.
    const action = snsEffect({ detectorModelName: 'tempAlarm' });

    // Act
    const failed = await dispatchOutboxes([{ id: '1', effects: [action], alarm: true, roleArn: ALARM_ROLE }], deps);

    // Assert
    expect(failed).toBeUndefined();
    expect(dispatchers.calls).toEqual([{ identity: { kind: 'role', roleArn: ALARM_ROLE, model: 'tempAlarm' }, effects: [action] }]);
  });

  it('invokes the notification function asynchronously with the event AWS sent: payload as a string, recipients resolved as the alarm role, unknown ones left out', async () => {
    // Act
    const failed = await dispatchOutboxes([{ id: '1', effects: [notification()], alarm: true, roleArn: ALARM_ROLE }], deps);

    // Assert
    expect(failed).toBeUndefined();
    expect((deps.directory as ReturnType<typeof directory>).asked).toEqual([{ kind: 'role', roleArn: ALARM_ROLE, model: 'tempAlarm' }]);
    const [call] = dispatchers.calls;
    expect(call.identity).toEqual({ kind: 'role', roleArn: ALARM_ROLE, model: 'tempAlarm' });
    expect(call.effects).toMatchObject([{ type: 'lambda', functionArn: NOTIFIER, actionExecutionId: 'exec-n1', detectorModelName: 'tempAlarm', detectorModelVersion: '2', payload: { type: 'JSON' } }]);
    const event = JSON.parse((call.effects[0] as Extract<ActionEffect, { type: 'lambda' }>).payload.text);
    expect(event).toEqual({
      notificationEventPayload: notification().notificationEventPayload,
      emailConfigurations: [{ from: 'alarms@example.com', to: ['ada@example.com'], cc: [], bcc: [], subject: 'Hot' }],
      smsConfigurations: [{ phoneNumbers: ['+15550100'], senderId: 'Vigil', additionalMessage: 'check it' }],
    });
    expect(telemetry.counts.NotificationRecipientsUnknown).toBe(1);
  });

  it('fails an alarm action whose outbox names no role, never falling back to Vigil\'s own credentials, and tells the sink it was an alarm\'s', async () => {
    // Arrange
    const recorded: unknown[] = [];
    deps = { ...deps, sink: { record: async (failures) => void recorded.push(...failures) } };

    // Act
    await dispatchOutboxes([{ id: '1', effects: [snsEffect({ detectorModelName: 'tempAlarm' })], alarm: true }], deps);

    // Assert
    expect(dispatchers.calls).toEqual([]);
    expect(recorded).toMatchObject([{ ok: false, alarm: true, error: { name: 'ModelRoleError' } }]);
  });

  it('asks the stream to deliver again from an outbox whose recipients could not be looked up for now, performing the outboxes before it', async () => {
    // Arrange
    deps = { ...deps, directory: directory(awsError('ThrottlingException')) };
    const before = snsEffect({ detectorModelName: 'tempAlarm' });

    // Act
    const failed = await dispatchOutboxes(
      [
        { id: '1', effects: [before], alarm: true, roleArn: ALARM_ROLE },
        { id: '2', effects: [notification()], alarm: true, roleArn: ALARM_ROLE },
        { id: '3', effects: [snsEffect({ detectorModelName: 'tempAlarm' })], alarm: true, roleArn: ALARM_ROLE },
      ],
      deps,
    );

    // Assert
    expect(failed).toBe('2');
    expect(dispatchers.calls.flatMap((call) => call.effects)).toEqual([before]);
  });

  it('looks recipients up with its own credentials where roles are ignored (the local stack)', async () => {
    // Arrange
    deps = { ...deps, roles: undefined };

    // Act
    await dispatchOutboxes([{ id: '1', effects: [notification()], alarm: true, roleArn: ALARM_ROLE }], deps);

    // Assert
    expect((deps.directory as ReturnType<typeof directory>).asked).toEqual([{ kind: 'own' }]);
    expect(dispatchers.calls[0].identity).toEqual({ kind: 'own' });
  });
});
