import { validateModel } from '../../lib/model/validate';
import { READS_INPUT, SENSOR_INPUT, at, detectorModel, event, setTimer, setVariable, sns, state } from './helpers';

const ACTION = 'states[0].onInput.events[0].actions';

/** A model whose only event (reading the input) runs `actions`. */
function withActions(...actions: unknown[]): Record<string, unknown> {
  return detectorModel([state('Idle', { onInput: [event('e', READS_INPUT, actions)] })]);
}

describe('validateModel: inferred variable types', () => {
  it('reports the inferred types of each variable as INFO, at its first setVariable', () => {
    // Act
    const issues = validateModel(withActions(setVariable('count', '0'), setVariable('count', '$variable.count + 1'), setVariable('average', '$variable.count / 2.0')));

    // Assert
    expect(at('INFO', issues)).toEqual([
      { type: 'data-type', path: `${ACTION}[0].setVariable`, message: 'Inferred data types [Integer] for $variable.count' },
      { type: 'data-type', path: `${ACTION}[2].setVariable`, message: 'Inferred data types [Decimal] for $variable.average' },
    ]);
    expect(at('WARNING', issues)).toEqual([]);
  });

  it('follows variables that are read before the assignment that defines them appears', () => {
    // Act
    const issues = validateModel(withActions(setVariable('label', "'n=' + $variable.text"), setVariable('text', "'x'")));

    // Assert
    expect(at('INFO', issues).map((found) => found.message)).toEqual([
      'Inferred data types [String] for $variable.label',
      'Inferred data types [String] for $variable.text',
    ]);
  });

  it('treats Integer and Decimal as compatible', () => {
    // Act
    const issues = validateModel(withActions(setVariable('level', '0'), setVariable('level', '2.5')));

    // Assert
    expect(at('INFO', issues).map((found) => found.message)).toEqual(['Inferred data types [Integer, Decimal] for $variable.level']);
    expect(at('WARNING', issues)).toEqual([]);
  });

  it('warns when one variable is assigned incompatible types', () => {
    // Act
    const issues = validateModel(withActions(setVariable('resetMe', 'false'), setVariable('resetMe', "'true'"), setVariable('resetMe', '1')));

    // Assert
    expect(at('WARNING', issues)).toEqual([{
      type: 'data-type', path: `${ACTION}[1].setVariable.value`,
      message: 'Incompatible data types [String, Boolean] used with $variable.resetMe: assign it values of one type (Integer and Decimal mix), ' +
        'or conditions comparing it will silently be false',
    }]);
  });

  it('does not warn about a variable loaded from an input, whose type is unknown', () => {
    // Act
    const issues = validateModel(withActions(setVariable('threshold', '$input.Sensor.threshold'), setVariable('threshold', '10')));

    // Assert
    expect(at('WARNING', issues)).toEqual([]);
    expect(at('INFO', issues).map((found) => found.message)).toEqual(['Inferred data types [Integer, Decimal, String, Boolean] for $variable.threshold']);
  });
});

describe('validateModel: type findings in expressions', () => {
  it('reports operators applied to incompatible types, with the position and span', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onEnter: [event('init', undefined, [setVariable('name', "'pump'")])],
      onInput: [event('e', `${READS_INPUT} && $variable.name > 3`, [sns({ contentExpression: "'id: ' + $variable.name + 1", type: 'STRING' })])],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues.filter((found) => found.level === 'WARNING')).toEqual([
      {
        type: 'data-type', level: 'WARNING', path: 'states[0].onInput.events[0].condition',
        message: "operator '>' cannot compare [String] with [Integer] at 28", span: { start: 28, end: 46 },
      },
      {
        type: 'data-type', level: 'WARNING', path: 'states[0].onInput.events[0].actions[0].sns.payload.contentExpression',
        message: "operator '+' cannot be applied to [String] and [Integer] at 0", span: { start: 0, end: 27 },
      },
    ]);
  });

  it('reports comparisons that can never be equal', () => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', {
      onEnter: [event('init', undefined, [setVariable('resetMe', 'false')])],
      onInput: [event('e', `${READS_INPUT} && $variable.resetMe == "true"`)],
    })]));

    // Assert
    expect(at('WARNING', issues)).toEqual([{
      type: 'data-type', path: 'states[0].onInput.events[0].condition',
      message: 'comparing [Boolean] with [String]: incompatible types are never equal at 28',
    }]);
  });

  it('warns about a duration that is not a number and a condition that is not a Boolean', () => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', {
      onInput: [event('e', '$input.Sensor.value + 1', [setTimer('t', "'300'")])],
      transitions: [],
    })]));

    // Assert
    expect(at('WARNING', issues).filter((found) => found.type === 'data-type')).toEqual([
      { type: 'data-type', path: 'states[0].onInput.events[0].condition', message: 'a condition must give a Boolean, but this one gives [Integer, Decimal], so the event never fires' },
      {
        type: 'data-type', path: `${ACTION}[0].setTimer.durationExpression`,
        message: "durationExpression must give a number of seconds, but it gives [String]; the timer will not be set",
      },
    ]);
  });

  it('never reports a data-type problem as an ERROR', () => {
    // Arrange
    const model = withActions(setVariable('flag', 'true'), setVariable('flag', "'yes'"), setVariable('sum', '$variable.flag + 1 * true'), setTimer('t', 'true'));

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues.filter((found) => found.type === 'data-type').length).toBeGreaterThan(3);
    expect(issues.filter((found) => found.type === 'data-type' && found.level === 'ERROR')).toEqual([]);
  });

  it('reproduces the AWS analysis sample: inferred types and a missing input', () => {
    // Arrange: the TemperatureCheck model of the AWS analysis page reads an input that does not exist
    const model = detectorModel([state('TemperatureCheck', {
      onInput: [event('Temperature Received', 'isNull($input.TemperatureInput.sensorData.temperature)==false', [setVariable('temperatureChecked', '1')])],
    })]);

    // Act
    const issues = validateModel(model, { inputs: [SENSOR_INPUT] });

    // Assert
    expect(issues).toEqual([
      expect.objectContaining({ type: 'referenced-resource', level: 'ERROR', message: 'input "TemperatureInput" does not exist; known inputs: Sensor' }),
      expect.objectContaining({ type: 'data-type', level: 'INFO', message: 'Inferred data types [Integer] for $variable.temperatureChecked' }),
    ]);
  });
});
