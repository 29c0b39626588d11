import { parseTypedJson } from '../../lib/expression';
import { detectorKey, routeMessage } from '../../lib/engine';
import { model } from '../helpers/engine';

const reads = (input: string) => [{ stateName: 'S', onInput: { events: [{ eventName: 'e', condition: `$input.${input}.v > 0` }] } }];

describe('detectorKey', () => {
  const keyed = model(reads('In'), { key: 'meta.`device id`' });

  it.each([
    ['{"meta": {"device id": "pump-7"}}', 'pump-7'],
    ['{"meta": {"device id": 42}}', '42'],
    ['{"meta": {"device id": "a:b_c-d"}}', 'a:b_c-d'],
    ['{"meta": {"device id": "sensor.1 éé"}}', 'sensor.1 éé'],
    ['{"meta": {"device id": 1.5}}', '1.5'],
    ['{"meta": {"device id": 20.0}}', '20.0'],
    ['{"meta": {"device id": "pump-\\ud83d\\ude80"}}', 'pump-\u{1F680}'],
    [`{"meta": {"device id": "${'\\ud83d\\ude80'.repeat(64)}"}}`, '\u{1F680}'.repeat(64)],
  ])('reads the key from %s', (payload, keyValue) => {
    expect(detectorKey(keyed, parseTypedJson(payload))).toEqual({ keyValue });
  });

  it.each([
    ['{"meta": {}}', "the payload has no key attribute 'meta.`device id`' required by detector model test"],
    ['{"meta": {"device id": true}}', "the key attribute 'meta.`device id`' must be a string or a number, got boolean"],
    ['{"meta": {"device id": null}}', "the key attribute 'meta.`device id`' must be a string or a number, got null"],
    ['{"meta": {"device id": "a|b"}}', `the key value "a|b" must be 1–128 characters without control characters, '|' or unpaired surrogates (text that is not valid Unicode)`],
    ['{"meta": {"device id": "line\\nbreak"}}', `the key value "line\\nbreak" must be 1–128 characters without control characters, '|' or unpaired surrogates (text that is not valid Unicode)`],
    ['{"meta": {"device id": ""}}', `the key value "" must be 1–128 characters without control characters, '|' or unpaired surrogates (text that is not valid Unicode)`],
    [`{"meta": {"device id": "${'x'.repeat(129)}"}}`, `the key value "${'x'.repeat(129)}" must be 1–128 characters without control characters, '|' or unpaired surrogates (text that is not valid Unicode)`],
    ['{"meta": {"device id": "a\\ud800"}}', `the key value "a\\ud800" must be 1–128 characters without control characters, '|' or unpaired surrogates (text that is not valid Unicode)`],
    ['{"meta": {"device id": "\\udc00b"}}', `the key value "\\udc00b" must be 1–128 characters without control characters, '|' or unpaired surrogates (text that is not valid Unicode)`],
    ['{"meta": {"device id": "\\ude80\\ud83d"}}', `the key value "\\ude80\\ud83d" must be 1–128 characters without control characters, '|' or unpaired surrogates (text that is not valid Unicode)`],
  ])('refuses %s', (payload, error) => {
    expect(detectorKey(keyed, parseTypedJson(payload))).toEqual({ error });
  });

  it('routes every message of a singleton model to its one detector', () => {
    expect(detectorKey(model(reads('In')), {})).toEqual({ keyValue: undefined });
  });
});

describe('routeMessage', () => {
  it('sends a message to every model that reads its input, each with its own key', () => {
    // Arrange: the crane pattern: one input, models keyed differently, one unrelated model.
    const byCrane = { ...model(reads('Pressure'), { key: 'craneid', detectorModelName: 'crane' }) };
    const byMotor = { ...model(reads('Pressure'), { key: 'motorid', detectorModelName: 'motor' }) };
    const other = model(reads('Temperature'), { detectorModelName: 'other' });
    // Act
    const routes = routeMessage([byCrane, byMotor, other], 'Pressure', parseTypedJson('{"craneid": "c1", "motorid": "m1"}'));
    // Assert
    expect(routes.map((r) => [r.model.name, r.key])).toEqual([['crane', { keyValue: 'c1' }], ['motor', { keyValue: 'm1' }]]);
  });

  it('counts a currentInput() reference as reading the input', () => {
    const guarded = model([{ stateName: 'S', onInput: { events: [{ eventName: 'e', condition: 'currentInput("Beat")' }] } }]);
    expect(routeMessage([guarded], 'Beat', {})).toHaveLength(1);
  });

  it('reports a missing key for that model only', () => {
    const a = model(reads('In'), { key: 'a', detectorModelName: 'a' });
    const b = model(reads('In'), { key: 'b', detectorModelName: 'b' });
    const routes = routeMessage([a, b], 'In', parseTypedJson('{"b": "x"}'));
    expect(routes.map((r) => [r.model.name, r.key.error === undefined])).toEqual([['a', false], ['b', true]]);
  });
});
