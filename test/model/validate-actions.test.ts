import { validateModel } from '../../lib/model/validate';
import { READS_INPUT, TOPIC, at, detectorModel, event, setTimer, setVariable, sns, state } from './helpers';

/** A model whose only event runs `actions`; the action paths are `states[0].onInput.events[0].actions[i]`. */
function withActions(...actions: unknown[]): Record<string, unknown> {
  return detectorModel([state('Idle', { onInput: [event('e', READS_INPUT, actions)] })]);
}

const ACTION = 'states[0].onInput.events[0].actions';
const SUPPORTED = 'setVariable, sns, iotTopicPublish, setTimer, clearTimer, resetTimer, lambda, iotEvents, sqs, firehose, dynamoDB, dynamoDBv2, iotSiteWise';

describe('validateModel: action types', () => {
  it('reports an unknown action type as supported-actions', () => {
    // Act
    const issues = validateModel(withActions({ email: { to: 'ops@example.com' } }));

    // Assert
    expect(issues).toEqual([{ type: 'supported-actions', level: 'ERROR', path: `${ACTION}[0].email`, message: `unknown action type 'email'; supported: ${SUPPORTED}` }]);
  });

  it('suggests the action type a misspelled one was meant to be', () => {
    // Act
    const issues = validateModel(withActions({ setVarible: { variableName: 'x', value: '1' } }));

    // Assert
    expect(issues).toEqual([{ type: 'supported-actions', level: 'ERROR', path: `${ACTION}[0].setVarible`, message: "unknown action type 'setVarible'; did you mean 'setVariable'?" }]);
  });

  it('reports an action with no type, and one that is not an object', () => {
    // Act
    const issues = validateModel(withActions({}, 'sns'));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: `${ACTION}[0]`, message: `the action is empty; set exactly one action type: ${SUPPORTED}` },
      { type: 'structure', path: `${ACTION}[1]`, message: 'each action must be an object with one action type, such as {"sns": {…}}, not a string' },
    ]);
  });

  it('reports an action with two types in AWS wording', () => {
    // Act
    const issues = validateModel(withActions({ ...sns(), lambda: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } }));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: `${ACTION}[0]`, message: 'Actions may only have one type defined; this one sets sns and lambda: split it into one action per type' },
    ]);
  });

  it('reports an action body that is not an object', () => {
    // Act
    const issues = validateModel(withActions({ sns: null }));

    // Assert
    expect(at('ERROR', issues)).toEqual([{ type: 'structure', path: `${ACTION}[0].sns`, message: 'sns must be an object, not null' }]);
  });
});

describe('validateModel: variable and timer actions', () => {
  it('reports variable names that break the AWS pattern', () => {
    // Act
    const issues = validateModel(withActions(setVariable('1st', '1'), setVariable('has-hyphen', '1'), { setVariable: { value: '1' } }));

    // Assert
    const rule = "give a string of 1–128 characters: a letter, then only letters, digits and '_' (no '-')";
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: `${ACTION}[0].setVariable.variableName`, message: `variableName "1st" is invalid; ${rule}` },
      { type: 'structure', path: `${ACTION}[1].setVariable.variableName`, message: `variableName "has-hyphen" is invalid; ${rule}` },
      { type: 'structure', path: `${ACTION}[2].setVariable.variableName`, message: `variableName is required: ${rule}` },
    ]);
  });

  it('reports a setVariable without a value', () => {
    // Act
    const issues = validateModel(withActions({ setVariable: { variableName: 'x' } }));

    // Assert
    expect(at('ERROR', issues)).toEqual([{ type: 'structure', path: `${ACTION}[0].setVariable.value`, message: 'value is required: give a string' }]);
  });

  it('reports a setTimer with both seconds and durationExpression', () => {
    // Act
    const issues = validateModel(withActions({ setTimer: { timerName: 't', seconds: 300, durationExpression: '300' } }));

    // Assert
    expect(at('ERROR', issues)).toEqual([{
      type: 'structure', path: `${ACTION}[0].setTimer`,
      message: 'setTimer must have either seconds or durationExpression, not both: keep durationExpression (seconds is deprecated)',
    }]);
  });

  it('reports a setTimer with no duration, a fractional one, or no name', () => {
    // Act
    const issues = validateModel(withActions({ setTimer: { timerName: 't' } }, { setTimer: { timerName: 't', seconds: 90.5 } }, { setTimer: { seconds: 90 } }));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: `${ACTION}[0].setTimer`, message: 'setTimer needs a duration: give durationExpression (an expression giving seconds, e.g. "300")' },
      { type: 'structure', path: `${ACTION}[1].setTimer.seconds`, message: 'seconds must be a whole number of seconds, not the number 90.5' },
      { type: 'structure', path: `${ACTION}[2].setTimer.timerName`, message: 'timerName is required: give a string of 1–128 characters' },
    ]);
  });

  it('reports resetTimer and clearTimer without a timer name', () => {
    // Act
    const issues = validateModel(withActions(setTimer('t', 60), { resetTimer: {} }, { clearTimer: { timerName: '' } }));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: `${ACTION}[1].resetTimer.timerName`, message: 'timerName is required: give a string of 1–128 characters' },
      { type: 'structure', path: `${ACTION}[2].clearTimer.timerName`, message: 'timerName is empty; give a string of 1–128 characters' },
    ]);
  });
});

describe('validateModel: AWS-service actions', () => {
  it('accepts every action type written as in the AWS docs', () => {
    // Arrange
    const model = withActions(
      sns(),
      { iotTopicPublish: { mqttTopic: '$aws/things/freezer/shadow/update' } },
      { iotTopicPublish: { mqttTopic: "'alerts/' + $input.Sensor.id" } },
      { lambda: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', payload: { contentExpression: "'{\"v\": ${$input.Sensor.value}}'", type: 'JSON' } } },
      { iotEvents: { inputName: 'Sensor' } },
      { sqs: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', useBase64: true } },
      { firehose: { deliveryStreamName: 'stream', separator: '\r\n' } },
      { dynamoDB: { hashKeyField: "'id'", hashKeyValue: '$input.Sensor.id', tableName: "'Readings'", operation: "'INSERT'" } },
      { dynamoDBv2: { tableName: "'Readings'", payload: { contentExpression: "'{\"id\": \"${$input.Sensor.id}\"}'", type: 'JSON' } } },
      { iotSiteWise: { propertyAlias: "'/plant/temp'", propertyValue: { value: { doubleValue: '$input.Sensor.value' }, timestamp: { timeInSeconds: "'1586400675'" }, quality: "'GOOD'" } } },
    );

    // Act
    const issues = validateModel(model);

    // Assert: valid; the only advice is that a device chooses the topic of the per-device alert.
    expect(at('ERROR', issues)).toEqual([]);
    expect(at('WARNING', issues).map((found) => found.path)).toEqual([`${ACTION}[2].iotTopicPublish.mqttTopic`]);
  });

  it('reports the missing target of each AWS-service action', () => {
    // Act
    const issues = validateModel(withActions({ sns: {} }, { iotTopicPublish: { mqttTopic: 't'.repeat(129) } }, { lambda: { functionArn: '' } },
      { iotEvents: { inputName: 'my-input' } }, { sqs: { queueUrl: 'q', useBase64: 'yes' } }, { firehose: { separator: ';' } }));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: `${ACTION}[0].sns.targetArn`, message: 'targetArn is required: give a string of 1–2048 characters' },
      { type: 'structure', path: `${ACTION}[1].iotTopicPublish.mqttTopic`, message: 'mqttTopic is 129 characters long; the limit is 128' },
      { type: 'structure', path: `${ACTION}[2].lambda.functionArn`, message: 'functionArn is empty; give a string of 1–2048 characters' },
      { type: 'structure', path: `${ACTION}[3].iotEvents.inputName`, message: "inputName \"my-input\" is invalid; give a string of 1–128 characters: a letter, then only letters, digits and '_' (no '-')" },
      { type: 'structure', path: `${ACTION}[4].sqs.useBase64`, message: 'useBase64 must be true or false, not a string' },
      { type: 'structure', path: `${ACTION}[5].firehose.deliveryStreamName`, message: 'deliveryStreamName is required: give a string of at least 1 character' },
      { type: 'structure', path: `${ACTION}[5].firehose.separator`, message: 'separator must be one of "\\n", "\\t", "\\r\\n", ","; got ";"' },
    ]);
  });

  it('reports the required DynamoDB fields', () => {
    // Act
    const issues = validateModel(withActions({ dynamoDB: { hashKeyField: "'id'" } }, { dynamoDBv2: { payload: { contentExpression: "'x'", type: 'STRING' } } }));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: `${ACTION}[0].dynamoDB.hashKeyValue`, message: 'hashKeyValue is required: give a string' },
      { type: 'structure', path: `${ACTION}[0].dynamoDB.tableName`, message: 'tableName is required: give a string' },
      { type: 'structure', path: `${ACTION}[1].dynamoDBv2.payload.type`, message: 'dynamoDBv2 writes each top-level payload attribute to its own column, so payload.type must be "JSON"' },
      { type: 'structure', path: `${ACTION}[1].dynamoDBv2.tableName`, message: 'tableName is required: give a string' },
    ]);
  });

  it('reports SiteWise actions that name no property or set no single value', () => {
    // Act
    const issues = validateModel(withActions(
      { iotSiteWise: { assetId: "'a'", propertyValue: { value: { stringValue: "'on'", booleanValue: "'TRUE'" }, timestamp: {} } } },
      { iotSiteWise: { propertyAlias: "'/p'", propertyValue: { value: {} } } },
      { iotSiteWise: { propertyAlias: "'/p'" } },
    ));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: `${ACTION}[0].iotSiteWise`, message: 'iotSiteWise must name the asset property: give propertyAlias, or both assetId and propertyId' },
      { type: 'structure', path: `${ACTION}[0].iotSiteWise.propertyValue.timestamp.timeInSeconds`, message: 'timeInSeconds is required: give a string' },
      { type: 'structure', path: `${ACTION}[0].iotSiteWise.propertyValue.value`, message: 'set exactly one of stringValue, integerValue, doubleValue, booleanValue; this one sets stringValue and booleanValue' },
      { type: 'structure', path: `${ACTION}[1].iotSiteWise.propertyValue.value`, message: 'set exactly one of stringValue, integerValue, doubleValue, booleanValue; this one sets none' },
    ]);
    expect(at('WARNING', issues)).toEqual([
      { type: 'structure', path: `${ACTION}[2].iotSiteWise.propertyValue`, message: 'propertyValue is missing, so the action has no value to send to AWS IoT SiteWise' },
    ]);
  });
});

describe('validateModel: payloads', () => {
  it('reports an empty custom payload in AWS wording', () => {
    // Act
    const issues = validateModel(withActions(sns({ contentExpression: '', type: 'STRING' })));

    // Assert
    expect(issues).toEqual([{
      type: 'expression-syntax', level: 'ERROR', path: `${ACTION}[0].sns.payload.contentExpression`,
      message: 'Customized Payloads must be non-empty: give an expression such as \'{"alarm": "on"}\', or remove payload to send the default one',
    }]);
  });

  it('reports a payload without contentExpression or with a bad type', () => {
    // Act
    const issues = validateModel(withActions(sns({ type: 'JSON' }), sns({ contentExpression: "'x'", type: 'XML' }), sns({ contentExpression: "'x'" }), sns('text')));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: `${ACTION}[0].sns.payload.contentExpression`, message: 'contentExpression is required: give a string' },
      { type: 'structure', path: `${ACTION}[1].sns.payload.type`, message: 'type must be one of "STRING", "JSON"; got "XML"' },
      { type: 'structure', path: `${ACTION}[2].sns.payload.type`, message: 'type must be one of "STRING", "JSON"; it is missing' },
      { type: 'structure', path: `${ACTION}[3].sns.payload`, message: 'payload must be an object, not a string' },
    ]);
  });

  it('reports a JSON payload whose expression cannot give a string', () => {
    // Act
    const issues = validateModel(withActions(sns({ contentExpression: '5', type: 'JSON' }), sns({ contentExpression: 'true', type: 'STRING' })));

    // Assert
    expect(at('ERROR', issues)).toEqual([{
      type: 'expression-syntax', path: `${ACTION}[0].sns.payload.contentExpression`,
      message: "a JSON payload must be a string holding JSON, but this expression gives [Integer]; quote it, e.g. '{\"value\": ${$input.MyInput.value}}'",
    }]);
  });

  it('accepts an sns target that is plain text, even one that starts like an expression', () => {
    // Act
    const issues = validateModel(withActions({ sns: { targetArn: TOPIC } }, { iotTopicPublish: { mqttTopic: '$aws/rules/r' } }));

    // Assert
    expect(issues).toEqual([]);
  });
});
