import type { ActionEffect } from '../../../lib/engine';
import type { RetryOptions } from '../../../lib/adapters/dispatch';

type EffectOf<T extends ActionEffect['type']> = Extract<ActionEffect, { type: T }>;
type Overrides<T extends ActionEffect['type']> = Partial<Omit<EffectOf<T>, 'type'>>;

let counter = 0;

/** What every effect carries; each call gets a fresh action execution id. */
function base() {
  counter += 1;
  return {
    actionExecutionId: `5d7444df-a655-3587-a609-${String(counter).padStart(12, '0')}`,
    eventName: 'Pressure Threshold Breached',
    detectorModelName: 'motorDetectorModel',
    detectorModelVersion: '1',
    keyValue: 'Fulton-A32',
    time: 1_700_000_000_123,
    path: 'states[0].onInput.events[0].actions[0]',
  };
}

/** A JSON payload, as the engine resolves it. */
export const json = (text: string) => ({ type: 'JSON' as const, text });
/** A STRING payload, as the engine resolves it. */
export const string = (text: string) => ({ type: 'STRING' as const, text });

export const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';
export const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/alerts';
export const INGEST_QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/vigil-ingest';
export const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:alarm';

export const snsEffect = (o: Overrides<'sns'> = {}): EffectOf<'sns'> => ({ ...base(), type: 'sns', targetArn: TOPIC, payload: json('{"pressure": 80}'), ...o });
export const sqsEffect = (o: Overrides<'sqs'> = {}): EffectOf<'sqs'> => ({ ...base(), type: 'sqs', queueUrl: QUEUE, useBase64: false, payload: json('{"pressure": 80}'), ...o });
export const lambdaEffect = (o: Overrides<'lambda'> = {}): EffectOf<'lambda'> => ({ ...base(), type: 'lambda', functionArn: FUNCTION, payload: json('{"pressure": 80}'), ...o });
export const iotTopicEffect = (o: Overrides<'iotTopicPublish'> = {}): EffectOf<'iotTopicPublish'> => ({ ...base(), type: 'iotTopicPublish', mqttTopic: 'motors/Fulton-A32/alarm', payload: json('{"pressure": 80}'), ...o });
export const iotEventsEffect = (o: Overrides<'iotEvents'> = {}): EffectOf<'iotEvents'> => ({ ...base(), type: 'iotEvents', inputName: 'PressureInput', payload: json('{"motorid": "Fulton-A32", "sensorData": {"pressure": 20.0}}'), ...o });
export const firehoseEffect = (o: Overrides<'firehose'> = {}): EffectOf<'firehose'> => ({ ...base(), type: 'firehose', deliveryStreamName: 'telemetry', separator: undefined, payload: json('{"pressure": 80}'), ...o });
export const dynamoDbEffect = (o: Overrides<'dynamoDB'> = {}): EffectOf<'dynamoDB'> => ({
  ...base(),
  type: 'dynamoDB',
  tableName: 'MotorEvents',
  hashKeyField: 'motorId',
  hashKeyValue: 'Fulton-A32',
  hashKeyType: 'STRING',
  rangeKeyField: undefined,
  rangeKeyValue: undefined,
  rangeKeyType: 'STRING',
  operation: 'INSERT',
  payloadField: 'payload',
  payload: json('{"pressure": 20.0}'),
  ...o,
});
export const dynamoDbV2Effect = (o: Overrides<'dynamoDBv2'> = {}): EffectOf<'dynamoDBv2'> => ({ ...base(), type: 'dynamoDBv2', tableName: 'MotorState', payload: json('{"motorId": "Fulton-A32", "pressure": 20.0}'), ...o });
export const siteWiseEffect = (o: Overrides<'iotSiteWise'> = {}): EffectOf<'iotSiteWise'> => {
  const common = base();
  return {
    ...common,
    type: 'iotSiteWise',
    entryId: common.actionExecutionId,
    assetId: undefined,
    propertyId: undefined,
    propertyAlias: '/motors/Fulton-A32/pressure',
    propertyValue: { value: { doubleValue: 20.5 }, timestamp: { timeInSeconds: 1_700_000_000, offsetInNanos: 123_000_000 }, quality: 'GOOD' },
    ...o,
  };
};

/**
 * Retry options that never wait: each backoff is recorded in `sleeps`, and the jitter is always
 * half the ceiling (so the delays are 50, 100, 200 ms with the defaults).
 */
export function instantRetry(overrides: Partial<RetryOptions> = {}): { retry: Partial<RetryOptions>; sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    retry: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...overrides,
    },
  };
}
