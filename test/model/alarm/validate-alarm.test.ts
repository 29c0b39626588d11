import { formatIssue, validateAlarmModel, type ModelIssue } from '../../../lib/model';
import { alarmBody, exampleAlarm } from '../../helpers/alarm';

const errors = (issues: readonly ModelIssue[]) => issues.filter((found) => found.level === 'ERROR').map(formatIssue);
const rule = (inputProperty: unknown, comparisonOperator: unknown, threshold: unknown) => ({ alarmRule: { simpleRule: { inputProperty, comparisonOperator, threshold } } });

describe('alarm model validation', () => {
  it('finds nothing wrong with the example alarm model or the smallest one', () => {
    // Act
    const issues = [...validateAlarmModel(exampleAlarm()), ...validateAlarmModel({ alarmModelName: 'a', roleArn: 'arn:aws:iam::1:role/r', alarmRule: rule('$input.I.v', 'LESS', '1').alarmRule })];

    // Assert
    expect(issues).toEqual([]);
  });

  it('lists every problem at once, each with its JSON path, in model order', () => {
    // Arrange
    const body = {
      alarmModelName: 'bad name',
      alarmModelDescription: 'x'.repeat(1025),
      key: 'a..b',
      severity: 2.5,
      ...rule('$input.Temp.value +', 'GT', '"thirty"'),
      alarmEventActions: { alarmActions: [{ setTimer: { timerName: 't', seconds: 60 } }, { sns: {} }, {}] },
      alarmCapabilities: { acknowledgeFlow: { enabled: 'yes' } },
    };

    // Act
    const issues = validateAlarmModel(body);

    // Assert
    expect(errors(issues)).toEqual([
      'alarmModelName: alarmModelName "bad name" is invalid; give a string of 1–128 characters: only letters, digits, \'_\' and \'-\'',
      'alarmModelDescription: alarmModelDescription is 1025 characters long; the limit is 1024',
      'roleArn: roleArn is required: give a string of 1–2048 characters',
      "key: key \"a..b\" is not an attribute path: use 1–128 characters of dot-separated names made of letters, digits, '_' and '-', and backtick-quote names with spaces (sensorData.`motor id`)",
      'severity: severity must be a whole number from 0 to 2147483647, not the number 2.5',
      'alarmRule.simpleRule.inputProperty: unexpected end of the expression at 19; expected an operand',
      'alarmRule.simpleRule.comparisonOperator: comparisonOperator must be one of "GREATER", "GREATER_OR_EQUAL", "LESS", "LESS_OR_EQUAL", "EQUAL", "NOT_EQUAL"; got "GT"',
      'alarmRule.simpleRule.threshold: threshold must be an input attribute such as $input.Sensor.threshold, or a number such as 30 (or a SiteWise property value, $sitewise….propertyValue.value); this is a string at character 0',
      'alarmEventActions.alarmActions[0].setTimer: setTimer is a detector model action; an alarm has no variables or timers, so its actions are sns, iotTopicPublish, lambda, iotEvents, sqs, firehose, dynamoDB, dynamoDBv2, iotSiteWise',
      'alarmEventActions.alarmActions[1].sns.targetArn: targetArn is required: give a string of 1–2048 characters',
      'alarmEventActions.alarmActions[2]: the action is empty; set exactly one action type: sns, iotTopicPublish, lambda, iotEvents, sqs, firehose, dynamoDB, dynamoDBv2, iotSiteWise',
      'alarmCapabilities.acknowledgeFlow.enabled: enabled must be true or false, not a string',
    ]);
  });

  it.each([
    ['$input.Temp', "unexpected end of the expression at 11; expected '.' and an attribute after $input.Temp", { start: 11, end: 11 }],
    ['30', 'inputProperty must be an input attribute such as $input.Sensor.temperature (or a SiteWise property value, $sitewise….propertyValue.value); this is a number at character 0', { start: 0, end: 2 }],
    ['  $variable.t', 'inputProperty must be an input attribute such as $input.Sensor.temperature (or a SiteWise property value, $sitewise….propertyValue.value); this is $variable.t (an alarm model has no variables) at character 2', { start: 2, end: 13 }],
    ['$input.T.a + 1', "inputProperty must be an input attribute such as $input.Sensor.temperature (or a SiteWise property value, $sitewise….propertyValue.value); this is a '+' expression at character 0", { start: 0, end: 14 }],
    ['$input.T.a)', "unexpected ')' at 10; expected an operator or the end of the expression", { start: 10, end: 11 }],
  ])('reports inputProperty %j with the character position inside the expression', (inputProperty, message, span) => {
    // Act
    const issues = validateAlarmModel(alarmBody(rule(inputProperty, 'GREATER', '1')));

    // Assert
    expect(issues).toEqual([{ type: 'expression-syntax', level: 'ERROR', path: 'alarmRule.simpleRule.inputProperty', message, span }]);
  });

  it.each(['30', '-2.5', '$input.Config.limit', '$input.Temp.`upper limit`'])('accepts threshold %j: a number or an input attribute', (threshold) => {
    // Act
    const issues = validateAlarmModel(alarmBody(rule('$input.Temp.value', 'LESS_OR_EQUAL', threshold)));

    // Assert
    expect(issues).toEqual([]);
  });

  it('refuses a threshold given as a JSON number, saying how to write it', () => {
    // Act
    const issues = validateAlarmModel(alarmBody(rule('$input.Temp.value', 'LESS', 30)));

    // Assert
    expect(errors(issues)).toEqual(['alarmRule.simpleRule.threshold: threshold must be a string of 1–512 characters, not the number 30: write it as "30"']);
  });

  it('requires the name, the role (AWS required roleArn) and the rule with its three members', () => {
    // Act
    const issues = [...validateAlarmModel({}), ...validateAlarmModel({ alarmModelName: 'a', roleArn: 'arn:aws:iam::1:role/r', alarmRule: { simpleRule: {} } })];

    // Assert
    expect(errors(issues)).toEqual([
      "alarmModelName: alarmModelName is required: give a string of 1–128 characters: only letters, digits, '_' and '-'",
      'roleArn: roleArn is required: give a string of 1–2048 characters',
      'alarmRule: alarmRule is required',
      'alarmRule.simpleRule.inputProperty: inputProperty is required: give a string of 1–512 characters',
      'alarmRule.simpleRule.comparisonOperator: comparisonOperator must be one of "GREATER", "GREATER_OR_EQUAL", "LESS", "LESS_OR_EQUAL", "EQUAL", "NOT_EQUAL"; it is missing',
      'alarmRule.simpleRule.threshold: threshold is required: give a string of 1–512 characters',
    ]);
  });

  it('refuses an unknown member with the closest allowed name, and warns about what DescribeAlarmModel returns', () => {
    // Act
    const issues = validateAlarmModel(alarmBody({ severty: 1, alarmModelArn: 'arn:aws:iotevents:…', status: 'ACTIVE' }));

    // Assert
    expect(issues.map(formatIssue)).toEqual([
      "severty: unknown member; did you mean 'severity'?",
      'alarmModelArn: read-only: DescribeAlarmModel returns it, CreateAlarmModel and UpdateAlarmModel do not take it; ignored',
      'status: read-only: DescribeAlarmModel returns it, CreateAlarmModel and UpdateAlarmModel do not take it; ignored',
    ]);
  });

  it('refuses key and tags in an UpdateAlarmModel body', () => {
    // Act
    const issues = validateAlarmModel(alarmBody({ tags: [] }), { update: true });

    // Assert
    expect(errors(issues)).toEqual([expect.stringMatching(/^key: unknown member/), expect.stringMatching(/^tags: unknown member/)]);
  });

  it('checks each alarm action as a detector model action, payload and SiteWise fields included', () => {
    // Arrange
    const actions = [
      { sqs: { queueUrl: 'https://q', useBase64: 'yes', payload: { contentExpression: '', type: 'JSON' } } },
      { dynamoDBv2: { tableName: "'t'", payload: { contentExpression: "'{}'", type: 'STRING' } } },
      { iotSiteWise: { assetId: "'a'" } },
      { lambda: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', payload: { contentExpression: '$input.Temp.value +', type: 'STRING' } } },
      { sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:t' }, sqs: { queueUrl: 'https://q' } },
    ];

    // Act
    const issues = validateAlarmModel(alarmBody({ alarmEventActions: { alarmActions: actions } }));

    // Assert
    expect(errors(issues)).toEqual([
      'alarmEventActions.alarmActions[0].sqs.useBase64: useBase64 must be true or false, not a string',
      'alarmEventActions.alarmActions[0].sqs.payload.contentExpression: Customized Payloads must be non-empty: give an expression such as \'{"alarm": "on"}\', or remove payload to send the default one',
      'alarmEventActions.alarmActions[1].dynamoDBv2.payload.type: dynamoDBv2 writes each top-level payload attribute to its own column, so payload.type must be "JSON"',
      'alarmEventActions.alarmActions[2].iotSiteWise: iotSiteWise must name the asset property: give propertyAlias, or both assetId and propertyId',
      'alarmEventActions.alarmActions[3].lambda.payload.contentExpression: unexpected end of the expression at 19; expected an operand',
      'alarmEventActions.alarmActions[4]: Actions may only have one type defined; this one sets sns and sqs: split it into one action per type',
    ]);
  });

  it('refuses variables and timers in action expressions, with their position', () => {
    // Arrange
    const actions = [{ sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:t', payload: { contentExpression: "'a' + $variable.count", type: 'STRING' } } }];

    // Act
    const issues = validateAlarmModel(alarmBody({ alarmEventActions: { alarmActions: actions } }));

    // Assert
    expect(issues).toEqual([
      {
        type: 'referenced-data',
        level: 'ERROR',
        path: 'alarmEventActions.alarmActions[0].sns.payload.contentExpression',
        message: '$variable.count at character 6: an alarm model has no variables',
        span: { start: 6, end: 21 },
      },
    ]);
  });

  it('checks notifications: the Lambda function, the recipients, the message lengths', () => {
    // Arrange
    const alarmNotification = {
      notificationActions: [
        {
          action: { lambdaAction: { payload: { contentExpression: "'x'", type: 'TEXT' } } },
          smsConfigurations: [{ additionalMessage: 'm'.repeat(201), recipients: [] }],
          emailConfigurations: [{ recipients: { to: [{ ssoIdentity: { userId: 'u' } }] } }],
        },
        { action: {} },
      ],
    };

    // Act
    const issues = validateAlarmModel(alarmBody({ alarmNotification }));

    // Assert
    expect(errors(issues)).toEqual([
      'alarmNotification.notificationActions[0].action.lambdaAction.functionArn: functionArn is required: give a string of 1–2048 characters',
      'alarmNotification.notificationActions[0].action.lambdaAction.payload.type: type must be one of "STRING", "JSON"; got "TEXT"',
      'alarmNotification.notificationActions[0].smsConfigurations[0].additionalMessage: additionalMessage is 201 characters long; the limit is 200',
      'alarmNotification.notificationActions[0].smsConfigurations[0].recipients: the recipient list is empty; give at least one IAM Identity Center user',
      'alarmNotification.notificationActions[0].emailConfigurations[0].from: from is required: give a string of at least 1 character',
      'alarmNotification.notificationActions[0].emailConfigurations[0].recipients.to[0].ssoIdentity.identityStoreId: identityStoreId is required: give a string of at least 1 character',
      'alarmNotification.notificationActions[1].action.lambdaAction: lambdaAction is required',
    ]);
  });

  it('warns about more than the 10 notifications the AWS console allowed', () => {
    // Arrange
    const one = { action: { lambdaAction: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } } };

    // Act
    const issues = validateAlarmModel(alarmBody({ alarmNotification: { notificationActions: Array.from({ length: 11 }, () => one) } }));

    // Assert
    expect(issues.map(formatIssue)).toEqual(['alarmNotification.notificationActions: the model has 11 notifications; AWS IoT Events allowed up to 10']);
  });

  it('requires the Booleans of the capabilities whose objects are present', () => {
    // Act
    const issues = validateAlarmModel(alarmBody({ alarmCapabilities: { initializationConfiguration: {}, acknowledgeFlow: { enabled: false } } }));

    // Assert
    expect(errors(issues)).toEqual(['alarmCapabilities.initializationConfiguration.disabledOnInitialization: disabledOnInitialization is required: give true or false']);
  });

  it.each([null, [], 'model', 3])('refuses a body that is not an object (%p) with one error', (body) => {
    // Act
    const issues = validateAlarmModel(body);

    // Assert
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: '', level: 'ERROR', message: expect.stringContaining('a CreateAlarmModel request must be a JSON object') });
  });

  it('checks what the rule and the actions read against the inputs given: unknown inputs are errors, undeclared attributes warnings', () => {
    // Arrange
    const inputs = [{ inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'value' }] } }];
    const body = alarmBody({
      ...rule('$input.Temp.value', 'GREATER', '$input.Limits.max'),
      alarmEventActions: { alarmActions: [{ sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:t', payload: { contentExpression: "'${$input.Temp.unit}'", type: 'STRING' } } }] },
    });

    // Act
    const issues = validateAlarmModel(body, { inputs });

    // Assert
    expect(issues.map(formatIssue)).toEqual([
      "alarmRule.simpleRule.threshold: input \"Limits\" does not exist; known inputs: Temp",
      "alarmEventActions.alarmActions[0].sns.payload.contentExpression: $input.Temp.unit reads an attribute that input \"Temp\" does not declare (it declares value). Vigil reads it from the raw message anyway; declare it in the input to keep the model AWS-compatible",
    ]);
  });
});
