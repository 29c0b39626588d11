import { validateModel } from '../../lib/model/validate';
import { READS_INPUT, at, detectorModel, event, setTimer, setVariable, sns, state, transition } from './helpers';

const times = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));
const ACTION = 'states[0].onInput.events[0].actions';

/** A model whose only event (reading the input) runs `actions`. */
function withActions(...actions: unknown[]): Record<string, unknown> {
  return detectorModel([state('Idle', { onInput: [event('e', READS_INPUT, actions)] })]);
}

describe('validateModel: service limits', () => {
  it('reports more than 20 states', () => {
    // Arrange
    const states = times(21, (i) => state(`S${i}`, { transitions: [transition('next', READS_INPUT, `S${(i + 1) % 21}`)] }));

    // Act
    const issues = validateModel(detectorModel(states));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'service-limits', path: 'states', message: 'the model has 21 states; the limit is 20: merge states or split the model' },
    ]);
  });

  it('reports more than 20 events in a lifecycle and more than 20 transitions in a state', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onEnter: times(21, (i) => event(`enter${i}`)),
      onInput: times(20, (i) => event(`input${i}`, READS_INPUT)),
      transitions: times(21, (i) => transition(`t${i}`, READS_INPUT, 'Idle')),
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'service-limits', path: 'states[0].onEnter.events', message: 'onEnter has 21 events; the limit is 20' },
      { type: 'service-limits', path: 'states[0].onInput.transitionEvents', message: 'the state has 21 transition events; the limit is 20' },
    ]);
  });

  it('reports more than 10 actions in one event', () => {
    // Act
    const issues = validateModel(withActions(...times(11, () => sns())));

    // Assert
    expect(at('ERROR', issues)).toEqual([{
      type: 'service-limits', path: ACTION,
      message: 'the event has 11 actions; the limit is 10: move some to another event with the same condition',
    }]);
  });

  it('reports a condition over 512 characters and expressions over 1024', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onInput: [event('long', READS_INPUT + ' '.repeat(513 - READS_INPUT.length), [
        setVariable('x', `1${' '.repeat(1024)}`),
        setTimer('t', `60${' '.repeat(1023)}`),
      ])],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'service-limits', path: 'states[0].onInput.events[0].condition', message: 'the condition is 513 characters long; the limit is 512' },
      { type: 'service-limits', path: `${ACTION}[0].setVariable.value`, message: 'value is 1025 characters long; the limit is 1024' },
      { type: 'service-limits', path: `${ACTION}[1].setTimer.durationExpression`, message: 'durationExpression is 1025 characters long; the limit is 1024' },
    ]);
  });

  it('measures the payload limit in UTF-8 bytes, not characters', () => {
    // Arrange: 514 characters each, but the second is 1026 bytes long
    const ascii = `'${'e'.repeat(512)}'`;
    const accented = `'${'é'.repeat(512)}'`;

    // Act
    const issues = validateModel(withActions(sns({ contentExpression: ascii, type: 'STRING' }), sns({ contentExpression: accented, type: 'STRING' })));

    // Assert
    expect(at('ERROR', issues)).toEqual([{
      type: 'service-limits', path: `${ACTION}[1].sns.payload.contentExpression`,
      message: 'the content expression is 1026 bytes long (UTF-8); the limit is 1024 bytes',
    }]);
  });

  it('warns when the model uses more than 50 variables or 5 timers', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onEnter: [event('vars', undefined, times(10, (i) => setVariable(`v${i}`, '0')))],
      onInput: [
        ...times(5, (i) => event(`more${i}`, READS_INPUT, times(9, (j) => setVariable(`w${i}_${j}`, '0')))),
        event('timers', READS_INPUT, times(6, (i) => setTimer(`t${i}`, 60))),
      ],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('WARNING', issues).filter((found) => found.type === 'service-limits')).toEqual([
      {
        type: 'service-limits', path: 'states[0].onInput.events[4].actions[4].setVariable.variableName',
        message: 'the model sets 55 different variables; the default quota "State variables per detector model" is 50: use fewer variables, or raise the quota for this deployment',
      },
      {
        type: 'service-limits', path: 'states[0].onInput.events[5].actions[5].setTimer.timerName',
        message: 'the model sets 6 different timers; the default quota "Timers scheduled per detector" is 5: use fewer timers, or raise the quota for this deployment',
      },
    ]);
  });
});

describe('validateModel: timer durations', () => {
  it('reports a timer shorter than 60 seconds or longer than 366 days', () => {
    // Act
    const issues = validateModel(withActions(setTimer('short', 59), setTimer('ok', 60), setTimer('long', 31622401)));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'service-limits', path: `${ACTION}[0].setTimer.seconds`, message: 'seconds is 59; a timer should be at least 60 seconds long' },
      { type: 'service-limits', path: `${ACTION}[2].setTimer.seconds`, message: 'seconds is 31622401; a timer can be at most 31622400 seconds (366 days) long' },
    ]);
  });

  it('accepts shorter timers when minTimerSeconds is lowered, but never below one second', () => {
    // Act
    const issues = validateModel(withActions(setTimer('fast', 5), setTimer('zero', 0)), { minTimerSeconds: 0 });

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'service-limits', path: `${ACTION}[1].setTimer.seconds`, message: 'seconds is 0; a timer should be at least 1 second long' },
    ]);
  });

  it('reports a constant durationExpression below the minimum, rounding down like AWS', () => {
    // Act
    const issues = validateModel(withActions(setTimer('a', '30'), setTimer('b', '59.99'), setTimer('c', '2 * 30'), setTimer('d', '$input.Sensor.delay')));

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'service-limits', path: `${ACTION}[0].setTimer.durationExpression`, message: 'durationExpression always gives 30 seconds; a timer should be at least 60 seconds long' },
      { type: 'service-limits', path: `${ACTION}[1].setTimer.durationExpression`, message: 'durationExpression always gives 59 seconds; a timer should be at least 60 seconds long' },
    ]);
  });
});
