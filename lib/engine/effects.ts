import type { ExternalActionType } from '../model';

/** An action payload as it will be sent: JSON text or a plain string. */
export interface ResolvedPayload {
  readonly type: 'JSON' | 'STRING';
  readonly text: string;
}

/** What every external action carries: which detector, which event, when, and a unique id. */
interface EffectBase {
  /** Name-based UUID of this action execution; the same input always gives the same id. */
  readonly actionExecutionId: string;
  readonly eventName: string;
  readonly detectorModelName: string;
  readonly detectorModelVersion: string;
  readonly keyValue: string | undefined;
  /** The event time of the cycle, epoch ms. */
  readonly time: number;
  /** JSON path of the action in the model. */
  readonly path: string;
}

/**
 * A resolved external action: every field evaluated, ready for an adapter to perform. Adapters
 * never evaluate expressions.
 */
export type ActionEffect = EffectBase &
  (
    | { readonly type: 'sns'; readonly targetArn: string; readonly payload: ResolvedPayload }
    | { readonly type: 'iotTopicPublish'; readonly mqttTopic: string; readonly payload: ResolvedPayload }
    | { readonly type: 'lambda'; readonly functionArn: string; readonly payload: ResolvedPayload }
    | { readonly type: 'iotEvents'; readonly inputName: string; readonly payload: ResolvedPayload }
    | { readonly type: 'sqs'; readonly queueUrl: string; readonly useBase64: boolean; readonly payload: ResolvedPayload }
    | { readonly type: 'firehose'; readonly deliveryStreamName: string; readonly separator: string | undefined; readonly payload: ResolvedPayload }
    | {
        readonly type: 'dynamoDB';
        readonly tableName: string;
        readonly hashKeyField: string;
        readonly hashKeyValue: string;
        readonly hashKeyType: 'STRING' | 'NUMBER';
        readonly rangeKeyField: string | undefined;
        readonly rangeKeyValue: string | undefined;
        readonly rangeKeyType: 'STRING' | 'NUMBER';
        readonly operation: 'INSERT' | 'UPDATE' | 'DELETE';
        readonly payloadField: string;
        readonly payload: ResolvedPayload;
      }
    | { readonly type: 'dynamoDBv2'; readonly tableName: string; readonly payload: ResolvedPayload }
    | {
        readonly type: 'iotSiteWise';
        readonly entryId: string;
        readonly assetId: string | undefined;
        readonly propertyId: string | undefined;
        readonly propertyAlias: string | undefined;
        readonly propertyValue: SiteWiseValue;
      }
  );

/** A SiteWise property value with exactly one variant set. */
export interface SiteWiseValue {
  readonly value: { readonly stringValue?: string; readonly integerValue?: number; readonly doubleValue?: number; readonly booleanValue?: boolean };
  readonly timestamp: { readonly timeInSeconds: number; readonly offsetInNanos: number };
  readonly quality: 'GOOD' | 'BAD' | 'UNCERTAIN' | undefined;
}

/** The external action types, for exhaustive handling. */
export type ActionEffectType = ExternalActionType;

/** Where an action sends to: ARN, queue URL, topic, stream, table or SiteWise property. */
export function effectTarget(effect: ActionEffect): string {
  switch (effect.type) {
    case 'sns':
      return effect.targetArn;
    case 'iotTopicPublish':
      return effect.mqttTopic;
    case 'lambda':
      return effect.functionArn;
    case 'iotEvents':
      return effect.inputName;
    case 'sqs':
      return effect.queueUrl;
    case 'firehose':
      return effect.deliveryStreamName;
    case 'dynamoDB':
    case 'dynamoDBv2':
      return effect.tableName;
    case 'iotSiteWise':
      return effect.propertyAlias ?? `${effect.assetId}/${effect.propertyId}`;
  }
}
