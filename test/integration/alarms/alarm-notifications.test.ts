import { createHandler as createIngestQueue } from '../../../functions/ingest-queue';
import type { ActionEffect } from '../../../lib/engine';
import type { CreateAlarmModelRequest } from '../../../lib/model';
import { ModelRoles } from '../../../lib/runtime/model-roles';
import { alarmBody } from '../../helpers/alarm';
import { recordingDispatchers } from '../../support/recording-dispatchers';
import { createTestStack, envelopeBody, lambdaContext, queueRecord, type TestStack } from '../stack';
import { AlarmModels } from './alarm-stack';

const ROLE = 'arn:aws:iam::000000000000:role/alarm-actions';
const NOTIFIER = 'arn:aws:lambda:us-east-1:000000000000:function:vigil-test-alarmNotifier';

/** An alarm model with an SNS action and an e-mail and SMS notification to IAM Identity Center users. */
function notifying(topic: string): CreateAlarmModelRequest {
  return alarmBody({
    alarmModelName: 'notifying',
    roleArn: ROLE,
    alarmEventActions: { alarmActions: [{ sns: { targetArn: topic } }] },
    alarmNotification: {
      notificationActions: [
        {
          action: { lambdaAction: { functionArn: NOTIFIER } },
          emailConfigurations: [{ from: 'alarms@example.com', content: { subject: 'Too hot' }, recipients: { to: [{ ssoIdentity: { identityStoreId: 'd-1', userId: 'operator-1' } }] } }],
          smsConfigurations: [{ recipients: [{ ssoIdentity: { identityStoreId: 'd-1', userId: '+15550100' } }] }],
        },
      ],
    },
  }) as unknown as CreateAlarmModelRequest;
}

describe('alarm notifications from the stream (DynamoDB Local)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack({ IDENTITY_STORE: 'local' });
    await stack.seed([], [{ inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } }]);
  });

  it("performs a state change's action and notification as the alarm model's role, the notification as the invocation AWS made", async () => {
    // Arrange: the dispatch function as deployed (model roles assumed), its dispatchers recording.
    const alarms = new AlarmModels([notifying(stack.provisioned.topics.AlertsTopic.arn)]);
    const runtime = alarms.runtime(stack);
    const dispatchers = recordingDispatchers();
    const dispatch = { ...runtime, dispatchers: async () => dispatchers, modelRoles: new ModelRoles(runtime.repository) };
    await createIngestQueue(runtime)({ Records: [queueRecord(stack, 'InternalQueue', 'sqs-n1', envelopeBody('Temp', 'n-1', '{"id": "motor-7", "value": 95}'))] }, lambdaContext());

    // Act
    await stack.dispatch(dispatch);

    // Assert
    expect(stack.config.identityStore).toBe('local');
    const performed = dispatchers.calls.flatMap((call) => call.effects.map((effect) => ({ identity: call.identity, effect })));
    expect(performed.map(({ identity, effect }) => [identity, effect.type])).toEqual([
      [{ kind: 'role', roleArn: ROLE, model: 'notifying' }, 'sns'],
      [{ kind: 'role', roleArn: ROLE, model: 'notifying' }, 'lambda'],
    ]);
    const invocation = performed[1].effect as Extract<ActionEffect, { type: 'lambda' }>;
    expect(invocation.functionArn).toBe(NOTIFIER);
    const event = JSON.parse(invocation.payload.text) as { notificationEventPayload: string; emailConfigurations: unknown[]; smsConfigurations: unknown[] };
    expect(JSON.parse(event.notificationEventPayload)).toMatchObject({ alarmModelName: 'notifying', keyValue: 'motor-7', severity: 3, alarmState: { stateName: 'ACTIVE', ruleEvaluation: { simpleRule: { inputProperty: 95, operator: 'GREATER', threshold: 30 } } } });
    expect(event.emailConfigurations).toEqual([{ from: 'alarms@example.com', to: ['operator-1@d-1.invalid'], cc: [], bcc: [], subject: 'Too hot' }]);
    expect(event.smsConfigurations).toEqual([{ phoneNumbers: ['+15550100'] }]);
  });
});
