import { runCli } from '../helpers/cli';
import { EXAMPLE_ALARM, exampleAlarm } from '../helpers/alarm';
import path from 'node:path';
import { EXAMPLES } from '../helpers/engine';
import { tempFiles } from './temp-files';

const INPUTS = path.join(EXAMPLES, 'motorDetectorModel.inputs.json');

const file = tempFiles();

describe('vigil validate: alarm model files', () => {
  it('accepts a valid alarm model file (a body with alarmRule) and says so', async () => {
    // Act
    const result = await runCli('validate', EXAMPLE_ALARM);

    // Assert
    expect(result).toEqual({ code: 0, stdout: '', stderr: `${EXAMPLE_ALARM}: valid, 0 warning(s)` });
  });

  it('prints every problem of an invalid alarm model as path: message, with positions inside expressions, and exits 1', async () => {
    // Arrange
    const model = exampleAlarm();
    model.alarmRule.simpleRule.threshold = '$input.Limits.max *';
    model.alarmEventActions = { alarmActions: [{ setVariable: { variableName: 'v', value: '1' } } as never] };
    const bad = file('bad-alarm.json', { ...model, key: 'motor id' });

    // Act
    const result = await runCli('validate', bad);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      "key: key \"motor id\" is not an attribute path: use 1–128 characters of dot-separated names made of letters, digits, '_' and '-', and backtick-quote names with spaces (sensorData.`motor id`)",
      'alarmRule.simpleRule.threshold: unexpected end of the expression at 19; expected an operand',
      'alarmEventActions.alarmActions[0].setVariable: setVariable is a detector model action; an alarm has no variables or timers, so its actions are sns, iotTopicPublish, lambda, iotEvents, sqs, firehose, dynamoDB, dynamoDBv2, iotSiteWise',
    ]);
    expect(result.stderr).toBe(`${bad}: invalid, 3 error(s), 0 warning(s)`);
  });

  it('prints warnings of an alarm model file on stderr', async () => {
    // Arrange
    const exported = file('exported-alarm.json', { ...exampleAlarm(), alarmModelVersion: '4' });

    // Act
    const result = await runCli('validate', exported);

    // Assert
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      'warning: alarmModelVersion: read-only: DescribeAlarmModel returns it, CreateAlarmModel and UpdateAlarmModel do not take it; ignored',
      `${exported}: valid, 1 warning(s)`,
    ]);
  });

  it('checks an alarm model file against the inputs of --inputs', async () => {
    // Arrange
    const model = exampleAlarm();
    model.alarmRule.simpleRule.inputProperty = '$input.PressureInput.sensorData.temprature';

    // Act
    const valid = await runCli('validate', EXAMPLE_ALARM, '--inputs', INPUTS);
    const misspelled = await runCli('validate', file('misspelled-alarm.json', model), '--inputs', INPUTS);

    // Assert
    expect(valid.code).toBe(0);
    expect(misspelled.code).toBe(0);
    expect(misspelled.stderr).toContain('warning: alarmRule.simpleRule.inputProperty: $input.PressureInput.sensorData.temprature reads an attribute that input "PressureInput" does not declare');
  });
});
