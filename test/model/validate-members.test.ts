import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CREATE_DETECTOR_MODEL_REQUEST, CREATE_INPUT_REQUEST } from '../../lib/model/api-shapes';
import { CREATE_ALARM_MODEL_REQUEST, isAlarmModelBody } from '../../lib/model/alarm';
import { checkMembers } from '../../lib/model/check-members';
import { validateInput } from '../../lib/model/validate-input';
import { validateModel } from '../../lib/model/validate';
import { EXAMPLES, READS_INPUT, SENSOR_INPUT, at, detectorModel, event, sns, state, transition, validModel } from './helpers';

const EVENT = 'states[0].onInput.events[0]';
const ACTION = `${EVENT}.actions[0]`;

/** The valid model with one onInput event replaced by `replacement`. */
function withEvent(replacement: Record<string, unknown>): Record<string, unknown> {
  return detectorModel([state('Idle', { onInput: [replacement] })]);
}

describe('validateModel: unknown members', () => {
  it('refuses an event whose misspelled condition would otherwise make it fire on every message', () => {
    // Arrange: the event has no `condition`, which AWS takes as "true"
    const model = withEvent({ eventName: 'high', condtion: READS_INPUT, actions: [sns()] });

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toContainEqual({ type: 'structure', path: `${EVENT}.condtion`, message: "unknown member; did you mean 'condition'?" });
  });

  it('names the transition event member by its full path, as the brief of the check says', () => {
    // Arrange
    const model = detectorModel([
      state('A', { onInput: [event('e', READS_INPUT)] }),
      state('B', { onInput: [event('e', READS_INPUT)] }),
      state('C', { transitions: [transition('ok', READS_INPUT, 'A'), { eventName: 'back', condtion: READS_INPUT, nextState: 'B' }] }),
    ]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'states[2].onInput.transitionEvents[1].condition', message: 'a transition event needs a condition; use "true" to always take it' },
      { type: 'structure', path: 'states[2].onInput.transitionEvents[1].condtion', message: "unknown member; did you mean 'condition'?" },
    ]);
  });

  it.each([
    ['the request', { ...validModel(), evaluationMethd: 'SERIAL' }, 'evaluationMethd', "unknown member; did you mean 'evaluationMethod'?"],
    ['a lifecycle', detectorModel([{ stateName: 'Idle', onInput: { transitonEvents: [], events: [event('e', READS_INPUT)] } }]), 'states[0].onInput.transitonEvents', "unknown member; did you mean 'transitionEvents'?"],
    ['a state, in PascalCase', detectorModel([{ stateName: 'Idle', onInput: { events: [event('e', READS_INPUT)] }, OnExit: {} }]), 'states[0].OnExit', "unknown member; did you mean 'onExit'?"],
    ['a payload', withEvent(event('e', READS_INPUT, [sns({ contentExpresion: "'x'", type: 'STRING', contentExpression: "'x'" })])), `${ACTION}.sns.payload.contentExpresion`, "unknown member; did you mean 'contentExpression'?"],
    ['a DynamoDB action', withEvent(event('e', READS_INPUT, [{ dynamoDB: { hashKeyField: "'k'", hashKeyValue: "'v'", tableName: "'t'", hashKeyTyp: "'STRING'" } }])), `${ACTION}.dynamoDB.hashKeyTyp`, "unknown member; did you mean 'hashKeyType'?"],
    ['a SiteWise value', withEvent(event('e', READS_INPUT, [{ iotSiteWise: { propertyAlias: "'a'", propertyValue: { value: { stringValue: "'v'", strngValue: "'v'" } } } }])), `${ACTION}.iotSiteWise.propertyValue.value.strngValue`, "unknown member; did you mean 'stringValue'?"],
    ['a tag', { ...validModel(), tags: [{ key: 'k', value: 'v', vale: 'w' }] }, 'tags[0].vale', "unknown member; did you mean 'value'?"],
  ])('reports an unknown member of %s with the closest allowed name', (_place, model, where, message) => {
    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toContainEqual({ type: 'structure', path: where, message });
  });

  it('refuses a misspelled timer duration, besides the duration it then lacks', () => {
    // Arrange
    const model = withEvent(event('e', READS_INPUT, [{ setTimer: { timerName: 't', durationExpresion: '300' } }]));

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: `${ACTION}.setTimer`, message: 'setTimer needs a duration: give durationExpression (an expression giving seconds, e.g. "300")' },
      { type: 'structure', path: `${ACTION}.setTimer.durationExpresion`, message: "unknown member; did you mean 'durationExpression'?" },
    ]);
  });

  it('says which members are allowed when no allowed name is close', () => {
    // Arrange
    const model = withEvent({ ...event('e', READS_INPUT), priority: 'high' });

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([{ type: 'structure', path: `${EVENT}.priority`, message: 'unknown member; expected one of eventName, condition, actions' }]);
  });

  it('says an unknown member of the definition is one, since its path is relative to the definition', () => {
    // Arrange
    const model = validModel();
    (model.detectorModelDefinition as Record<string, unknown>).initialStateNme = 'Idle';

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([{ type: 'structure', path: 'initialStateNme', message: "unknown member of detectorModelDefinition; did you mean 'initialStateName'?" }]);
  });

  it('quotes a member name that is not a plain name, and does not mistake inherited names for members', () => {
    // Arrange: JSON.parse makes "__proto__" an own member
    const model = JSON.parse(JSON.stringify(validModel()).replace('"eventName"', '"__proto__":{},"constructor":1,"a.b c":2,"eventName"')) as unknown;

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues).map((found) => found.path)).toEqual([`${EVENT}["a.b c"]`, `${EVENT}.__proto__`, `${EVENT}.constructor`]);
  });

  it('reports the members DescribeDetectorModel returns as read-only warnings, and accepts the model', () => {
    // Arrange: a file exported from AWS with its configuration left in
    const model = { ...validModel(), detectorModelArn: 'arn:aws:iotevents:us-east-1:123456789012:detectorModel/testModel', creationTime: 1560796816.077, detectorModelConfiguration: {} };

    // Act
    const issues = validateModel(model);

    // Assert
    const reason = 'read-only: DescribeDetectorModel returns it, CreateDetectorModel and UpdateDetectorModel do not take it; ignored';
    expect(at('ERROR', issues)).toEqual([]);
    expect(at('WARNING', issues)).toEqual([
      { type: 'structure', path: 'creationTime', message: reason },
      { type: 'structure', path: 'detectorModelArn', message: reason },
      { type: 'structure', path: 'detectorModelConfiguration', message: reason },
    ]);
  });

  it('reports an unknown member holding a very deep value once, without walking into it', () => {
    // Arrange: 100,000 nested arrays under a misspelled member
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const model = withEvent({ ...event('e', READS_INPUT), condtion: deep });

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('ERROR', issues)).toEqual([{ type: 'structure', path: `${EVENT}.condtion`, message: "unknown member; did you mean 'condition'?" }]);
  });
});

describe('validateInput: unknown members', () => {
  it('reports a misspelled attribute member and a read-only one', () => {
    // Arrange
    const input = { ...SENSOR_INPUT, inputArn: 'arn:aws:iotevents:us-east-1:123456789012:input/Sensor', inputDefinition: { attributes: [{ jsonpath: 'value' }] } };

    // Act
    const issues = validateInput(input);

    // Assert
    expect(issues).toContainEqual({ type: 'structure', level: 'ERROR', path: 'inputDefinition.attributes[0].jsonpath', message: "unknown member; did you mean 'jsonPath'?" });
    expect(issues).toContainEqual({ type: 'structure', level: 'WARNING', path: 'inputArn', message: 'read-only: DescribeInput returns it, CreateInput and UpdateInput do not take it; ignored' });
  });
});

describe('checkMembers: the models Vigil ships and the AWS examples', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const files = [
    // Files only, as `npm start` and deploys load them; and the example folders beside them.
    ...['models', 'models/examples/inference'].flatMap((folder) => readdirSync(path.join(ROOT, folder)).filter((file) => file.endsWith('.json')).map((file) => path.join(ROOT, folder, file))),
    ...readdirSync(EXAMPLES).filter((file) => file.endsWith('.json')).map((file) => path.join(EXAMPLES, file)),
  ];
  const models = files.filter((file) => !/inputs|messages|expected/.test(file));
  const inputs = files.filter((file) => /inputs/.test(file));

  it.each(models.map((file) => [path.relative(ROOT, file), file]))('finds no unknown member in the model %s', (_name, file) => {
    // Act
    const body: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const issues = checkMembers(body, isAlarmModelBody(body) ? CREATE_ALARM_MODEL_REQUEST : CREATE_DETECTOR_MODEL_REQUEST);

    // Assert
    expect(issues).toEqual([]);
  });

  it.each(inputs.map((file) => [path.relative(ROOT, file), file]))('finds no unknown member in the inputs %s', (_name, file) => {
    // Act
    const issues = (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).flatMap((input) => checkMembers(input, CREATE_INPUT_REQUEST));

    // Assert
    expect(issues).toEqual([]);
  });
});
