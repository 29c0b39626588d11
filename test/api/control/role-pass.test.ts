import { IAMClient, IAMServiceException, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { IamRolePassCheck } from '../../../lib/adapters/iam/role-pass-check';
import { controlRoutes } from '../../../lib/api/control/routes';
import type { ResourceScope } from '../../../lib/api/resource-scope';
import { alarmBody } from '../../helpers/alarm';
import { caller } from '../call';
import { memoryBackend } from '../fakes';
import { motor, pressureInput } from '../motor';

const SCOPE: ResourceScope = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
const ROLE = 'arn:aws:iam::123456789012:role/IoTEventsRole';
const ADMIN = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
const INTERN = 'arn:aws:iam::123456789012:user/intern';
const allowed = { EvaluationResults: [{ EvalActionName: 'iam:PassRole', EvalDecision: 'allowed' as const }] };
const denied = { EvaluationResults: [{ EvalActionName: 'iam:PassRole', EvalDecision: 'implicitDeny' as const }] };

/**
 * The control API with model roles on: IAM (mocked at the SDK) lets the Admin role pass any role and
 * the intern user none.
 */
describe('the control-plane API: who may name a model’s role', () => {
  const iam = mockClient(IAMClient);
  const backend = memoryBackend();
  const routes = controlRoutes({ ...backend.control, rolePassCheck: new IamRolePassCheck(new IAMClient({ region: 'us-east-1' })) });
  const as = (arn?: string) => caller(routes, SCOPE, arn ? { arn } : undefined);

  beforeAll(async () => {
    await as(ADMIN)('POST', '/inputs', pressureInput);
    await as(ADMIN)('POST', '/inputs', { inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } });
  });

  beforeEach(() => {
    iam.reset();
    iam.on(SimulatePrincipalPolicyCommand).resolves(denied);
    iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: 'arn:aws:iam::123456789012:role/Admin' }).resolves(allowed);
    iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: INTERN }).resolves(denied);
    iam.onAnyCommand({ RoleName: 'Admin' }).resolves({ Role: { RoleName: 'Admin', Arn: 'arn:aws:iam::123456789012:role/Admin', Path: '/', RoleId: 'AROA', CreateDate: new Date(0) } });
  });

  afterAll(() => iam.restore());

  it('refuses to create a model whose role the caller may not pass, with 403 naming the caller and the role', async () => {
    // Act
    const answer = await as(INTERN)('POST', '/detector-models', { ...motor, detectorModelName: 'internModel' });

    // Assert
    expect(answer).toMatchObject({ status: 403, errorType: 'AccessDeniedException' });
    expect(answer.body.message).toBe(
      `${INTERN} is not allowed to pass role ${ROLE} (iam:PassRole for iotevents.amazonaws.com), which the model's actions would run with: the policy simulator's decision for ${INTERN} is implicitDeny`,
    );
    expect(await backend.repository.getModel('internModel')).toBeUndefined();
  });

  it('creates the model when the caller may pass its role', async () => {
    // Act
    const answer = await as(ADMIN)('POST', '/detector-models', { ...motor, detectorModelName: 'adminModel' });

    // Assert
    expect(answer.status).toBe(200);
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)[0].args[0].input).toMatchObject({ PolicySourceArn: 'arn:aws:iam::123456789012:role/Admin', ResourceArns: [ROLE] });
  });

  it('checks an update that keeps the previous version’s role: the new definition decides what the role does', async () => {
    // Arrange
    await as(ADMIN)('POST', '/detector-models', { ...motor, detectorModelName: 'sharedModel' });

    // Act
    const answer = await as(INTERN)('POST', '/detector-models/sharedModel', { detectorModelDefinition: motor.detectorModelDefinition });

    // Assert
    expect(answer).toMatchObject({ status: 403, errorType: 'AccessDeniedException' });
    expect((await backend.repository.getModel('sharedModel'))?.version).toBe('1');
  });

  it('requires a role, and a role ARN, when roles are checked', async () => {
    // Act
    const { roleArn: _omitted, ...withoutRole } = motor;
    const missing = await as(ADMIN)('POST', '/detector-models', { ...withoutRole, detectorModelName: 'noRole' });
    const notRole = await as(ADMIN)('POST', '/detector-models', { ...motor, detectorModelName: 'userRole', roleArn: INTERN });

    // Assert
    expect(missing).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(missing.body.message).toMatch(/^roleArn is required/);
    expect(notRole.body.message).toBe(`roleArn "${INTERN}" is not an IAM role ARN; give arn:aws:iam::<account>:role/<name>`);
    expect(iam.calls()).toHaveLength(0);
  });

  it('refuses a request that carries no IAM caller', async () => {
    const answer = await as(undefined)('POST', '/detector-models', { ...motor, detectorModelName: 'unsigned' });
    expect(answer).toMatchObject({ status: 403, errorType: 'AccessDeniedException' });
  });

  it('answers 503 when IAM throttles the check, storing nothing', async () => {
    // Arrange
    iam.on(SimulatePrincipalPolicyCommand).rejects(new IAMServiceException({ name: 'Throttling', $fault: 'client', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }));

    // Act
    const answer = await as(INTERN)('POST', '/detector-models', { ...motor, detectorModelName: 'throttled' });

    // Assert
    expect(answer).toMatchObject({ status: 503, errorType: 'ServiceUnavailableException' });
    expect(await backend.repository.getModel('throttled')).toBeUndefined();
  });

  it('neither requires nor checks roles when model roles are ignored (the local stack)', async () => {
    // Arrange
    const local = caller(controlRoutes(backend.control), SCOPE);
    const { roleArn: _omitted, ...withoutRole } = motor;

    // Act
    const answer = await local('POST', '/detector-models', { ...withoutRole, detectorModelName: 'localModel' });

    // Assert
    expect(answer.status).toBe(200);
    expect(iam.calls()).toHaveLength(0);
  });

  it('checks an alarm model’s role as a detector model’s, on create and on update', async () => {
    // Arrange
    await as(ADMIN)('POST', '/alarm-models', alarmBody({ alarmModelName: 'adminAlarm', roleArn: ROLE }));

    // Act
    const created = await as(INTERN)('POST', '/alarm-models', alarmBody({ alarmModelName: 'internAlarm', roleArn: ROLE }));
    const updated = await as(INTERN)('POST', '/alarm-models/adminAlarm', { roleArn: ROLE, alarmRule: alarmBody().alarmRule });
    const { roleArn: _omitted, ...withoutRole } = alarmBody({ alarmModelName: 'noRoleAlarm' });
    const missing = await as(ADMIN)('POST', '/alarm-models', withoutRole);

    // Assert
    expect(created).toMatchObject({ status: 403, errorType: 'AccessDeniedException' });
    expect(created.body.message).toContain(`${INTERN} is not allowed to pass role ${ROLE}`);
    expect(updated).toMatchObject({ status: 403, errorType: 'AccessDeniedException' });
    expect(missing.body.message).toContain('roleArn: roleArn is required');
    expect(await backend.repository.getAlarmModel('internAlarm')).toBeUndefined();
    expect((await backend.repository.getAlarmModel('adminAlarm'))?.version).toBe('1');
  });
});
