import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** A CloudFormation resource, loosely typed. */
interface Resource {
  Type: string;
  Properties: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  DeletionPolicy?: string;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const ROOT = path.resolve(__dirname, '../..');
const STAGE = 'ci';
const WORK_FOLDER = `.esbuild-package-${process.pid}`;
let dir = '';
let resources: Record<string, Resource> = {};
let outputs: Record<string, { Value: unknown }> = {};

/** Every IAM statement of the template, with the role or policy it belongs to. */
function statements(): { owner: string; statement: Statement }[] {
  const found: { owner: string; statement: Statement }[] = [];
  for (const [owner, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::IAM::ManagedPolicy') found.push(...resource.Properties.PolicyDocument.Statement.map((statement: Statement) => ({ owner, statement })));
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of resource.Properties.Policies ?? []) found.push(...policy.PolicyDocument.Statement.map((statement: Statement) => ({ owner, statement })));
    }
  }
  return found;
}
const actions = (statement: Statement) => [statement.Action].flat();
const resourcesOf = (statement: Statement) => [statement.Resource].flat().map((value) => JSON.stringify(value));
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

// `serverless package` with dummy credentials and no network: what `serverless deploy` would send.
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'vigil-package-'));
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'node_modules/serverless/bin/serverless.js'), 'package', '--stage', STAGE, '--package', dir], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
    // A work folder of its own: the local-stack test may be bundling with serverless offline meanwhile.
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'dummy', AWS_SECRET_ACCESS_KEY: 'dummy', AWS_SESSION_TOKEN: '', SLS_TELEMETRY_DISABLED: '1', VIGIL_ESBUILD_DIR: WORK_FOLDER },
  });
  ({ Resources: resources, Outputs: outputs } = JSON.parse(readFileSync(path.join(dir, 'cloudformation-template-update-stack.json'), 'utf8')));
}, 180_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(path.join(ROOT, WORK_FOLDER), { recursive: true, force: true });
});

describe('the packaged CloudFormation template', () => {
  it('bundles every function on Node.js 22 arm64, each with a role of its own', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.map(([id]) => id).sort()).toEqual(
      ['AlarmNotifier', 'ControlApi', 'DataApi', 'DispatchActions', 'EventConfigurations', 'IngestQueue', 'IngestRule', 'Scheduler', 'SeedModels', 'TimerSweep'].map((name) => `${name}LambdaFunction`),
    );
    const roles = functions.map(([, fn]) => fn.Properties.Role['Fn::GetAtt'][0] as string);
    expect(new Set(roles).size).toBe(functions.length);
    for (const [, fn] of functions) expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    expect(readdirSync(dir).filter((file) => file.endsWith('.zip'))).toHaveLength(functions.length);
  });

  it('passes literal resource names to the functions, never intrinsic functions', () => {
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      for (const value of Object.values(fn.Properties.Environment.Variables)) expect(typeof value).toBe('string');
      expect(fn.Properties.Environment.Variables).toMatchObject({ DETECTORS_TABLE: `vigil-${STAGE}-detectors`, TIMERS_TABLE: `vigil-${STAGE}-timers` });
    }
  });

  it('creates on-demand, encrypted tables with TTL on timers and traces and point-in-time recovery on state', () => {
    const tables = Object.fromEntries(ofType('AWS::DynamoDB::Table').map(([id, table]) => [id, table]));
    expect(Object.keys(tables).sort()).toEqual(['DetectorsTable', 'MessageIdsTable', 'ModelsTable', 'TimersTable', 'TracesTable']);
    for (const table of Object.values(tables)) expect(table.Properties).toMatchObject({ BillingMode: 'PAY_PER_REQUEST', SSESpecification: { SSEEnabled: true } });
    for (const id of ['DetectorsTable', 'ModelsTable', 'TimersTable']) expect(tables[id].Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    for (const id of ['TimersTable', 'TracesTable', 'MessageIdsTable']) expect(tables[id].Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    expect(tables.DetectorsTable.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    // Detector state and models survive a stack deletion.
    expect([tables.DetectorsTable.DeletionPolicy, tables.ModelsTable.DeletionPolicy]).toEqual(['Retain', 'Retain']);
  });

  it('gives each ingest queue a DLQ, a visibility timeout of six function timeouts, and partial batch failures', () => {
    const receives = Number(resources.IngestQueueLambdaFunction.Properties.Environment.Variables.MAX_RECEIVES);
    for (const id of ['IngestQueue', 'LifecycleQueue', 'InternalQueue']) {
      const queue = resources[id].Properties;
      const mapping = resources[`IngestQueueEventSourceMappingSQS${id}`].Properties;
      // Vigil dead-letters a message that keeps failing itself, narrowed; SQS's redrive is the backstop above.
      expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': ['IngestDeadLetterQueue', 'Arn'] }, maxReceiveCount: receives + 2 });
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * resources.IngestQueueLambdaFunction.Properties.Timeout);
      // A redelivered message must reach its detectors again within their 5-minute duplicate window.
      expect(queue.VisibilityTimeout + resources.IngestQueueLambdaFunction.Properties.Timeout).toBeLessThan(300);
      expect(mapping).toMatchObject({ BatchSize: 100, FunctionResponseTypes: ['ReportBatchItemFailures'], EventSourceArn: { 'Fn::GetAtt': [id, 'Arn'] } });
    }
    for (const [, q] of ofType('AWS::SQS::Queue')) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    for (const id of ['IngestDeadLetterQueue', 'ActionsDeadLetterQueue', 'DispatchDeadLetterQueue']) expect(resources[id].Properties.MessageRetentionPeriod).toBe(1_209_600);
  });

  it('sends failed stream batches and failed rule invocations to dead-letter queues', () => {
    expect(resources.DispatchActionsEventSourceMappingDynamodbDetectorsTable.Properties).toMatchObject({
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['DispatchDeadLetterQueue', 'Arn'] } } },
    });
    expect(resources.IngestRuleLambdaEvConf.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': ['IngestDeadLetterQueue', 'Arn'] } } });
  });

  it('routes telemetry and every $aws/events lifecycle topic with SQL version 2016-03-23 and an error action', () => {
    const rules = Object.fromEntries(ofType('AWS::IoT::TopicRule').map(([id, rule]) => [id, rule.Properties]));
    for (const rule of Object.values(rules)) {
      expect(rule.TopicRulePayload.AwsIotSqlVersion).toBe('2016-03-23');
      expect(rule.RuleName).toMatch(/^[a-zA-Z0-9_]+$/);
    }
    expect(rules.LifecycleToQueueRule.TopicRulePayload).toMatchObject({
      Sql: "SELECT *, topic() AS topic FROM '$aws/events/#'",
      Actions: [{ Sqs: { QueueUrl: { Ref: 'LifecycleQueue' }, RoleArn: { 'Fn::GetAtt': ['LifecycleRuleRole', 'Arn'] } } }],
      ErrorAction: { Sqs: { QueueUrl: { Ref: 'IngestDeadLetterQueue' } } },
    });
    // SiteWise notifications: only SiteWise publishes there; one '+' per level (SiteWise rules take no '#').
    expect(rules.SiteWiseToQueueRule.TopicRulePayload).toMatchObject({
      Sql: "SELECT *, topic() AS topic FROM '$aws/sitewise/asset-models/+/assets/+/properties/+'",
      Actions: [{ Sqs: { QueueUrl: { Ref: 'LifecycleQueue' }, RoleArn: { 'Fn::GetAtt': ['LifecycleRuleRole', 'Arn'] } } }],
    });
    // A device's topic never picks the input: every other rule names it as a literal, and reads the
    // payload from vigilRaw (no `*`), so no field the device writes can override the rule's.
    for (const [id, rule] of Object.entries(rules)) {
      if (id === 'LifecycleToQueueRule' || id === 'SiteWiseToQueueRule') continue;
      expect(`${id}: ${rule.TopicRulePayload.Sql}`).toMatch(new RegExp(`^${id}: SELECT encode\\(\\*, 'base64'\\) AS vigilRaw, '[A-Za-z0-9_.-]+' AS vigilInputName\\b`));
      expect(`${id}: ${rule.TopicRulePayload.Sql}`).not.toMatch(/SELECT \*|topic\(\d\) AS vigilInputName|\$aws\/events/);
    }
    // The buffered path: the rule declared under custom.vigil.rules, generated as Vigil wrote it by hand.
    const toQueue = (queue: string) => ({ Sqs: { QueueUrl: { Ref: queue }, RoleArn: { 'Fn::GetAtt': ['IotRuleRole', 'Arn'] }, UseBase64: false } });
    expect(rules.VigilRulePressureQueue).toEqual({
      RuleName: `vigil_${STAGE}_pressure_queue`,
      TopicRulePayload: {
        Description: 'Vigil: vigil/queue/+/pressure to input PressureInput (serverless.yml custom.vigil.rules[0])',
        Sql: "SELECT encode(*, 'base64') AS vigilRaw, 'PressureInput' AS vigilInputName, topic(3) AS motorid FROM 'vigil/queue/+/pressure'",
        AwsIotSqlVersion: '2016-03-23',
        RuleDisabled: false,
        Actions: [toQueue('IngestQueue')],
        ErrorAction: toQueue('IngestDeadLetterQueue'),
      },
    });
    expect(rules.MotorPressureRule.TopicRulePayload).toMatchObject({
      Actions: [{ Lambda: { FunctionArn: { 'Fn::GetAtt': ['IngestRuleLambdaFunction', 'Arn'] } } }],
      ErrorAction: { Sqs: { QueueUrl: { Ref: 'IngestDeadLetterQueue' } } },
    });
    // Every rule has an error action, and only this account's rule may invoke the direct-path function.
    for (const [id, rule] of Object.entries(rules)) expect(`${id}: ${JSON.stringify(rule.TopicRulePayload.ErrorAction?.Sqs?.QueueUrl)}`).toBe(`${id}: {"Ref":"IngestDeadLetterQueue"}`);
    expect(resources.MotorPressureRuleInvokePermission.Properties).toMatchObject({ Principal: 'iot.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['MotorPressureRule', 'Arn'] } });
  });

  it('lets only the lifecycle rule’s own role send to the lifecycle queue, and only Vigil’s functions to the internal queue', () => {
    // Every Allow on sqs:SendMessage, by role, with the queues it names (as JSON).
    const senders = (queue: string) =>
      statements()
        .filter(({ statement }) => statement.Effect === 'Allow' && actions(statement).includes('sqs:SendMessage'))
        .filter(({ statement }) => resourcesOf(statement).some((resource) => resource.includes(queue)))
        .map(({ owner }) => owner)
        .sort();
    expect(senders('LifecycleQueue').concat(senders(`vigil-${STAGE}-lifecycle`))).toEqual(['LifecycleRuleRole']);
    expect(senders('"IngestQueue"').concat(senders(`vigil-${STAGE}-ingest"`))).toEqual(['IotRuleRole']);
    expect(senders('InternalQueue').concat(senders(`vigil-${STAGE}-internal`)).every((owner) => ['IngestQueueRole', 'IngestRuleRole', 'DispatchActionsRole'].includes(owner))).toBe(true);
  });

  it('denies, on the lifecycle, internal and ingest dead-letter queues, every sender but Vigil’s own roles, whatever other policies allow', () => {
    // A policy's Deny beats any Allow: a model's role with sqs:* on * cannot forge lifecycle events.
    const denied = (policyId: string) => {
      const [statement] = resources[policyId].Properties.PolicyDocument.Statement;
      expect(statement).toMatchObject({ Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage' });
      const allowed = statement.Condition.ArnNotEquals['aws:PrincipalArn'];
      // Without redrivePrincipals, the If's second branch: only the stack's roles.
      return (allowed['Fn::If']?.[2] ?? allowed).map((arn: { 'Fn::GetAtt': [string, string] }) => arn['Fn::GetAtt'][0]).sort();
    };
    expect(denied('LifecycleQueuePolicy')).toEqual(['LifecycleRuleRole']);
    expect(denied('InternalQueuePolicy')).toEqual(['DispatchActionsRole', 'IngestQueueRole', 'IngestRuleRole']);
    expect(denied('IngestDeadLetterQueuePolicy')).toEqual(['IngestQueueRole', 'IngestRuleRole', 'IotRuleRole', 'LifecycleRuleRole']);
    // And the lifecycle rule's role serves that rule and the SiteWise one only (topics only AWS publishes on).
    expect(resources.LifecycleRuleRole.Properties.AssumeRolePolicyDocument.Statement[0].Condition.ArnEquals['aws:SourceArn']).toEqual([
      { 'Fn::Sub': `arn:\${AWS::Partition}:iot:\${AWS::Region}:\${AWS::AccountId}:rule/vigil_${STAGE}_lifecycle` },
      { 'Fn::Sub': `arn:\${AWS::Partition}:iot:\${AWS::Region}:\${AWS::AccountId}:rule/vigil_${STAGE}_sitewise` },
    ]);
  });

  it('starts the scheduler every minute and turns on the configured lifecycle event families', () => {
    expect(resources.SchedulerEventsRuleSchedule1.Properties).toMatchObject({ ScheduleExpression: 'rate(1 minute)', Targets: [{ Arn: { 'Fn::GetAtt': ['SchedulerLambdaFunction', 'Arn'] } }] });
    expect(resources.SchedulerLambdaFunction.Properties.Timeout).toBeGreaterThan(70);
    expect(resources.LifecycleEventConfigurations.Properties.Families).toBe('THING,THING_GROUP,THING_GROUP_MEMBERSHIP,JOB,JOB_EXECUTION');
    const models = resources.ModelFiles.Properties.Models.map((text: string) => JSON.parse(text).detectorModelName);
    expect(models.sort()).toEqual(['deviceConnectivity', 'jobFailureWatch', 'motorDetectorModel']);
    // The file of each model, for the seeder's kept and replaced messages.
    expect(resources.ModelFiles.Properties.Sources.models).toEqual({ deviceConnectivity: 'models/device-connectivity.json', jobFailureWatch: 'models/job-failures.json', motorDetectorModel: 'models/motor-detector-model.json' });
    expect(resources.ModelFiles.Properties.Sources.inputs).toMatchObject({ PressureInput: 'models/motor.inputs.json' });
  });

  it('starts the timer sweep every 5 minutes, each invocation ending before the next starts', () => {
    expect(resources.TimerSweepEventsRuleSchedule1.Properties).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', Targets: [{ Arn: { 'Fn::GetAtt': ['TimerSweepLambdaFunction', 'Arn'] } }] });
    expect(resources.TimerSweepLambdaFunction.Properties.Timeout).toBeLessThan(300);
  });

  it('lets only the timer sweep scan, and only the detectors table, and keeps it to the scheduler items of the timers table', () => {
    const scans = statements().filter(({ statement }) => statement.Effect === 'Allow' && actions(statement).some((action) => /^dynamodb:(Scan|\*)$/.test(action)));
    expect(scans.map(({ owner }) => owner)).toEqual(['TimerSweepRole']);
    expect(actions(scans[0].statement)).toEqual(['dynamodb:Scan']);
    expect(resourcesOf(scans[0].statement)).toEqual([expect.stringMatching(new RegExp(`table/vigil-${STAGE}-detectors"}$`))]);
    const timers = statements().filter(({ owner, statement }) => owner === 'TimerSweepRole' && resourcesOf(statement).some((resource) => resource.includes(`table/vigil-${STAGE}-timers`)));
    expect(timers.map(({ statement }) => statement)).toEqual([
      expect.objectContaining({ Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['scheduler'] } } }),
    ]);
    expect(resources.TimerSweepRole.Properties.ManagedPolicyArns).toEqual([{ Ref: 'DetectorRuntimePolicy' }]);
  });

  it('puts every HTTP route behind IAM authorization', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route');
    expect(routes.length).toBeGreaterThanOrEqual(18);
    for (const [, route] of routes) expect(route.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('grants no wildcard actions, and names its resources wherever IAM allows', () => {
    const all = statements();
    expect(all.length).toBeGreaterThan(20);
    for (const { owner, statement } of all) {
      for (const action of actions(statement)) expect(`${owner}: ${action}`).not.toMatch(/(^|:)\*$|:[A-Za-z]*\*/);
      const wildcard = resourcesOf(statement).some((resource) => resource === '"*"');
      // Account-wide IoT settings have no resource to name.
      if (wildcard) expect(`${owner}: ${actions(statement).join(',')}`).toBe('EventConfigurationsRole: iot:DescribeEventConfigurations,iot:UpdateEventConfigurations');
    }
  });

  it('gives the dispatch role no permission on any action target: its stream, its queues, the models table, failure notes in the traces table and AssumeRole on model roles', () => {
    // Arrange
    const dispatch = statements().filter(({ owner }) => owner === 'DispatchActionsRole').map(({ statement }) => statement);
    const byAction = (action: string) => dispatch.filter((statement) => actions(statement).includes(action)).flatMap(resourcesOf);

    // Assert: models' actions run with their roles; nothing a model could target is granted here.
    expect(dispatch.every((statement) => statement.Effect === 'Allow')).toBe(true);
    expect(dispatch.flatMap(actions).sort()).toEqual(
      ['dynamodb:BatchWriteItem', 'dynamodb:DescribeStream', 'dynamodb:GetItem', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:GetQueueUrl', 'sqs:SendMessage', 'sts:AssumeRole'],
    );
    expect(byAction('sqs:SendMessage')).toEqual([
      JSON.stringify({ 'Fn::Sub': `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:vigil-${STAGE}-internal` }),
      JSON.stringify({ 'Fn::Sub': `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:vigil-${STAGE}-actions-dlq` }),
      JSON.stringify({ 'Fn::GetAtt': ['DispatchDeadLetterQueue', 'Arn'] }),
    ]);
    expect(byAction('dynamodb:GetItem')).toEqual([JSON.stringify({ 'Fn::Sub': `arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/vigil-${STAGE}-models` })]);
    expect(byAction('dynamodb:BatchWriteItem')).toEqual([JSON.stringify({ 'Fn::Sub': `arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/vigil-${STAGE}-traces` })]);
    expect(byAction('sts:AssumeRole')).toEqual([JSON.stringify({ 'Fn::Split': [',', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*' }] })]);
    expect(resources.DispatchActionsRole.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('creates the default model role, trusted by this stage’s dispatch role only and able only to publish to its alerts topic', () => {
    // Arrange
    const role = resources.ModelActionsRole.Properties;

    // Assert
    expect(role.RoleName).toBe(`vigil-${STAGE}-models`);
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Principal: { AWS: { 'Fn::GetAtt': ['DispatchActionsRole', 'Arn'] } }, Action: 'sts:AssumeRole' }]);
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.Policies.flatMap((policy: { PolicyDocument: { Statement: Statement[] } }) => policy.PolicyDocument.Statement)).toEqual([
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: { Ref: 'AlertsTopic' } },
    ]);
  });

  it('ships models and alarm models that run with the default model role', () => {
    const roles = [...resources.ModelFiles.Properties.Models, ...resources.ModelFiles.Properties.AlarmModels].map((text: string) => JSON.parse(text).roleArn);
    expect(resources.ModelFiles.Properties.AlarmModels).toHaveLength(1);
    expect(roles).toEqual(roles.map(() => 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/vigil-${Vigil::Stage}-models'));
  });

  it('lets the control API only simulate principals’ policies and read roles of IAM, to check iam:PassRole', () => {
    // Arrange
    const iam = statements().filter(({ statement }) => actions(statement).some((action) => action.startsWith('iam:')));
    const account = (kind: string) => JSON.stringify({ 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:${kind}/*` });

    // Assert
    expect(iam.map(({ owner, statement }) => [owner, statement.Effect, actions(statement), resourcesOf(statement)])).toEqual([
      ['ControlApiRole', 'Allow', ['iam:SimulatePrincipalPolicy'], [account('user'), account('role')]],
      ['ControlApiRole', 'Allow', ['iam:GetRole'], [account('role')]],
    ]);
  });

  it('turns model roles on for the dispatcher and the control API', () => {
    for (const fn of ['DispatchActionsLambdaFunction', 'ControlApiLambdaFunction']) expect(resources[fn].Properties.Environment.Variables.MODEL_ROLES).toBe('assume');
  });

  it('grants nothing outside this stage’s own resources, except reading IAM principals and assuming roles that trust the dispatch role', () => {
    // Arrange: what may name something other than this stack's resources, and why.
    const exempt = new Set([
      // PassRole checks read (never change) the caller's user or role.
      'ControlApiRole iam:SimulatePrincipalPolicy',
      'ControlApiRole iam:GetRole',
      // A role is assumable only if its own trust policy names this stage's dispatch role.
      'DispatchActionsRole sts:AssumeRole',
      // Account-wide IoT settings, and the stack's own custom resource: no stage's data.
      'EventConfigurationsRole iot:DescribeEventConfigurations,iot:UpdateEventConfigurations',
      'EventConfigurationsRole cloudformation:DescribeStackResource',
      // Mail goes from the account's verified SES identities, which the stage names (`notificationIdentities`).
      'AlarmNotifierRole ses:SendEmail',
      // Texts to phone numbers, which have no ARN: everything but a topic (NotResource, checked above).
      'AlarmNotifierRole sns:Publish',
    ]);
    const own = (resource: string) => resource.includes(`vigil-${STAGE}-`) || /^\{"(Ref|Fn::GetAtt)":/.test(resource);

    // Assert
    for (const { owner, statement } of statements().filter(({ statement }) => statement.Effect === 'Allow')) {
      const granted = `${owner} ${actions(statement).join(',')}`;
      if (exempt.has(granted)) continue;
      for (const resource of resourcesOf(statement)) expect(`${granted} on ${resource}: ${own(resource)}`).toBe(`${granted} on ${resource}: true`);
    }
  });

  it('lets the alarm notifier send mail from the named SES identities, texts to phone numbers but never to a topic, and only to its own queues', () => {
    // Arrange
    const notifier = statements().filter(({ owner }) => owner === 'AlarmNotifierRole').map(({ statement }) => statement as Statement & { NotResource?: unknown });
    const granting = (action: string) => notifier.filter((statement) => actions(statement).includes(action));

    // Assert
    expect(notifier.every((statement) => statement.Effect === 'Allow')).toBe(true);
    expect(notifier.flatMap(actions).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'ses:SendEmail', 'sns:Publish', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    expect(granting('ses:SendEmail').flatMap(resourcesOf)).toEqual([JSON.stringify({ 'Fn::Split': [',', { 'Fn::Sub': 'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*' }] })]);
    expect(granting('sns:Publish')).toEqual([{ Effect: 'Allow', Action: ['sns:Publish'], NotResource: { 'Fn::Sub': 'arn:${AWS::Partition}:sns:*:*:*' } }]);
    expect(granting('sqs:SendMessage').flatMap(resourcesOf)).toEqual([
      JSON.stringify({ 'Fn::GetAtt': ['NotificationsInboxQueue', 'Arn'] }),
      JSON.stringify({ 'Fn::GetAtt': ['NotificationsDeadLetterQueue', 'Arn'] }),
    ]);
    expect(resources.AlarmNotifierRole.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets the control API list a deleted model’s detectors and delete them', () => {
    // The listing reads the byModel index, then BatchGetItem for versions and times (R11).
    const allowed = (pattern: RegExp) =>
      statements()
        .filter(({ owner, statement }) => owner === 'ControlApiRole' && statement.Effect === 'Allow' && resourcesOf(statement).some((resource) => pattern.test(resource)))
        .flatMap(({ statement }) => actions(statement));
    expect(allowed(new RegExp(`table/vigil-${STAGE}-detectors"`))).toEqual(expect.arrayContaining(['dynamodb:BatchGetItem', 'dynamodb:DeleteItem']));
    expect(allowed(new RegExp(`table/vigil-${STAGE}-detectors/index/`))).toContain('dynamodb:Query');
  });

  it('limits DynamoDB access to the stack tables and logs to each function own log group', () => {
    for (const { owner, statement } of statements()) {
      const names = actions(statement);
      if (names.some((action) => action.startsWith('dynamodb:')) && statement.Effect === 'Allow') {
        for (const resource of resourcesOf(statement)) expect(resource).toMatch(new RegExp(`table/vigil-${STAGE}-(detectors|models|timers|traces|message-ids)|DetectorsTable`));
      }
      if (names.includes('logs:PutLogEvents')) {
        const fn = owner.replace(/Role$/, '');
        expect(resourcesOf(statement).join()).toContain(`/aws/lambda/vigil-${STAGE}-${fn[0].toLowerCase()}${fn.slice(1)}:*`);
      }
    }
  });

  it('names, in its outputs, where topic rules send and with which role (vigil migrate-rules reads them)', () => {
    expect(outputs.IngestQueueUrl.Value).toEqual({ Ref: 'IngestQueue' });
    expect(outputs.IngestErrorQueueUrl.Value).toEqual({ Ref: 'IngestDeadLetterQueue' });
    expect(outputs.IotRuleRoleArn.Value).toEqual({ 'Fn::GetAtt': ['IotRuleRole', 'Arn'] });
  });
});
