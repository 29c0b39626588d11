import { step } from '../../lib/engine';
import { feed, message, model, setVariable, sns } from '../helpers/engine';

describe('step: detector creation', () => {
  it('creates the detector in the initial state and runs its onEnter with the creating message', () => {
    // Arrange
    const compiled = model([
      {
        stateName: 'A',
        onEnter: { events: [{ eventName: 'init', actions: [setVariable('seen', '$input.In.v')] }] },
        onInput: { events: [{ eventName: 'any', condition: 'currentInput("In")' }] },
      },
    ]);
    // Act
    const result = step(compiled, undefined, message('In', '{"v": 7}'), 5000);
    // Assert
    expect(result.snapshot).toMatchObject({ stateName: 'A', variables: { seen: 7n }, creationTime: 5000, lastUpdateTime: 5000 });
    expect(result.traces[0]).toMatchObject({ initialState: undefined, finalState: 'A', messageType: 'CUSTOMER_MESSAGE' });
  });

  it('then runs onInput for the same message', () => {
    const compiled = model([
      {
        stateName: 'A',
        onEnter: { events: [{ eventName: 'init', actions: [setVariable('n', '0')] }] },
        onInput: { events: [{ eventName: 'count', condition: 'currentInput("In")', actions: [setVariable('n', '$variable.n + 1')] }] },
      },
    ]);
    expect(step(compiled, undefined, message('In', '{}'), 0).snapshot?.variables).toEqual({ n: 1n });
  });

  it('takes the key value from the payload for a keyed model', () => {
    const compiled = model([{ stateName: 'A', onInput: { events: [{ eventName: 'e', condition: '$input.In.v > 0' }] } }], { key: 'device.id' });
    expect(step(compiled, undefined, message('In', '{"device": {"id": "pump-7"}}'), 0).snapshot?.keyValue).toBe('pump-7');
  });
});

describe('step: order of a cycle', () => {
  // Records the order in which actions ran by appending to a string variable.
  const log = (name: string) => setVariable('log', `$variable.log + '${name};'`);
  const ordered = model([
    {
      stateName: 'A',
      onEnter: { events: [{ eventName: 'enterA', actions: [setVariable('log', "''")] }] },
      onInput: {
        events: [{ eventName: 'eventA', condition: '$input.In.go', actions: [log('event')] }],
        transitionEvents: [{ eventName: 'toB', condition: '$input.In.go', actions: [log('transition')], nextState: 'B' }],
      },
      onExit: { events: [{ eventName: 'exitA', actions: [log('exit')] }] },
    },
    { stateName: 'B', onEnter: { events: [{ eventName: 'enterB', actions: [log('enter')] }] } },
  ]);

  it('runs event actions, then transition actions, then onExit, then onEnter', () => {
    const { snapshot } = feed(ordered, [message('In', '{"go": false}', '1'), message('In', '{"go": true}', '2')]);
    expect(snapshot).toMatchObject({ stateName: 'B', variables: { log: 'event;transition;exit;enter;' } });
  });

  it('fires only the first true transition and reports the later ones as skipped', () => {
    // Arrange
    const compiled = model([
      {
        stateName: 'A',
        onInput: {
          transitionEvents: [
            { eventName: 'first', condition: 'false', nextState: 'B' },
            { eventName: 'second', condition: '$input.In.v > 0', nextState: 'B' },
            { eventName: 'third', condition: 'true', nextState: 'C' },
          ],
        },
      },
      { stateName: 'B' },
      { stateName: 'C' },
    ]);
    // Act
    const result = step(compiled, undefined, message('In', '{"v": 1}'), 0);
    // Assert
    expect(result.snapshot?.stateName).toBe('B');
    expect(result.traces[0].conditionEvaluationResults).toEqual([
      { result: 'False', eventName: 'first', state: 'A', lifeCycle: 'OnInput', hasTransition: true },
      { result: 'True', eventName: 'second', state: 'A', lifeCycle: 'OnInput', hasTransition: true },
      { result: 'Skipped', eventName: 'third', state: 'A', lifeCycle: 'OnInput', hasTransition: true, resultDetails: 'Skipped due to transition from second event' },
    ]);
  });

  it('re-runs onExit and onEnter on a transition to the same state', () => {
    const compiled = model([
      {
        stateName: 'A',
        onEnter: { events: [{ eventName: 'enter', actions: [setVariable('entries', 'isUndefined($variable.entries) || $variable.entries == 0')] }] },
        onInput: { transitionEvents: [{ eventName: 'again', condition: 'currentInput("In")', nextState: 'A' }] },
        onExit: { events: [{ eventName: 'exit', actions: [setVariable('exits', '1')] }] },
      },
    ]);
    const result = step(compiled, undefined, message('In', '{}'), 0);
    expect(result.traces[0].conditionEvaluationResults.map((r) => `${r.lifeCycle}:${r.eventName}:${r.result}`)).toEqual([
      'OnEnter:enter:True',
      'OnInput:again:True',
      'OnExit:exit:True',
      'OnEnter:enter:True',
    ]);
    expect(result.snapshot?.variables.exits).toBe(1n);
  });

  it('puts the old state in onExit payloads and the new state in onEnter payloads', () => {
    const compiled = model([
      { stateName: 'A', onInput: { transitionEvents: [{ eventName: 'go', condition: '$input.In.x == 1', nextState: 'B' }] }, onExit: { events: [{ eventName: 'left', actions: [sns()] }] } },
      { stateName: 'B', onEnter: { events: [{ eventName: 'arrived', actions: [sns()] }] } },
    ]);
    const result = step(compiled, undefined, message('In', '{"x": 1}'), 0);
    const states = result.effects.map((e) => (e.type === 'sns' ? JSON.parse(e.payload.text).payload.state.stateName : undefined));
    expect(states).toEqual(['A', 'B']);
  });
});

describe('step: BATCH and SERIAL evaluation', () => {
  const states = [
    {
      stateName: 'A',
      onEnter: { events: [{ eventName: 'init', actions: [setVariable('n', '0')] }] },
      onInput: {
        events: [
          { eventName: 'inc', condition: 'currentInput("In")', actions: [setVariable('n', '$variable.n + 1')] },
          { eventName: 'seesOne', condition: '$variable.n == 1', actions: [setVariable('saw', 'true')] },
        ],
        transitionEvents: [{ eventName: 'done', condition: '$variable.n >= 1', nextState: 'B' }],
      },
    },
    { stateName: 'B' },
  ];

  it('BATCH: every condition of a group sees the variables as they were before its actions', () => {
    const result = step(model(states), undefined, message('In', '{}'), 0);
    expect(result.snapshot).toMatchObject({ stateName: 'A', variables: { n: 1n } });
    expect(result.snapshot?.variables.saw).toBeUndefined();
  });

  it('SERIAL: each condition sees the actions of the events before it, transitions included', () => {
    const result = step(model(states, { evaluationMethod: 'SERIAL' }), undefined, message('In', '{}'), 0);
    expect(result.snapshot).toMatchObject({ stateName: 'B', variables: { n: 1n, saw: true } });
  });

  it('BATCH: later actions of the same event see earlier ones', () => {
    const compiled = model([{ stateName: 'A', onInput: { events: [{ eventName: 'e', condition: 'currentInput("In")', actions: [setVariable('a', '2'), setVariable('b', '$variable.a * 10')] }] } }]);
    expect(step(compiled, undefined, message('In', '{}'), 0).snapshot?.variables).toEqual({ a: 2n, b: 20n });
  });
});

describe('step: invalid data never throws', () => {
  it('records an invalid condition as false with a diagnostic naming the path and position', () => {
    const compiled = model([{ stateName: 'A', onInput: { events: [{ eventName: 'bad', condition: "$input.In.v + 'x' > 1", actions: [setVariable('x', '1')] }] } }]);
    const result = step(compiled, undefined, message('In', '{"v": 5}'), 0);
    expect(result.snapshot?.variables.x).toBeUndefined();
    expect(result.traces[0].diagnostics).toEqual([
      {
        level: 'ERROR',
        code: 'condition.invalid',
        message: "condition is invalid: operator '+' cannot be applied to Integer and String at 0",
        path: 'states[0].onInput.events[0].condition',
        span: { start: 0, end: 17 },
      },
    ]);
    expect(result.traces[0].conditionEvaluationResults[0]).toMatchObject({ result: 'False', resultDetails: expect.stringMatching(/^invalid: /) });
  });

  it('leaves a variable unchanged when its new value is invalid or undefined', () => {
    const compiled = model([
      {
        stateName: 'A',
        onEnter: { events: [{ eventName: 'init', actions: [setVariable('v', '1')] }] },
        onInput: { events: [{ eventName: 'e', condition: 'currentInput("In")', actions: [setVariable('v', "'a' + 1"), setVariable('v', '$input.In.missing')] }] },
      },
    ]);
    const result = step(compiled, undefined, message('In', '{}'), 0);
    expect(result.snapshot?.variables.v).toBe(1n);
    expect(result.traces[0].diagnostics.map((d) => d.code)).toEqual(['setVariable.invalid', 'setVariable.undefined']);
  });

  it('does not modify the snapshot it was given', () => {
    const compiled = model([{ stateName: 'A', onInput: { events: [{ eventName: 'e', condition: 'currentInput("In")', actions: [setVariable('n', '1')] }] } }]);
    const first = step(compiled, undefined, message('In', '{}', 'a'), 0).snapshot!;
    const frozen = JSON.stringify(first, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    step(compiled, first, message('In', '{"other": true}', 'b'), 1000);
    expect(JSON.stringify(first, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(frozen);
  });
});

describe('step: retained inputs', () => {
  const compiled = model([
    {
      stateName: 'A',
      onInput: { events: [{ eventName: 'both', condition: '$input.P.p > 70 && $input.T.t > 30', actions: [setVariable('alarm', 'true')] }] },
    },
  ]);

  it('reads the latest message of each input, as the crane example needs', () => {
    const { snapshot } = feed(compiled, [message('P', '{"p": 80}', '1'), message('T', '{"t": 40}', '2')]);
    expect(snapshot?.variables.alarm).toBe(true);
  });

  it('reads only the current message with inputScope currentOnly', () => {
    const { snapshot } = feed(compiled, [message('P', '{"p": 80}', '1'), message('T', '{"t": 40}', '2')], { inputScope: 'currentOnly' });
    expect(snapshot?.variables.alarm).toBeUndefined();
  });

  it('replaces a retained payload whole, not field by field', () => {
    const replaced = model([{ stateName: 'A', onInput: { events: [{ eventName: 'e', condition: 'isUndefined($input.P.old)', actions: [setVariable('gone', 'true')] }] } }]);
    const { snapshot } = feed(replaced, [message('P', '{"old": 1}', '1'), message('P', '{"new": 1}', '2')]);
    expect(snapshot?.variables.gone).toBe(true);
  });
});

describe('step: model updates', () => {
  const v1 = model([{ stateName: 'A', onInput: { transitionEvents: [{ eventName: 'go', condition: '$input.In.go', nextState: 'B' }] } }, { stateName: 'B' }]);

  it('keeps a detector whose state still exists, moving it to the new version', () => {
    const first = step(v1, undefined, message('In', '{"go": true}', '1'), 0).snapshot!;
    const v2 = { ...model([{ stateName: 'B', onInput: { events: [{ eventName: 'e', condition: '$input.In.go' }] } }]), version: '2' };
    const result = step(v2, first, message('In', '{"go": false}', '2'), 1000);
    expect(result.snapshot).toMatchObject({ stateName: 'B', detectorModelVersion: '2', creationTime: 0 });
  });

  it('replaces a detector whose state no longer exists with a new one', () => {
    const first = step(v1, undefined, message('In', '{"go": true}', '1'), 0).snapshot!;
    const v2 = { ...model([{ stateName: 'C', onInput: { events: [{ eventName: 'e', condition: '$input.In.go' }] } }]), version: '2' };
    const result = step(v2, first, message('In', '{"go": false}', '2'), 1000);
    expect(result.snapshot).toMatchObject({ stateName: 'C', detectorModelVersion: '2', creationTime: 1000 });
  });
});
