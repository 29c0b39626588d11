import { GetRoleCommand, IAMClient, IAMServiceException, NoSuchEntityException, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { IamRolePassCheck, PASSED_TO_SERVICE } from '../../../lib/adapters/iam/role-pass-check';
import { RolePassCheckError } from '../../../lib/ports';

const ACCOUNT = '123456789012';
const MODEL_ROLE = `arn:aws:iam::${ACCOUNT}:role/iot-events/motor-actions`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/engineers/alice`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/ci-run-42`;
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/ci/Deployer`;

const decision = (EvalDecision: 'allowed' | 'explicitDeny' | 'implicitDeny') => ({ EvaluationResults: [{ EvalActionName: 'iam:PassRole', EvalDecision }] });

describe('IamRolePassCheck', () => {
  const iam = mockClient(IAMClient);
  const check = new IamRolePassCheck(new IAMClient({ region: 'us-east-1' }));

  beforeEach(() => {
    iam.reset();
    iam.on(GetRoleCommand, { RoleName: 'Deployer' }).resolves({ Role: { RoleName: 'Deployer', Arn: DEPLOYER, Path: '/ci/', RoleId: 'AROA', CreateDate: new Date(0) } });
    iam.on(SimulatePrincipalPolicyCommand).resolves(decision('implicitDeny'));
  });

  afterAll(() => iam.restore());

  it('simulates iam:PassRole on the role for AWS IoT Events, as the caller’s user', async () => {
    // Arrange
    iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: ALICE }).resolves(decision('allowed'));

    // Act
    const result = await check.check({ callerArn: ALICE, roleArn: MODEL_ROLE, accountId: ACCOUNT });

    // Assert
    expect(result).toEqual({ allowed: true });
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)[0].args[0].input).toEqual({
      PolicySourceArn: ALICE,
      ActionNames: ['iam:PassRole'],
      ResourceArns: [MODEL_ROLE],
      ContextEntries: [{ ContextKeyName: 'iam:PassedToService', ContextKeyType: 'string', ContextKeyValues: [PASSED_TO_SERVICE] }],
    });
    expect(PASSED_TO_SERVICE).toBe('iotevents.amazonaws.com');
  });

  it('simulates an assumed-role session as its role, with the path GetRole gives', async () => {
    // Arrange
    iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: DEPLOYER }).resolves(decision('allowed'));

    // Act
    const result = await check.check({ callerArn: SESSION, roleArn: MODEL_ROLE, accountId: ACCOUNT });

    // Assert
    expect(result).toEqual({ allowed: true });
    expect(iam.commandCalls(GetRoleCommand)[0].args[0].input).toEqual({ RoleName: 'Deployer' });
  });

  it('refuses when the simulator denies, saying how', async () => {
    // Arrange
    iam.on(SimulatePrincipalPolicyCommand).resolves(decision('explicitDeny'));

    // Act
    const result = await check.check({ callerArn: ALICE, roleArn: MODEL_ROLE, accountId: ACCOUNT });

    // Assert
    expect(result).toEqual({ allowed: false, reason: `the policy simulator's decision for ${ALICE} is explicitDeny` });
  });

  it('refuses principals of another account, federated users and unknown callers without asking IAM', async () => {
    // Act
    const results = await Promise.all([
      check.check({ callerArn: 'arn:aws:iam::999999999999:user/mallory', roleArn: MODEL_ROLE, accountId: ACCOUNT }),
      check.check({ callerArn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`, roleArn: MODEL_ROLE, accountId: ACCOUNT }),
      check.check({ callerArn: 'anonymous', roleArn: MODEL_ROLE, accountId: ACCOUNT }),
    ]);

    // Assert
    expect(results.map((result) => result.allowed)).toEqual([false, false, false]);
    expect(results[0]).toMatchObject({ reason: `the caller belongs to account 999999999999; Vigil can check iam:PassRole only for principals of its own account ${ACCOUNT}` });
    expect(results[1]).toMatchObject({ reason: expect.stringContaining('federated-user sessions (GetFederationToken) cannot be simulated') });
    expect(iam.calls()).toHaveLength(0);
  });

  it('lets the account’s root user pass any role', async () => {
    expect(await check.check({ callerArn: `arn:aws:iam::${ACCOUNT}:root`, roleArn: MODEL_ROLE, accountId: ACCOUNT })).toEqual({ allowed: true });
    expect(iam.calls()).toHaveLength(0);
  });

  it('refuses a caller whose role IAM no longer knows', async () => {
    // Arrange
    iam.on(GetRoleCommand).rejects(new NoSuchEntityException({ message: 'The role with name Deployer cannot be found.', $metadata: { httpStatusCode: 404 } }));

    // Act
    const result = await check.check({ callerArn: SESSION, roleArn: MODEL_ROLE, accountId: ACCOUNT });

    // Assert
    expect(result).toEqual({ allowed: false, reason: 'IAM does not know the caller: The role with name Deployer cannot be found.' });
  });

  it('throws a retryable error when IAM throttles, and a permanent one when IAM refuses Vigil itself', async () => {
    // Arrange
    iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: ALICE }).rejects(new IAMServiceException({ name: 'Throttling', $fault: 'client', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }));
    iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: DEPLOYER }).rejects(new IAMServiceException({ name: 'AccessDenied', $fault: 'client', message: 'not authorized to perform: iam:SimulatePrincipalPolicy', $metadata: { httpStatusCode: 403 } }));

    // Act
    const throttled = check.check({ callerArn: ALICE, roleArn: MODEL_ROLE, accountId: ACCOUNT });
    const refused = check.check({ callerArn: SESSION, roleArn: MODEL_ROLE, accountId: ACCOUNT });

    // Assert
    await expect(throttled).rejects.toBeInstanceOf(RolePassCheckError);
    await expect(throttled).rejects.toMatchObject({ retryable: true });
    await expect(refused).rejects.toMatchObject({ retryable: false, message: 'could not check iam:PassRole with IAM: AccessDenied: not authorized to perform: iam:SimulatePrincipalPolicy' });
  });
});
