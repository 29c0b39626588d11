import { validateModel } from '../../lib/model/validate';
import { READS_INPUT, detectorModel, event, setVariable, state } from './helpers';

describe('validateModel: Vigil extension functions', () => {
  it('warns, with the position, that a model calling a vigil_ function is not portable to AWS IoT Events', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onInput: [event('smooth', READS_INPUT, [setVariable('mean', 'vigil_ewma($variable.mean, $input.Sensor.value, 0.1)')])],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues.filter((found) => found.level !== 'INFO')).toEqual([{
      type: 'expression-syntax', level: 'WARNING', path: 'states[0].onInput.events[0].actions[0].setVariable.value',
      message: 'vigil_ewma() at 0 is a Vigil extension: not portable to AWS IoT Events', span: { start: 0, end: 10 },
    }]);
  });

  it('reports each call, nested ones too, and nothing for the AWS functions', () => {
    const model = detectorModel([state('Idle', {
      onInput: [event('spike', 'isUndefined($input.Sensor.value) || vigil_abs(vigil_zscore($input.Sensor.value, 1, 2)) > 3', [])],
    })]);

    const warnings = validateModel(model).filter((issue) => issue.level === 'WARNING');

    expect(warnings.map((issue) => [issue.message, issue.span])).toEqual([
      ['vigil_abs() at 36 is a Vigil extension: not portable to AWS IoT Events', { start: 36, end: 45 }],
      ['vigil_zscore() at 46 is a Vigil extension: not portable to AWS IoT Events', { start: 46, end: 58 }],
    ]);
  });
});
