import type { CreateInputRequest } from '../../lib/model/types';
import { validateModel } from '../../lib/model/validate';
import { loadExample } from './helpers';

// The AWS documentation examples deployed on AWS, so none of them may have an ERROR.

const inputs = (file: string) => loadExample(file) as CreateInputRequest[];
const named = (name: string, file: string) => ({ detectorModelName: name, ...(loadExample(file) as Record<string, unknown>) });

describe('validateModel: the AWS example models', () => {
  it('reports only the inferred variable type for the motor example', () => {
    // Arrange
    const model = loadExample('motorDetectorModel.json');

    // Act
    const issues = validateModel(model, { inputs: inputs('motorDetectorModel.inputs.json') });

    // Assert
    expect(issues).toEqual([{
      type: 'data-type', level: 'INFO', path: 'states[0].onEnter.events[0].actions[0].setVariable',
      message: 'Inferred data types [Integer] for $variable.pressureThresholdBreached',
    }]);
  });

  it('accepts the crane model, whose key is not a declared attribute', () => {
    // Arrange
    const model = loadExample('craneDetectorModel.json');

    // Act
    const issues = validateModel(model, { inputs: inputs('crane.inputs.json') });

    // Assert
    expect(issues).toEqual([{
      type: 'data-type', level: 'INFO', path: 'states[0].onEnter.events[0].actions[0].setVariable',
      message: 'Inferred data types [Integer] for $variable.craneThresholdBreached',
    }]);
  });

  it('accepts the crane update body, with its string variable', () => {
    // Arrange: an UpdateDetectorModel body names the model in the URL, not the body
    const model = named('craneDetectorModel', 'craneDetectorModel.update.json');

    // Act
    const issues = validateModel(model, { inputs: inputs('crane.inputs.json') });

    // Assert
    expect(issues).toEqual([
      { type: 'data-type', level: 'INFO', path: 'states[0].onEnter.events[0].actions[0].setVariable', message: 'Inferred data types [Integer] for $variable.craneThresholdBreached' },
      { type: 'data-type', level: 'INFO', path: 'states[0].onEnter.events[0].actions[1].setVariable', message: 'Inferred data types [String] for $variable.alarmRaised' },
    ]);
  });

  it('accepts the device heartbeat blueprint without any issue', () => {
    // Arrange: its $input read in Normal.onEnter is fine, as onEnter does not run on timer cycles
    const model = named('deviceHeartbeat', 'deviceHeartbeatBlueprint.json');

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([]);
  });

  it('warns, for the simple alarm blueprint, that its unguarded input reads also run on timer cycles', () => {
    // Arrange
    const model = named('simpleAlarm', 'simpleAlarmBlueprint.json');

    // Act
    const issues = validateModel(model);

    // Assert
    const INPUT = '$input.AWS_IoTEvents_Blueprints_Simple_Alarm_Input';
    const timerRead = (attribute: string) => ({
      type: 'structure', level: 'WARNING',
      message: `An input attribute is being read, but this may be caused by a timer expiration: on a timer cycle ${INPUT}.${attribute} ` +
        'still holds the last message\'s value; to react to new messages only, start the condition with ' +
        'currentInput("AWS_IoTEvents_Blueprints_Simple_Alarm_Input") && or triggerType("Message") &&',
      span: { start: 0, end: `${INPUT}.${attribute}`.length },
    });
    expect(issues).toEqual([
      { ...timerRead('command'), path: 'states[0].onInput.events[0].condition' },
      { ...timerRead('command'), path: 'states[0].onInput.transitionEvents[1].condition' },
      { ...timerRead('value'), path: 'states[1].onInput.transitionEvents[0].condition' },
      { ...timerRead('command'), path: 'states[2].onInput.transitionEvents[0].condition' },
      { ...timerRead('command'), path: 'states[2].onInput.transitionEvents[1].condition' },
      { type: 'data-type', level: 'INFO', path: 'states[0].onInput.events[0].actions[0].setVariable', message: 'Inferred data types [Integer] for $variable.dnd_active' },
      {
        type: 'data-type', level: 'INFO', path: 'states[1].onInput.events[0].actions[0].setVariable',
        message: 'Inferred data types [Integer, Decimal, String, Boolean] for $variable.threshold',
      },
    ]);
  });

  it('accepts the shorter timers of a local run when minTimerSeconds is lowered', () => {
    // Arrange
    const model = named('simpleAlarm', 'simpleAlarmBlueprint.json');

    // Act
    const strict = validateModel(model, { minTimerSeconds: 600 });
    const relaxed = validateModel(model, { minTimerSeconds: 1 });

    // Assert
    expect(strict.filter((found) => found.level === 'ERROR').map((found) => found.path)).toEqual([
      'states[0].onEnter.events[0].actions[0].setTimer.seconds',
      'states[2].onEnter.events[0].actions[1].setTimer.seconds',
    ]);
    expect(relaxed.filter((found) => found.level === 'ERROR')).toEqual([]);
  });
});
