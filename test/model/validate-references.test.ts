import { validateModel } from '../../lib/model/validate';
import { READS_INPUT, SENSOR_INPUT, clearTimer, detectorModel, event, resetTimer, setTimer, setVariable, sns, state, transition } from './helpers';

const PRESSURE_INPUT = {
  inputName: 'Pressure',
  inputDefinition: { attributes: [{ jsonPath: 'sensorData.pressure' }, { jsonPath: 'temperatures' }, { jsonPath: 'sensors' }, { jsonPath: 'sensorData.`motor pressure`' }] },
};
const INPUTS = { inputs: [SENSOR_INPUT, PRESSURE_INPUT] };

/** Warnings and errors only: the data-type INFO lines are not what these tests are about. */
const problems = (issues: ReturnType<typeof validateModel>) => issues.filter((found) => found.level !== 'INFO');

describe('validateModel: referenced inputs', () => {
  it('reports inputs that do not exist, with the span of the reference', () => {
    // Arrange
    const condition = `${READS_INPUT} && $input.Presure.sensorData.pressure > 1 || currentInput("Command")`;
    const model = detectorModel([state('Idle', { onInput: [event('e', condition)] })]);

    // Act
    const issues = validateModel(model, INPUTS);

    // Assert
    const spanOf = (text: string) => ({ start: condition.indexOf(text), end: condition.indexOf(text) + text.length });
    expect(issues).toEqual([
      {
        type: 'referenced-resource', level: 'ERROR', path: 'states[0].onInput.events[0].condition',
        message: 'input "Command" does not exist; known inputs: Sensor, Pressure', span: spanOf('"Command"'),
      },
      {
        type: 'referenced-resource', level: 'ERROR', path: 'states[0].onInput.events[0].condition',
        message: 'input "Presure" does not exist; known inputs: Sensor, Pressure', span: spanOf('$input.Presure.sensorData.pressure'),
      },
    ]);
  });

  it('checks input references only when the inputs are given', () => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', { onInput: [event('e', '$input.Anything.at.all > 1')] })]));

    // Assert
    expect(issues).toEqual([]);
  });

  it.each([
    '$input.Pressure.sensorData.pressure',
    '$input.Pressure.temperatures[2]',
    '$input.Pressure.sensors[0].sensor1',
    '$input.Pressure.sensorData.`motor pressure`',
    '$input.Sensor.config.threshold',
  ])('accepts %s, which extends a declared attribute', (reference) => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', { onInput: [event('e', `${reference} > 1`)] })]), INPUTS);

    // Assert
    expect(issues).toEqual([]);
  });

  it.each([
    ['$input.Pressure.sensorData', 'sensorData.pressure, temperatures, sensors, sensorData.`motor pressure`'],
    ['$input.Pressure.sensorData.temperature', 'sensorData.pressure, temperatures, sensors, sensorData.`motor pressure`'],
    ['$input.Sensor.config[0].threshold', 'value, config.threshold'],
  ])('warns that %s is not declared, but is still read from the raw message', (reference, declared) => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', { onInput: [event('e', `${reference} > 1`)] })]), INPUTS);

    // Assert
    const input = reference.split('.')[1];
    expect(issues).toEqual([{
      type: 'referenced-resource', level: 'WARNING', path: 'states[0].onInput.events[0].condition',
      message: `${reference} reads an attribute that input "${input}" does not declare (it declares ${declared}). ` +
        'Vigil reads it from the raw message anyway; declare it in the input to keep the model AWS-compatible',
      span: { start: 0, end: reference.length },
    }]);
  });

  it('does not require the model key to be declared', () => {
    // Act
    const issues = validateModel({ ...detectorModel([state('Idle', { onInput: [event('e', READS_INPUT)] })]), key: 'deviceId' }, INPUTS);

    // Assert
    expect(issues).toEqual([]);
  });

  it('warns when an iotEvents action sends to an input that does not exist', () => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', { onInput: [event('e', READS_INPUT, [{ iotEvents: { inputName: 'Alarms' } }])] })]), INPUTS);

    // Assert
    expect(issues).toEqual([{
      type: 'referenced-resource', level: 'WARNING', path: 'states[0].onInput.events[0].actions[0].iotEvents.inputName',
      message: 'the action sends to input "Alarms", which does not exist; known inputs: Sensor, Pressure',
    }]);
  });
});

describe('validateModel: referenced variables and timers', () => {
  it('reports a variable that is read but never set, once per expression', () => {
    // Arrange
    const model = detectorModel([state('Idle', { onInput: [event('e', `${READS_INPUT} && $variable.limit != $variable.limit`, [setVariable('count', '$variable.limit')])] })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(problems(issues)).toEqual([
      {
        type: 'referenced-data', level: 'WARNING', path: 'states[0].onInput.events[0].condition',
        message: 'Detected broken Variable limit: it is used but never set; add a setVariable action for it or fix the name (variables set: count)', span: { start: 28, end: 43 },
      },
      {
        type: 'referenced-data', level: 'WARNING', path: 'states[0].onInput.events[0].actions[0].setVariable.value',
        message: 'Detected broken Variable limit: it is used but never set; add a setVariable action for it or fix the name (variables set: count)', span: { start: 0, end: 15 },
      },
    ]);
  });

  it('reports timers that are tested, reset or cleared but never set', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onEnter: [event('arm', undefined, [setTimer('awake', 300)])],
      onInput: [event('e', `currentInput("Sensor") && timeout('asleep')`, [resetTimer('awak'), clearTimer('awake')])],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([
      {
        type: 'referenced-data', level: 'WARNING', path: 'states[0].onInput.events[0].condition',
        message: 'timer "asleep" is tested with timeout() but never set, so the test is never true: add a setTimer action for it or fix the name (timers set: awake)',
        span: { start: 34, end: 42 },
      },
      {
        type: 'referenced-data', level: 'WARNING', path: 'states[0].onInput.events[0].actions[0].resetTimer.timerName',
        message: 'resetTimer names timer "awak", which no setTimer action creates, so it does nothing: fix the name (timers set: awake)',
      },
    ]);
  });
});

describe('validateModel: variables used before being set', () => {
  const USED_BEFORE_SET = (name: string, initial: string) => `Detected broken Variable ${name}: it may be used before being set, as no setVariable ` +
    `of it can have run by the time this is evaluated; set it earlier, for example in onEnter of the initial state "${initial}"`;

  it('warns when the initial state reads in onEnter a variable that only a later state sets', () => {
    // Arrange
    const model = detectorModel([
      state('Normal', { onEnter: [event('report', '$variable.alarms > 0', [sns()])], transitions: [transition('alarm', READS_INPUT, 'Alarming')] }),
      state('Alarming', { onEnter: [event('count', undefined, [setVariable('alarms', '$variable.alarms + 1')])], transitions: [transition('close', READS_INPUT, 'Closed')] }),
      state('Closed'),
    ]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(problems(issues)).toEqual([
      { type: 'referenced-data', level: 'WARNING', path: 'states[0].onEnter.events[0].condition', message: USED_BEFORE_SET('alarms', 'Normal'), span: { start: 0, end: 16 } },
      { type: 'referenced-data', level: 'WARNING', path: 'states[1].onEnter.events[0].actions[0].setVariable.value', message: USED_BEFORE_SET('alarms', 'Normal'), span: { start: 0, end: 16 } },
    ]);
  });

  it('sees variables set by earlier actions of the same onEnter group, but not by later ones', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onEnter: [
        event('first', undefined, [setVariable('a', '1'), setVariable('b', '$variable.a + 1'), setVariable('c', '$variable.d')]),
        event('second', undefined, [setVariable('d', '$variable.c')]),
      ],
      onInput: [event('e', READS_INPUT)],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(problems(issues)).toEqual([{
      type: 'referenced-data', level: 'WARNING', path: 'states[0].onEnter.events[0].actions[2].setVariable.value', message: USED_BEFORE_SET('d', 'Idle'), span: { start: 0, end: 11 },
    }]);
  });

  it('lets onInput read what any onInput event of the state sets, since onInput repeats', () => {
    // Arrange: the simple-alarm blueprint idiom
    const model = detectorModel([state('Normal', {
      onInput: [event('load threshold', '$variable.threshold != $variable.threshold', [setVariable('threshold', '$input.Sensor.threshold')])],
      transitions: [transition('out_of_range', '$input.Sensor.value > $variable.threshold', 'Normal')],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(problems(issues)).toEqual([]);
  });

  it('counts a variable as possibly set when some path around a loop sets it', () => {
    // Arrange: Normal's onEnter runs again after Alarming, which sets the variable
    const model = detectorModel([
      state('Normal', { onEnter: [event('report', '$variable.alarms > 0', [sns()])], transitions: [transition('alarm', READS_INPUT, 'Alarming')] }),
      state('Alarming', { onEnter: [event('count', undefined, [setVariable('alarms', '1')])], transitions: [transition('clear', READS_INPUT, 'Normal')] }),
    ]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(problems(issues)).toEqual([]);
  });

  it('carries what a transition and onExit set into the next state', () => {
    // Arrange
    const model = detectorModel([
      state('A', { transitions: [transition('go', READS_INPUT, 'B', [setVariable('x', '1')])], onExit: [event('leave', undefined, [setVariable('y', '2')])] }),
      state('B', { onEnter: [event('arrive', '$variable.x + $variable.y > 2', [sns()])], transitions: [transition('back', READS_INPUT, 'A')] }),
    ]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(problems(issues)).toEqual([]);
  });

  it('accepts reads guarded by isUndefined()', () => {
    // Arrange
    const model = detectorModel([
      state('A', { onEnter: [event('init', 'isUndefined($variable.n)', [setVariable('m', '0')])], transitions: [transition('go', READS_INPUT, 'B')] }),
      state('B', { onEnter: [event('count', undefined, [setVariable('n', '1')])], transitions: [transition('back', READS_INPUT, 'A')] }),
    ]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(problems(issues)).toEqual([]);
  });
});
