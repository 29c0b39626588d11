import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createHandler as createControlApi } from '../../../functions/control-api';
import { createHandler as createDataApi } from '../../../functions/data-api';
import type { FailureRecord } from '../../../lib/adapters/dispatch';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { apiEvent, batch } from '../api-event';
import { createTestStack, lambdaContext, type TestStack } from '../stack';

const ACCOUNT = '000000000000';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/vigil-test-models`;
const reading = (inputName: string): CreateInputRequest => ({ inputName, inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'n' }] } });

/** Publishes every message of `input` to `topic`. */
function notifier(name: string, input: string, topic: string, roleArn: string | undefined): CreateDetectorModelRequest {
  const sns = { targetArn: topic, payload: { contentExpression: `'${name} saw \${$input.${input}.n}'`, type: 'STRING' as const } };
  return {
    detectorModelName: name,
    key: 'id',
    ...(roleArn ? { roleArn } : {}),
    detectorModelDefinition: { initialStateName: 'On', states: [{ stateName: 'On', onInput: { events: [{ eventName: 'notify', condition: `currentInput("${input}")`, actions: [{ sns }] }] } }] },
  };
}

/** An API event as API Gateway passes it after IAM authorization, with the signer's ARN. */
function signed(event: APIGatewayProxyEventV2, userArn: string): APIGatewayProxyEventV2 {
  return { ...event, requestContext: { ...event.requestContext, authorizer: { iam: { userArn, accountId: ACCOUNT } } } } as unknown as APIGatewayProxyEventV2;
}

/**
 * Model roles on the real path — the control API and the data API on DynamoDB Local, the change
 * stream into the dispatch function, SNS on fauxqs — with only STS and IAM mocked at the SDK.
 */
describe('model roles on DynamoDB Local and fauxqs', () => {
  let stack: TestStack;
  const sts = mockClient(STSClient);
  const iam = mockClient(IAMClient);

  beforeAll(async () => {
    stack = await createTestStack({ MODEL_ROLES: 'assume', STAGE: 'test' });
    await stack.seed([], [reading('Reading'), reading('Sample')]);
  });

  afterAll(() => {
    sts.restore();
    iam.restore();
  });

  beforeEach(() => {
    sts.reset();
    iam.reset();
    sts.on(AssumeRoleCommand).callsFake(() => ({ Credentials: { AccessKeyId: 'ASIA-MODEL', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date(Date.now() + 3_600_000) } }));
    iam.on(GetRoleCommand, { RoleName: 'Deployer' }).resolves({ Role: { RoleName: 'Deployer', Arn: `arn:aws:iam::${ACCOUNT}:role/Deployer`, Path: '/', RoleId: 'AROA', CreateDate: new Date(0) } });
    iam.on(SimulatePrincipalPolicyCommand).resolves({ EvaluationResults: [{ EvalActionName: 'iam:PassRole', EvalDecision: 'implicitDeny' }] });
    iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/Deployer` }).resolves({ EvaluationResults: [{ EvalActionName: 'iam:PassRole', EvalDecision: 'allowed' }] });
  });

  it('stores a model only for a caller who may pass its role', async () => {
    // Arrange
    const control = createControlApi(stack.runtime(), 'test');
    const model = notifier('guarded', 'Reading', stack.provisioned.topics.AlertsTopic.arn, ROLE);

    // Act
    const refused = await control(signed(apiEvent('POST', '/detector-models', model), `arn:aws:iam::${ACCOUNT}:user/intern`), lambdaContext());
    const created = await control(signed(apiEvent('POST', '/detector-models', model), `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/ci`), lambdaContext());

    // Assert
    expect(refused).toMatchObject({ statusCode: 403, headers: { 'x-amzn-ErrorType': 'AccessDeniedException' } });
    expect(JSON.parse(refused.body as string).message).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:user/intern is not allowed to pass role ${ROLE}`));
    expect(created.statusCode).toBe(200);
  });

  it('publishes a model’s actions with its assumed role, and dead-letters those of a model without one', async () => {
    // Arrange
    const alerts = stack.provisioned.topics.AlertsTopic.arn;
    await stack.seed([notifier('withRole', 'Sample', alerts, ROLE), notifier('roleless', 'Sample', alerts, undefined)], [reading('Sample')]);
    const data = createDataApi(stack.runtime());
    const body = batch({ messageId: 's-1', inputName: 'Sample', payload: '{"id": "d-1", "n": 7}' });

    // Act
    const response = await data(apiEvent('POST', '/inputs/messages', body), lambdaContext());
    await stack.dispatch();
    const published = await stack.receive('AlertsInboxQueue', 1);
    const dead = await stack.receive('ActionsDeadLetterQueue', 1);

    // Assert
    expect(response.statusCode).toBe(200);
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input)).toEqual([{ RoleArn: ROLE, RoleSessionName: 'vigil-test-withRole', DurationSeconds: 3600 }]);
    expect(published.map((text) => JSON.parse(text).Message)).toEqual(['withRole saw 7']);
    const record = JSON.parse(dead[0]) as FailureRecord;
    expect(record).toMatchObject({ effect: { detectorModelName: 'roleless', type: 'sns' }, error: { name: 'ModelRoleError' }, attempts: 0 });
    expect(record.error.message).toMatch(/^detector model roleless version 1 names no roleArn/);
  });
});
