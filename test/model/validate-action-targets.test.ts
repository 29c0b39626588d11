import { validateModel } from '../../lib/model/validate';
import { READS_INPUT, at, detectorModel, event, setVariable, state } from './helpers';

const ACTION = 'states[0].onInput.events[0].actions';
const warnings = (...actions: unknown[]) => at('WARNING', validateModel(detectorModel([state('Idle', { onInput: [event('e', READS_INPUT, actions)] })])));
const payload = { contentExpression: "'on'", type: 'STRING' };

describe('validateModel: action targets a device chooses', () => {
  it('warns about each kind of target read from $input, with its path', () => {
    // Act
    const found = warnings(
      { sns: { targetArn: '$input.Sensor.topic' } },
      { lambda: { functionArn: "'arn:aws:lambda:us-east-1:123456789012:function:' + $input.Sensor.fn" } },
      { sqs: { queueUrl: '$input.Sensor.queue' } },
      { iotTopicPublish: { mqttTopic: "'$aws/things/' + $input.Sensor.thing + '/shadow/update'" } },
      { dynamoDBv2: { tableName: '$input.Sensor.table', payload: { contentExpression: "'{}'", type: 'JSON' } } },
      { firehose: { deliveryStreamName: '$input.Sensor.stream', payload } },
    );

    // Assert
    expect(found.map((issue) => [issue.type, issue.path])).toEqual([
      ['referenced-resource', `${ACTION}[0].sns.targetArn`],
      ['referenced-resource', `${ACTION}[1].lambda.functionArn`],
      ['referenced-resource', `${ACTION}[2].sqs.queueUrl`],
      ['referenced-resource', `${ACTION}[3].iotTopicPublish.mqttTopic`],
      ['referenced-resource', `${ACTION}[4].dynamoDBv2.tableName`],
      ['referenced-resource', `${ACTION}[5].firehose.deliveryStreamName`],
    ]);
    expect(found[0].message).toBe(
      "targetArn reads $input.Sensor.topic, so whoever sends that input chooses the SNS topic this action goes to (any the model's role allows); " +
        'name the target literally, or build it only from values devices cannot set',
    );
  });

  it('warns about a target read from a variable that a message set, however indirectly', () => {
    // Act
    const found = warnings(setVariable('raw', '$input.Sensor.table'), setVariable('table', "'t-' + $variable.raw"), {
      dynamoDB: { tableName: '$variable.table', hashKeyField: "'id'", hashKeyValue: '$input.Sensor.id' },
    });

    // Assert
    expect(found).toEqual([
      expect.objectContaining({ path: `${ACTION}[2].dynamoDB.tableName`, message: expect.stringMatching(/^tableName reads \$variable\.table, which is set from message data, so whoever sends/) }),
    ]);
  });

  it('says nothing of literal targets, targets built from trusted values, or keys read from messages', () => {
    // Act
    const found = warnings(
      setVariable('zone', "'north'"),
      { sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:alerts' } },
      { iotTopicPublish: { mqttTopic: "'alerts/' + $variable.zone" } },
      { iotTopicPublish: { mqttTopic: '$aws/things/motor-1/shadow/update' } },
      { dynamoDB: { tableName: "'MotorEvents'", hashKeyField: "'id'", hashKeyValue: '$input.Sensor.id' } },
      { iotEvents: { inputName: 'Sensor' } },
    );

    // Assert
    expect(found).toEqual([]);
  });
});
