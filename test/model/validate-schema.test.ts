import { validateModel } from '../../lib/model/validate';
import { READS_INPUT, at, detectorModel, event, state, summary, transition, validModel } from './helpers';

describe('validateModel: the request', () => {
  it('reports nothing for a small valid model', () => {
    // Arrange
    const model = validModel();

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([]);
  });

  it.each([
    [null, 'null'],
    [[], 'an array'],
    ['model', 'a string'],
    [42, 'the number 42'],
  ])('reports one root error when the request is %j', (request, described) => {
    // Act
    const issues = validateModel(request);

    // Assert
    expect(issues).toEqual([{
      type: 'structure', level: 'ERROR', path: '',
      message: `a CreateDetectorModel request must be a JSON object with detectorModelName and detectorModelDefinition, not ${described}`,
    }]);
  });

  it('reports the missing name and definition of an empty request', () => {
    // Act
    const issues = validateModel({});

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'detectorModelName', message: "detectorModelName is required: give a string of 1–128 characters: only letters, digits, '_' and '-'" },
      { type: 'structure', path: 'detectorModelDefinition', message: 'detectorModelDefinition is required: give {"states": [...], "initialStateName": "..."}' },
    ]);
  });

  it('reports every bad top-level field at once, in model order', () => {
    // Arrange
    const model = {
      ...validModel(),
      detectorModelName: 'motor model',
      detectorModelDescription: 'x'.repeat(1025),
      key: 'sensor..id',
      roleArn: '',
      evaluationMethod: 'PARALLEL',
      tags: [{ key: '', value: 'v' }, 5, { key: 'k', value: 'v'.repeat(257) }],
    };

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'detectorModelName', message: "detectorModelName \"motor model\" is invalid; give a string of 1–128 characters: only letters, digits, '_' and '-'" },
      { type: 'structure', path: 'detectorModelDescription', message: 'detectorModelDescription is 1025 characters long; the limit is 1024' },
      { type: 'structure', path: 'key', message: expect.stringMatching(/^key "sensor\.\.id" is not an attribute path: use 1–128 characters of dot-separated names/) },
      { type: 'structure', path: 'roleArn', message: 'roleArn is empty; give a string of 1–2048 characters' },
      { type: 'structure', path: 'evaluationMethod', message: 'evaluationMethod must be one of "BATCH", "SERIAL"; got "PARALLEL"' },
      { type: 'structure', path: 'tags[0].key', message: 'key is empty; give a string of 1–128 characters' },
      { type: 'structure', path: 'tags[1]', message: 'tags[1] must be an object, not the number 5' },
      { type: 'structure', path: 'tags[2].value', message: 'value is 257 characters long; the limit is 256' },
    ]);
  });

  it('accepts a model without roleArn, since Vigil ignores the role', () => {
    // Arrange
    const model = { ...validModel(), key: 'sensorData.`motor id`', evaluationMethod: 'SERIAL', tags: [{ key: 'team', value: '' }] };

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([]);
  });

  it('reports a name longer than 128 characters', () => {
    // Act
    const issues = validateModel({ ...validModel(), detectorModelName: 'm'.repeat(129) });

    // Assert
    expect(at('ERROR', issues)).toEqual([{ type: 'structure', path: 'detectorModelName', message: 'detectorModelName is 129 characters long; the limit is 128' }]);
  });

  it('reports a key that is not a string', () => {
    // Act
    const issues = validateModel({ ...validModel(), key: 7 });

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'key', message: 'key must be a string naming a payload attribute, such as "motorid", not the number 7' },
    ]);
  });
});

describe('validateModel: the definition', () => {
  it('reports a definition that is not an object', () => {
    // Act
    const issues = validateModel({ detectorModelName: 'm', detectorModelDefinition: [] });

    // Assert
    expect(issues).toEqual([{
      type: 'structure', level: 'ERROR', path: 'detectorModelDefinition',
      message: 'detectorModelDefinition must be an object, not an array: give {"states": [...], "initialStateName": "..."}',
    }]);
  });

  it('reports missing states and initialStateName with paths relative to the definition', () => {
    // Act
    const issues = validateModel({ detectorModelName: 'm', detectorModelDefinition: {} });

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'states', message: 'states is required: give a list' },
      { type: 'structure', path: 'initialStateName', message: 'initialStateName is required: give a string of 1–128 characters' },
    ]);
  });

  it('reports an empty states list', () => {
    // Act
    const issues = validateModel({ detectorModelName: 'm', detectorModelDefinition: { states: [], initialStateName: 'A' } });

    // Assert
    expect(summary(issues)).toEqual(['ERROR structure states', 'ERROR structure initialStateName']);
    expect(issues[0].message).toBe('states is empty; a detector model needs at least one state');
  });

  it('reports states that are not objects or have bad names', () => {
    // Arrange
    const model = detectorModel([state('Idle', { onInput: [event('e', READS_INPUT)] }), 'Busy' as never, state('bad name'), { onEnter: {} }]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'states[1]', message: 'each state must be an object with a stateName, not a string' },
      { type: 'structure', path: 'states[2].stateName', message: "stateName \"bad name\" is invalid; give a string of 1–128 characters: only letters, digits, '_' and '-'" },
      { type: 'structure', path: 'states[3].stateName', message: "stateName is required: give a string of 1–128 characters: only letters, digits, '_' and '-'" },
    ]);
  });

  it('reports lifecycles and event lists of the wrong shape', () => {
    // Arrange
    const model = detectorModel([{
      stateName: 'Idle',
      onEnter: [],
      onInput: { events: {}, transitionEvents: [event('e', READS_INPUT)] },
      onExit: { events: 'none' },
    }]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'states[0].onEnter', message: 'onEnter must be an object, not an array' },
      { type: 'structure', path: 'states[0].onInput.events', message: 'events must be a list, not an object' },
      { type: 'structure', path: 'states[0].onInput.transitionEvents[0].nextState', message: 'nextState is required: give a string of 1–128 characters' },
      { type: 'structure', path: 'states[0].onExit.events', message: 'events must be a list, not a string' },
    ]);
  });

  it('accepts empty event lists, as the blueprints use them', () => {
    // Arrange
    const model = detectorModel([{
      stateName: 'Idle',
      onEnter: { events: [] },
      onInput: { events: [event('e', READS_INPUT)], transitionEvents: [] },
      onExit: { events: [] },
    }]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([]);
  });

  it('reports events without a name, with a non-string condition, or that are not objects', () => {
    // Arrange
    const model = detectorModel([state('Idle', {
      onInput: [{ condition: READS_INPUT }, event('n'.repeat(129), READS_INPUT), { eventName: 'e', condition: true }, null, event('ok', READS_INPUT, {} as never)],
    })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'states[0].onInput.events[0].eventName', message: 'eventName is required: give a string of at most 128 characters' },
      { type: 'structure', path: 'states[0].onInput.events[1].eventName', message: 'eventName is 129 characters long; the limit is 128' },
      { type: 'structure', path: 'states[0].onInput.events[2].condition', message: 'condition must be a string, not the boolean true' },
      { type: 'structure', path: 'states[0].onInput.events[3]', message: 'each event must be an object with an eventName, not null' },
      { type: 'structure', path: 'states[0].onInput.events[4].actions', message: 'actions must be a list, not an object' },
    ]);
  });

  it('accepts event names with spaces, repeated names, and events without a condition', () => {
    // Arrange
    const model = detectorModel([state('Idle', { onInput: [event('Pressure Okay', READS_INPUT), event('Pressure Okay', READS_INPUT), event('always')] })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues).toEqual([]);
  });

  it('reports a transition without a condition or nextState', () => {
    // Arrange
    const model = detectorModel([
      state('Idle', { onInput: [event('e', READS_INPUT)], transitions: [{ eventName: 'go', nextState: 'Idle' }, { eventName: 'stay', condition: READS_INPUT, nextState: 5 }] }),
    ]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'states[0].onInput.transitionEvents[0].condition', message: 'a transition event needs a condition; use "true" to always take it' },
      { type: 'structure', path: 'states[0].onInput.transitionEvents[1].nextState', message: 'nextState must be a string of 1–128 characters, not the number 5' },
    ]);
  });

  it('reports a transition whose nextState is empty', () => {
    // Arrange
    const model = detectorModel([state('Idle', { transitions: [transition('go', READS_INPUT, '')] })]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'states[0].onInput.transitionEvents[0].nextState', message: 'nextState is empty; give a string of 1–128 characters' },
    ]);
  });
});
