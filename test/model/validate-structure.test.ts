import { validateModel } from '../../lib/model/validate';
import { READS_INPUT, at, detectorModel, event, setTimer, setVariable, sns, state, summary, transition } from './helpers';

describe('validateModel: states and transitions', () => {
  it('reports a transition to a state that does not exist, listing the known states', () => {
    // Arrange
    const model = detectorModel([state('Normal', { transitions: [transition('alarm', READS_INPUT, 'Alarmed')] }), state('Alarming')]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([{
      type: 'structure', path: 'states[0].onInput.transitionEvents[0].nextState',
      message: 'nextState "Alarmed" is not the name of a state; known states: Normal, Alarming',
    }]);
  });

  it('reports each duplicate state name after the first', () => {
    // Arrange
    const model = detectorModel([state('A', { transitions: [transition('t', READS_INPUT, 'B')] }), state('B'), state('A'), state('A')]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'states[2].stateName', message: 'duplicate state name "A", first used by states[0]: state names must be unique' },
      { type: 'structure', path: 'states[3].stateName', message: 'duplicate state name "A", first used by states[0]: state names must be unique' },
    ]);
  });

  it('reports an initialStateName that names no state', () => {
    // Arrange
    const model = detectorModel([state('Idle', { onInput: [event('e', READS_INPUT)] })]);
    (model.detectorModelDefinition as Record<string, unknown>).initialStateName = 'Start';

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([{
      type: 'structure', level: 'ERROR', path: 'initialStateName',
      message: 'initialStateName "Start" is not the name of a state; known states: Idle',
    }]);
  });

  it('reports a model whose conditions read no input, even when an action does', () => {
    // Arrange
    const model = detectorModel([state('Idle', { onInput: [event('always', 'true', [setVariable('v', '$input.Sensor.value')])] })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([{
      type: 'structure', path: 'states',
      message: 'Detector Model Definition must use at least one Input in a condition: messages reach a model only through the inputs its conditions read, ' +
        'e.g. $input.MyInput.value > 10 or currentInput("MyInput")',
    }]);
  });

  it('counts currentInput() as reading an input', () => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', { onInput: [event('ping', 'currentInput("Heartbeat")')] })]));

    // Assert
    expect(issues).toEqual([]);
  });

  it('does not add the missing-input error when the only input-reading condition fails to parse', () => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', { onInput: [event('broken', '$input.Sensor.value >')] })]));

    // Assert
    expect(summary(issues)).toEqual(['ERROR expression-syntax states[0].onInput.events[0].condition']);
  });

  it('warns about a state that no transition reaches from the initial state', () => {
    // Arrange
    const model = detectorModel([
      state('Normal', { transitions: [transition('alarm', READS_INPUT, 'Alarming')] }),
      state('Alarming', { transitions: [transition('clear', READS_INPUT, 'Normal')] }),
      state('Maintenance', { transitions: [transition('done', READS_INPUT, 'Normal')] }),
    ]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([{
      type: 'structure', level: 'WARNING', path: 'states[2]',
      message: 'state "Maintenance" is unreachable: no chain of transitions leads to it from the initial state "Normal"; add a transition to it or remove it',
    }]);
  });

  it('warns about events and transitions whose condition is a constant other than true', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onInput: [event('off', 'false', [sns()]), event('arithmetic', '1 > 2'), event('number', '5'), event('fine', READS_INPUT), event('on', 'true || 1 > 2')],
      transitions: [transition('never', '!true', 'Idle')],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('WARNING', issues)).toEqual([
      { type: 'structure', path: 'states[0].onInput.events[0]', message: 'event "off" never runs: its condition is always false, so its actions are unreachable; fix the condition or remove the event' },
      { type: 'structure', path: 'states[0].onInput.events[1]', message: 'event "arithmetic" never runs: its condition is always false, so its actions are unreachable; fix the condition or remove the event' },
      { type: 'structure', path: 'states[0].onInput.events[2]', message: 'event "number" never runs: its condition is always 5, never true, so its actions are unreachable; fix the condition or remove the event' },
      { type: 'structure', path: 'states[0].onInput.transitionEvents[0]', message: 'transition "never" is never taken: its condition is always false, so its actions are unreachable; fix the condition or remove the event' },
    ]);
  });
});

describe('validateModel: timer cycles', () => {
  const TIMER_READ = /^An input attribute is being read, but this may be caused by a timer expiration: on a timer cycle \$input\.Sensor\.value still holds the last message's value; to react to new messages only, start the condition with currentInput\("Sensor"\) && or triggerType\("Message"\) &&$/;

  it('warns when an onInput condition reads an input in a model that sets a timer', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onEnter: [event('arm', 'true', [setTimer('check', 300)])],
      onInput: [event('high', READS_INPUT)],
      transitions: [transition('expired', 'timeout("check")', 'Idle')],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([{
      type: 'structure', level: 'WARNING', path: 'states[0].onInput.events[0].condition', message: expect.stringMatching(TIMER_READ), span: { start: 0, end: 19 },
    }]);
  });

  it('accepts input reads guarded by triggerType or currentInput, and reads in onEnter', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onEnter: [event('arm', READS_INPUT, [setTimer('check', 300)])],
      onInput: [event('a', `triggerType("Message") && ${READS_INPUT}`), event('b', `currentInput("Sensor") && ${READS_INPUT}`)],
      transitions: [transition('expired', 'timeout("check")', 'Idle')],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([]);
  });

  it('says nothing about input reads when the model sets no timer', () => {
    // Act
    const issues = validateModel(detectorModel([state('Idle', { onInput: [event('high', READS_INPUT, [sns()])] })]));

    // Assert
    expect(issues).toEqual([]);
  });

  it('warns when an onInput event that ignores the message sends a message on every timer cycle', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onEnter: [event('arm', undefined, [setTimer('check', 300)])],
      onInput: [
        event('always', undefined, [sns(), { lambda: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } }]),
        event('counted', '$variable.count > 3', [sns()]),
        event('bookkeeping', undefined, [setVariable('count', '0')]),
        event('expired', 'timeout("check")', [sns()]),
        event('guarded', `currentInput("Sensor")`, [sns()]),
      ],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    const message = (name: string, actions: string) => 'An expiring timer can cause an unexpected amount of messages to be sent: ' +
      `event "${name}" runs ${actions} on every evaluation, timer expiries included, because its condition does not depend on the message. Guard it with triggerType("Message")`;
    expect(at('WARNING', issues).filter((found) => found.type === 'structure')).toEqual([
      { type: 'structure', path: 'states[0].onInput.events[0]', message: message('always', 'sns, lambda') },
      { type: 'structure', path: 'states[0].onInput.events[1]', message: message('counted', 'sns') },
    ]);
  });
});

describe('validateModel: many problems at once', () => {
  it('reports every problem of a broken model in one pass, errors first, each level in model order', () => {
    // Arrange
    const model = detectorModel([
      state('Idle', {
        onInput: [event('read', `${READS_INPUT} &&`, [{ setVariable: { variableName: 'x', value: '1' }, sns: {} }])],
        transitions: [transition('go', READS_INPUT, 'Nowhere')],
      }),
      state('Idle', { onInput: [event('loop', 'false', [setTimer('t', 10)])] }),
    ], { detectorModelName: 'bad name' });

    // Act
    const issues = validateModel(model);

    // Assert
    expect(summary(issues)).toEqual([
      'ERROR structure detectorModelName',
      'ERROR expression-syntax states[0].onInput.events[0].condition',
      'ERROR structure states[0].onInput.events[0].actions[0]',
      'ERROR structure states[0].onInput.events[0].actions[0].sns.targetArn',
      'ERROR structure states[0].onInput.transitionEvents[0].nextState',
      'ERROR structure states[1].stateName',
      'ERROR service-limits states[1].onInput.events[0].actions[0].setTimer.seconds',
      'WARNING structure states[0].onInput.transitionEvents[0].condition',
      'WARNING structure states[1].onInput.events[0]',
      'INFO data-type states[0].onInput.events[0].actions[0].setVariable',
    ]);
  });
});
