import { validateModel } from '../../lib/model/validate';
import { READS_INPUT, at, detectorModel, event, setTimer, setVariable, sns, state, transition } from './helpers';

describe('validateModel: expression syntax', () => {
  it('reports an unparsable transition condition with its position and span', () => {
    // Arrange
    const model = detectorModel([
      state('Idle', { onInput: [event('e', READS_INPUT)], transitions: [transition('start', READS_INPUT, 'Running')] }),
      state('Running', { transitions: [transition('stop', READS_INPUT, 'Stopped')] }),
      state('Stopped', { transitions: [transition('restart', '(1 + )', 'Idle')] }),
    ]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([{
      type: 'expression-syntax', level: 'ERROR', path: 'states[2].onInput.transitionEvents[0].condition',
      message: "unexpected ')' at 5; expected an operand", span: { start: 5, end: 6 },
    }]);
  });

  it('reports compile errors in every kind of expression, all at once', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onInput: [event('e', READS_INPUT, [
        setVariable('x', 'abs($input.Sensor.value)'),
        setTimer('t', '$input.Sensor.delay *'),
        sns({ contentExpression: "'unterminated", type: 'STRING' }),
        { dynamoDB: { hashKeyField: 'id', hashKeyValue: "'1'", tableName: "'T'" } },
      ])],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    const action = 'states[0].onInput.events[0].actions';
    expect(issues.filter((found) => found.type === 'expression-syntax')).toEqual([
      expect.objectContaining({ path: `${action}[0].setVariable.value`, message: expect.stringMatching(/^unknown function 'abs' at 0; /), span: { start: 0, end: 3 } }),
      expect.objectContaining({ path: `${action}[1].setTimer.durationExpression`, message: expect.stringMatching(/ at 21; expected an operand$/) }),
      expect.objectContaining({ path: `${action}[2].sns.payload.contentExpression`, message: expect.stringMatching(/ at 0/) }),
      expect.objectContaining({ path: `${action}[3].dynamoDB.hashKeyField`, message: expect.stringMatching(/^unknown name 'id' at 0; /) }),
    ]);
  });

  it('reports an empty setVariable value as a syntax error', () => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', { onInput: [event('e', READS_INPUT, [setVariable('x', '')])] })]));

    // Assert
    expect(at('ERROR', issues)).toEqual([{
      type: 'expression-syntax', path: 'states[0].onInput.events[0].actions[0].setVariable.value',
      message: 'unexpected end of the expression at 0; expected an operand',
    }]);
  });

  it('treats a target that does not parse as literal text', () => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', {
      onInput: [event('e', READS_INPUT, [{ iotTopicPublish: { mqttTopic: '$aws/things/freezer/shadow/update' } }])],
    })]));

    // Assert
    expect(issues).toEqual([]);
  });

  it('reports type errors in a target written as an expression', () => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', {
      onInput: [event('e', READS_INPUT, [{ iotTopicPublish: { mqttTopic: "'alerts/' + 5" } }])],
    })]));

    // Assert
    expect(issues).toEqual([expect.objectContaining({
      type: 'data-type', level: 'WARNING', path: 'states[0].onInput.events[0].actions[0].iotTopicPublish.mqttTopic',
      message: "operator '+' cannot be applied to [String] and [Integer] at 0", span: { start: 0, end: 13 },
    })]);
  });
});
