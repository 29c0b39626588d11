import { step, type ActionEffect } from '../../lib/engine';
import type { Action } from '../../lib/model';
import { message, model } from '../helpers/engine';

/** Runs one action on a message to a keyed detector and returns the effect and diagnostics. */
function resolve(action: Action, payload = '{"id": "dev-1", "t": 21.5, "n": 7, "name": "pump"}') {
  const compiled = model(
    [
      {
        stateName: 'Running',
        onInput: { events: [{ eventName: 'fire', condition: 'currentInput("In")', actions: [{ setVariable: { variableName: 'v', value: '20.0' } }, action] }] },
      },
    ],
    { key: 'id' },
  );
  const result = step(compiled, undefined, message('In', payload, 'msg-1'), 1_700_000_000_123);
  return { effect: result.effects[0] as ActionEffect | undefined, diagnostics: result.traces[0].diagnostics };
}

const custom = (contentExpression: string, type: 'JSON' | 'STRING' = 'JSON') => ({ contentExpression, type });

describe('external actions', () => {
  it('resolves sns with the default payload', () => {
    const { effect } = resolve({ sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:alerts' } });
    expect(effect).toMatchObject({
      type: 'sns',
      targetArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
      eventName: 'fire',
      detectorModelName: 'test',
      detectorModelVersion: '1',
      keyValue: 'dev-1',
      time: 1_700_000_000_123,
      path: 'states[0].onInput.events[0].actions[1]',
    });
    if (effect?.type !== 'sns') throw new Error('expected sns');
    expect(effect.payload.type).toBe('JSON');
    expect(effect.payload.text).toBe(
      `{"eventTime":1700000000123,"payload":{"actionExecutionId":"${effect.actionExecutionId}",` +
        '"detector":{"detectorModelName":"test","keyValue":"dev-1","detectorModelVersion":"1"},' +
        '"eventTriggerDetails":{"inputName":"In","messageId":"msg-1","triggerType":"Message"},' +
        '"state":{"stateName":"Running","variables":{"v":20.0},"timers":{}}},"eventName":"fire"}',
    );
  });

  it('leaves keyValue out of the default payload of a singleton model', () => {
    const compiled = model([{ stateName: 'A', onInput: { events: [{ eventName: 'e', condition: 'currentInput("In")', actions: [{ sns: { targetArn: 'arn' } }] }] } }]);
    const [effect] = step(compiled, undefined, message('In', '{}'), 0).effects;
    expect(effect.keyValue).toBeUndefined();
    expect(effect.type === 'sns' && JSON.parse(effect.payload.text).payload.detector).toEqual({ detectorModelName: 'test', detectorModelVersion: '1' });
  });

  it('evaluates a custom JSON payload, keeping decimals', () => {
    const { effect } = resolve({ sqs: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', useBase64: true, payload: custom(`'{"t": \${$input.In.t}, "v": \${$variable.v}}'`) } });
    expect(effect).toMatchObject({ type: 'sqs', queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', useBase64: true, payload: { type: 'JSON', text: '{"t": 21.5, "v": 20.0}' } });
  });

  it('sends a STRING payload as is', () => {
    const { effect } = resolve({ lambda: { functionArn: 'arn:aws:lambda:us-east-1:1:function:f', payload: custom("'pump ' + $input.In.name", 'STRING') } });
    expect(effect).toMatchObject({ type: 'lambda', functionArn: 'arn:aws:lambda:us-east-1:1:function:f', payload: { type: 'STRING', text: 'pump pump' } });
  });

  it('still sends a JSON payload that does not parse, with a warning, as AWS did', () => {
    const { effect, diagnostics } = resolve({ sns: { targetArn: 'arn', payload: custom("'not json'") } });
    expect(effect).toMatchObject({ payload: { type: 'JSON', text: 'not json' } });
    expect(diagnostics).toEqual([expect.objectContaining({ level: 'WARNING', code: 'payload.notJson' })]);
  });

  it.each([
    ['$input.In.n', 'payload.type', 'sns action not run: payload must be a String, got Integer'],
    ["'a' + 1", 'payload.invalid', "sns action not run: payload is invalid: operator '+' cannot be applied to String and Integer at 0"],
    ['$input.In.big', 'payload.size', 'sns action not run: payload is 1100 bytes; the limit is 1024'],
  ])('does not run an action whose payload %s is unusable', (content, code, text) => {
    const payload = `{"id": "dev-1", "n": 7, "big": "${'x'.repeat(1100)}"}`;
    const { effect, diagnostics } = resolve({ sns: { targetArn: 'arn', payload: custom(content, 'STRING') } }, payload);
    expect(effect).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ level: 'ERROR', code, message: text })]);
  });

  it('evaluates an mqttTopic written as an expression, and takes a plain one verbatim', () => {
    expect(resolve({ iotTopicPublish: { mqttTopic: "'alerts/' + $input.In.id" } }).effect).toMatchObject({ mqttTopic: 'alerts/dev-1' });
    expect(resolve({ iotTopicPublish: { mqttTopic: '$aws/things/freezer/shadow/update' } }).effect).toMatchObject({ mqttTopic: '$aws/things/freezer/shadow/update' });
    expect(resolve({ iotTopicPublish: { mqttTopic: 'hvac/Heating/Off' } }).effect).toMatchObject({ mqttTopic: 'hvac/Heating/Off' });
  });

  it('resolves iotEvents and firehose', () => {
    expect(resolve({ iotEvents: { inputName: 'Escalations' } }).effect).toMatchObject({ type: 'iotEvents', inputName: 'Escalations' });
    expect(resolve({ firehose: { deliveryStreamName: 'stream', separator: '\n' } }).effect).toMatchObject({ type: 'firehose', deliveryStreamName: 'stream', separator: '\n' });
  });

  it('resolves dynamoDB with AWS defaults for type, operation and payload field', () => {
    const { effect } = resolve({ dynamoDB: { tableName: "'Readings'", hashKeyField: "'deviceId'", hashKeyValue: '$input.In.id', rangeKeyField: "'n'", rangeKeyValue: '$input.In.n' } });
    expect(effect).toMatchObject({
      type: 'dynamoDB',
      tableName: 'Readings',
      hashKeyField: 'deviceId',
      hashKeyValue: 'dev-1',
      hashKeyType: 'STRING',
      rangeKeyField: 'n',
      rangeKeyValue: '7',
      rangeKeyType: 'STRING',
      operation: 'INSERT',
      payloadField: 'payload',
      payload: { type: 'JSON' },
    });
  });

  it('rejects a dynamoDB operation AWS does not know', () => {
    const { effect, diagnostics } = resolve({ dynamoDB: { tableName: "'T'", hashKeyField: "'k'", hashKeyValue: "'v'", operation: "'UPSERT'" } });
    expect(effect).toBeUndefined();
    expect(diagnostics[0].message).toBe("dynamoDB action not run: 'UPSERT' is not one of INSERT, UPDATE, DELETE");
  });

  it('resolves dynamoDBv2', () => {
    expect(resolve({ dynamoDBv2: { tableName: "'T'", payload: custom(`'{"id": "\${$input.In.id}"}'`) } }).effect).toMatchObject({
      type: 'dynamoDBv2',
      tableName: 'T',
      payload: { type: 'JSON', text: '{"id": "dev-1"}' },
    });
  });

  it('resolves iotSiteWise, defaulting the entry id and timestamp to the execution', () => {
    const { effect } = resolve({ iotSiteWise: { propertyAlias: "'/plant/${$input.In.id}/temp'", propertyValue: { value: { doubleValue: '$input.In.t' }, quality: "'GOOD'" } } });
    if (effect?.type !== 'iotSiteWise') throw new Error('expected iotSiteWise');
    expect(effect).toMatchObject({
      entryId: effect.actionExecutionId,
      propertyAlias: '/plant/dev-1/temp',
      propertyValue: { value: { doubleValue: 21.5 }, timestamp: { timeInSeconds: 1_700_000_000, offsetInNanos: 123_000_000 }, quality: 'GOOD' },
    });
  });

  it('types SiteWise integer and Boolean values', () => {
    const value = (v: Record<string, string>) => {
      const { effect } = resolve({ iotSiteWise: { assetId: "'a'", propertyId: "'p'", propertyValue: { value: v, timestamp: { timeInSeconds: "'1586400675'" } } } });
      return effect?.type === 'iotSiteWise' ? effect.propertyValue : undefined;
    };
    expect(value({ integerValue: '$input.In.n' })).toMatchObject({ value: { integerValue: 7 }, timestamp: { timeInSeconds: 1_586_400_675, offsetInNanos: 0 } });
    expect(value({ booleanValue: "'TRUE'" })).toMatchObject({ value: { booleanValue: true } });
  });

  it('does not run an action with an undefined field', () => {
    const { effect, diagnostics } = resolve({ dynamoDB: { tableName: '$input.In.table', hashKeyField: "'k'", hashKeyValue: "'v'" } });
    expect(effect).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'action.field', message: 'dynamoDB action not run: tableName is undefined', path: 'states[0].onInput.events[0].actions[1].dynamoDB.tableName' });
  });

  it('gives each action execution its own deterministic id', () => {
    const compiled = model([{ stateName: 'A', onInput: { events: [{ eventName: 'e', condition: 'currentInput("In")', actions: [{ sns: { targetArn: 'a' } }, { sns: { targetArn: 'b' } }] }] } }]);
    const once = step(compiled, undefined, message('In', '{}', 'x'), 0).effects.map((e) => e.actionExecutionId);
    const again = step(compiled, undefined, message('In', '{}', 'x'), 0).effects.map((e) => e.actionExecutionId);
    expect(new Set(once).size).toBe(2);
    expect(again).toEqual(once);
  });
});
