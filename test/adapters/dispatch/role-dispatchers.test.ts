import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { API_ORIGIN } from '../../../lib/ports';
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { RoleAssumptionError, createRoleDispatchers, createSqsFailureSink, type FailureRecord } from '../../../lib/adapters/dispatch';
import type { CreateDetectorModelRequest } from '../../../lib/model';
import { dispatchOutboxes } from '../../../lib/runtime/dispatch-outboxes';
import { ModelRoles } from '../../../lib/runtime/model-roles';
import { MemoryModelRepository } from '../../support/memory-model-repository';
import { RecordingTelemetry } from '../../support/recording-telemetry';
import { INGEST_QUEUE, TOPIC, instantRetry, iotEventsEffect, snsEffect } from './effects';

const MOTOR_ROLE = 'arn:aws:iam::123456789012:role/motor-actions';
const PUMP_ROLE = 'arn:aws:iam::123456789012:role/pump-actions';
const ACTIONS_DLQ = 'https://sqs.us-east-1.amazonaws.com/123456789012/vigil-prod-actions-dlq';
const HOUR = 3_600_000;

/** STS's answer for `roleArn`: keys that name the role, valid for one hour from `issuedAt`. */
function issued(roleArn: string, issuedAt: number, serial = 1) {
  const name = roleArn.split('/').pop() as string;
  return { Credentials: { AccessKeyId: `ASIA-${name}-${serial}`, SecretAccessKey: `secret-${name}`, SessionToken: `token-${name}`, Expiration: new Date(issuedAt + HOUR) } };
}

const accessDenied = (roleArn: string) =>
  new STSServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
    message: `User: arn:aws:sts::123456789012:assumed-role/vigil-prod-DispatchActionsRole/vigil-prod-dispatchActions is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  });

describe('createRoleDispatchers: model actions signed with the model’s role', () => {
  const sts = mockClient(STSClient);
  const sns = mockClient(SNSClient);
  const sqs = mockClient(SQSClient);
  const region = process.env.AWS_REGION;
  let now: number;
  let serial: number;

  const dispatchers = (mode: 'assume' | 'ignore' = 'assume') =>
    createRoleDispatchers({ mode, stage: 'prod', ingestQueueUrl: INGEST_QUEUE, now: () => now, retry: instantRetry().retry });

  beforeAll(() => {
    process.env.AWS_REGION = 'us-east-1';
  });

  afterAll(() => {
    process.env.AWS_REGION = region;
    for (const mock of [sts, sns, sqs]) mock.restore();
  });

  beforeEach(() => {
    for (const mock of [sts, sns, sqs]) mock.reset();
    now = Date.now();
    serial = 0;
    sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => issued(input.RoleArn, now, ++serial));
    sns.on(PublishBatchCommand).resolves({ Failed: [] });
    sqs.on(SendMessageBatchCommand).resolves({ Failed: [] });
  });

  it('assumes each model’s role in a session named for Vigil, the stage and the model', async () => {
    // Arrange
    const roles = dispatchers();

    // Act
    await roles.forIdentity({ kind: 'role', roleArn: MOTOR_ROLE, model: 'motorDetectorModel' }).dispatch([snsEffect()]);
    await roles.forIdentity({ kind: 'role', roleArn: PUMP_ROLE, model: 'pumpModel' }).dispatch([snsEffect({ detectorModelName: 'pumpModel' })]);

    // Assert
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input)).toEqual([
      { RoleArn: MOTOR_ROLE, RoleSessionName: 'vigil-prod-motorDetectorModel', DurationSeconds: 3600 },
      { RoleArn: PUMP_ROLE, RoleSessionName: 'vigil-prod-pumpModel', DurationSeconds: 3600 },
    ]);
  });

  it('publishes to SNS with the credentials the role’s session was given, never the function’s own', async () => {
    // Arrange
    const roles = dispatchers();

    // Act
    const [motor] = await roles.forIdentity({ kind: 'role', roleArn: MOTOR_ROLE, model: 'motorDetectorModel' }).dispatch([snsEffect()]);
    const [pump] = await roles.forIdentity({ kind: 'role', roleArn: PUMP_ROLE, model: 'pumpModel' }).dispatch([snsEffect()]);

    // Assert: each publish went through a client whose credentials are its role's.
    expect([motor.ok, pump.ok]).toEqual([true, true]);
    const signers = sns.commandCalls(PublishBatchCommand).map((call) => call.thisValue as SNSClient);
    const keys = await Promise.all(signers.map(async (client) => (await client.config.credentials()).accessKeyId));
    expect(keys).toEqual(['ASIA-motor-actions-1', 'ASIA-pump-actions-2']);
    expect(sns.commandCalls(PublishBatchCommand)[0].args[0].input.TopicArn).toBe(TOPIC);
  });

  it('reuses a session’s credentials until ten minutes before they expire, then assumes the role again', async () => {
    // Arrange
    const motor = dispatchers().forIdentity({ kind: 'role', roleArn: MOTOR_ROLE, model: 'motorDetectorModel' });
    const started = now;

    // Act
    await motor.dispatch([snsEffect()]);
    now = started + 49 * 60_000;
    await motor.dispatch([snsEffect()]);
    const callsBeforeRenewal = sts.commandCalls(AssumeRoleCommand).length;
    now = started + 50 * 60_000;
    await motor.dispatch([snsEffect()]);

    // Assert
    expect(callsBeforeRenewal).toBe(1);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(sns.commandCalls(PublishBatchCommand)).toHaveLength(3);
  });

  it('shares one AssumeRole between dispatches that need the same session at once', async () => {
    // Arrange
    const roles = dispatchers();
    const identity = { kind: 'role', roleArn: MOTOR_ROLE, model: 'motorDetectorModel' } as const;

    // Act
    await Promise.all([roles.forIdentity(identity).dispatch([snsEffect()]), roles.forIdentity(identity).dispatch([snsEffect()])]);

    // Assert
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });

  it('fails every action of a role that cannot be assumed, naming the role and the fix, and sends nothing', async () => {
    // Arrange
    sts.on(AssumeRoleCommand, { RoleArn: MOTOR_ROLE }).rejects(accessDenied(MOTOR_ROLE));
    const motor = dispatchers().forIdentity({ kind: 'role', roleArn: MOTOR_ROLE, model: 'motorDetectorModel' });

    // Act
    const outcomes = await motor.dispatch([snsEffect(), snsEffect()]);

    // Assert
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, false]);
    const [first] = outcomes;
    expect(first.ok === false && first.error).toBeInstanceOf(RoleAssumptionError);
    expect(first.ok === false && first.error.message).toMatch(
      /^could not assume role arn:aws:iam::123456789012:role\/motor-actions \(session vigil-prod-motorDetectorModel\): AccessDenied: .*; the role's trust policy must allow Vigil's dispatch role/,
    );
    expect(first.attempts).toBe(0);
    expect(sns.commandCalls(PublishBatchCommand)).toHaveLength(0);
    // A refusal is not kept: the next dispatch asks STS again (the trust policy may have been fixed).
    await motor.dispatch([snsEffect()]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('retries a throttled AssumeRole with backoff', async () => {
    // Arrange
    sts.on(AssumeRoleCommand).rejectsOnce(new STSServiceException({ name: 'Throttling', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' })).resolves(issued(MOTOR_ROLE, now));

    // Act
    const [outcome] = await dispatchers().forIdentity({ kind: 'role', roleArn: MOTOR_ROLE, model: 'motorDetectorModel' }).dispatch([snsEffect()]);

    // Assert
    expect(outcome.ok).toBe(true);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('sends iotEvents re-ingestion with the function’s own credentials, and nothing else with them', async () => {
    // Arrange
    const own = dispatchers().forIdentity({ kind: 'own' });

    // Act
    const [loopBack, publish] = await own.dispatch([iotEventsEffect(), snsEffect()]);

    // Assert
    expect(loopBack.ok).toBe(true);
    expect(sqs.commandCalls(SendMessageBatchCommand)[0].args[0].input.QueueUrl).toBe(INGEST_QUEUE);
    expect(publish.ok === false && publish.error.message).toBe("sns actions need the 'sns' client: pass it in createActionDispatcher's clients");
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it('never calls STS when model roles are ignored: every identity gets the function’s own clients', async () => {
    // Arrange
    const roles = dispatchers('ignore');

    // Act
    const [outcome] = await roles.forIdentity({ kind: 'role', roleArn: MOTOR_ROLE, model: 'motorDetectorModel' }).dispatch([snsEffect()]);

    // Assert
    expect(outcome.ok).toBe(true);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it('records the actions of a role that cannot be assumed on the actions DLQ, counted as ActionsFailed', async () => {
    // Arrange: the motor model's role does not trust the dispatch role; the pump model's does.
    const repository = new MemoryModelRepository();
    const model = (name: string, roleArn: string): CreateDetectorModelRequest => ({ detectorModelName: name, roleArn, detectorModelDefinition: { states: [{ stateName: 'S' }], initialStateName: 'S' } });
    await repository.putModel(model('motorDetectorModel', MOTOR_ROLE), undefined, now, API_ORIGIN);
    await repository.putModel(model('pumpModel', PUMP_ROLE), undefined, now, API_ORIGIN);
    sts.on(AssumeRoleCommand, { RoleArn: MOTOR_ROLE }).rejects(accessDenied(MOTOR_ROLE));
    const telemetry = new RecordingTelemetry();
    const sink = createSqsFailureSink({ sqs: new SQSClient({}), queueUrl: ACTIONS_DLQ, retry: instantRetry().retry });
    const motor = snsEffect({ detectorModelName: 'motorDetectorModel' });
    const pump = snsEffect({ detectorModelName: 'pumpModel' });

    // Act
    const failed = await dispatchOutboxes([{ id: 'seq-1', effects: [motor, pump] }], { dispatchers: dispatchers(), roles: new ModelRoles(repository), sink, telemetry });

    // Assert
    expect(failed).toBeUndefined();
    expect(sns.commandCalls(PublishBatchCommand)).toHaveLength(1);
    const [dlq] = sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input);
    expect(dlq.QueueUrl).toBe(ACTIONS_DLQ);
    const record = JSON.parse(dlq.Entries?.[0].MessageBody as string) as FailureRecord;
    expect(record).toMatchObject({ effect: { actionExecutionId: motor.actionExecutionId }, error: { name: 'RoleAssumptionError' }, attempts: 0 });
    expect(record.error.message).toContain(`could not assume role ${MOTOR_ROLE}`);
    expect(telemetry.counts).toMatchObject({ ActionsDispatched: 1, ActionsFailed: 1 });
  });
});
