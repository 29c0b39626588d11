import { Fault, formatDecimal, typeName, utf8Length, type Value } from '../expression';
import type { CompiledExternalAction, CompiledField } from '../model';
import type { Cycle } from './cycle';
import type { ActionEffect, ResolvedPayload, SiteWiseValue } from './effects';
import { defaultPayload } from './payload';

/** One action being resolved: the cycle it runs in, its id and its event. */
export interface ActionScope {
  readonly cycle: Cycle;
  readonly actionExecutionId: string;
  readonly eventName: string;
}

/** Why an action could not be resolved; it is then not performed (AWS logs it and moves on). */
export class ActionFailure {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly path: string,
    readonly fault?: Fault,
  ) {}
}

/** Evaluates every field of an external action into an effect, or explains why it cannot run. */
export function resolveAction(action: CompiledExternalAction, scope: ActionScope): ActionEffect | ActionFailure {
  try {
    const details = resolveDetails(action, scope);
    const { model, detector, cause } = scope.cycle;
    // Written out rather than spread: this runs for every action on the hot path.
    return {
      actionExecutionId: scope.actionExecutionId,
      eventName: scope.eventName,
      detectorModelName: model.name,
      detectorModelVersion: model.version,
      keyValue: detector.keyValue,
      time: cause.time,
      path: action.path,
      ...details,
    } as ActionEffect;
  } catch (error) {
    if (error instanceof ActionFailure) return error;
    throw error;
  }
}

type Details = DistributiveOmit<ActionEffect, 'actionExecutionId' | 'eventName' | 'detectorModelName' | 'detectorModelVersion' | 'keyValue' | 'time' | 'path'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function resolveDetails(action: CompiledExternalAction, scope: ActionScope): Details {
  switch (action.type) {
    case 'sns':
      return { type: 'sns', targetArn: fieldText(action, 'targetArn', scope), payload: payload(action, scope) };
    case 'iotTopicPublish':
      return { type: 'iotTopicPublish', mqttTopic: fieldText(action, 'mqttTopic', scope), payload: payload(action, scope) };
    case 'lambda':
      return { type: 'lambda', functionArn: fieldText(action, 'functionArn', scope), payload: payload(action, scope) };
    case 'iotEvents':
      return { type: 'iotEvents', inputName: fieldText(action, 'inputName', scope), payload: payload(action, scope) };
    case 'sqs':
      return { type: 'sqs', queueUrl: fieldText(action, 'queueUrl', scope), useBase64: action.options.useBase64 === true, payload: payload(action, scope) };
    case 'firehose':
      return { type: 'firehose', deliveryStreamName: fieldText(action, 'deliveryStreamName', scope), separator: action.options.separator, payload: payload(action, scope) };
    case 'dynamoDB':
      return {
        type: 'dynamoDB',
        tableName: fieldText(action, 'tableName', scope),
        hashKeyField: fieldText(action, 'hashKeyField', scope),
        hashKeyValue: fieldText(action, 'hashKeyValue', scope),
        hashKeyType: oneOf(optionalText(action, 'hashKeyType', scope) ?? 'STRING', ['STRING', 'NUMBER'] as const, `${action.path}.dynamoDB.hashKeyType`),
        rangeKeyField: optionalText(action, 'rangeKeyField', scope),
        rangeKeyValue: optionalText(action, 'rangeKeyValue', scope),
        rangeKeyType: oneOf(optionalText(action, 'rangeKeyType', scope) ?? 'STRING', ['STRING', 'NUMBER'] as const, `${action.path}.dynamoDB.rangeKeyType`),
        operation: oneOf(optionalText(action, 'operation', scope) ?? 'INSERT', ['INSERT', 'UPDATE', 'DELETE'] as const, `${action.path}.dynamoDB.operation`),
        payloadField: optionalText(action, 'payloadField', scope) ?? 'payload',
        payload: payload(action, scope),
      };
    case 'dynamoDBv2':
      return { type: 'dynamoDBv2', tableName: fieldText(action, 'tableName', scope), payload: payload(action, scope) };
    case 'iotSiteWise':
      return {
        type: 'iotSiteWise',
        entryId: optionalText(action, 'entryId', scope) ?? scope.actionExecutionId,
        assetId: optionalText(action, 'assetId', scope),
        propertyId: optionalText(action, 'propertyId', scope),
        propertyAlias: optionalText(action, 'propertyAlias', scope),
        propertyValue: siteWiseValue(action, scope),
      };
  }
}

function optionalText(action: CompiledExternalAction, field: string, scope: ActionScope): string | undefined {
  return field in action.fields ? fieldText(action, field, scope) : undefined;
}

function evaluateField(action: CompiledExternalAction, field: string, scope: ActionScope): Exclude<Value, Fault | undefined> {
  const compiled: CompiledField = action.fields[field];
  if ('literal' in compiled) return compiled.literal;
  const value = compiled.expression.evaluate(scope.cycle);
  if (value instanceof Fault) throw new ActionFailure('action.field', `${field} is invalid: ${value.message} at ${value.span.start}`, `${action.path}.${action.type}.${field}`, value);
  if (value === undefined) throw new ActionFailure('action.field', `${field} is undefined`, `${action.path}.${action.type}.${field}`);
  return value;
}

/** A field as text: strings raw, numbers and Booleans as their literal text. */
function fieldText(action: CompiledExternalAction, field: string, scope: ActionScope): string {
  const value = evaluateField(action, field, scope);
  return typeof value === 'number' ? formatDecimal(value) : String(value);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], path: string): T {
  const upper = value.toUpperCase() as T;
  if (allowed.includes(upper)) return upper;
  throw new ActionFailure('action.field', `'${value}' is not one of ${allowed.join(', ')}`, path);
}

function payload(action: CompiledExternalAction, scope: ActionScope): ResolvedPayload {
  if (!action.payload) return { type: 'JSON', text: defaultPayloadOf(scope) };
  const path = `${action.path}.${action.type}.payload.contentExpression`;
  const value = action.payload.content.evaluate(scope.cycle);
  if (value instanceof Fault) throw new ActionFailure('payload.invalid', `payload is invalid: ${value.message} at ${value.span.start}`, path, value);
  if (typeof value !== 'string') throw new ActionFailure('payload.type', `payload must be a String, got ${typeName(value)}`, path);
  const bytes = utf8Length(value);
  const limit = scope.cycle.options.maxPayloadBytes;
  if (bytes > limit) throw new ActionFailure('payload.size', `payload is ${bytes} bytes; the limit is ${limit}`, path);
  if (action.payload.type === 'JSON' && !isJson(value)) {
    // AWS runs the action anyway and only logs a warning.
    scope.cycle.diagnose('WARNING', 'payload.notJson', 'payload of type JSON does not parse as JSON; sent as is', path);
  }
  return { type: action.payload.type, text: value };
}

/** The default payload: the detector as it is when the action runs (spec §5.0). */
function defaultPayloadOf(scope: ActionScope): string {
  const { model, detector, cause } = scope.cycle;
  return defaultPayload({
    time: cause.time,
    actionExecutionId: scope.actionExecutionId,
    eventName: scope.eventName,
    detectorModelName: model.name,
    detectorModelVersion: model.version,
    keyValue: detector.keyValue,
    inputName: cause.inputName,
    messageId: cause.messageId,
    timerName: cause.timerName,
    stateName: detector.stateName,
    variables: detector.variables,
    timers: detector.timers,
  });
}

function siteWiseValue(action: CompiledExternalAction, scope: ActionScope): SiteWiseValue {
  const path = `${action.path}.iotSiteWise.propertyValue`;
  const has = (field: string) => field in action.fields;
  let value: SiteWiseValue['value'];
  if (has('propertyValue.value.stringValue')) value = { stringValue: fieldText(action, 'propertyValue.value.stringValue', scope) };
  else if (has('propertyValue.value.integerValue')) value = { integerValue: integer(fieldText(action, 'propertyValue.value.integerValue', scope), `${path}.value.integerValue`) };
  else if (has('propertyValue.value.doubleValue')) value = { doubleValue: double(fieldText(action, 'propertyValue.value.doubleValue', scope), `${path}.value.doubleValue`) };
  else if (has('propertyValue.value.booleanValue')) value = { booleanValue: oneOf(fieldText(action, 'propertyValue.value.booleanValue', scope), ['TRUE', 'FALSE'] as const, `${path}.value.booleanValue`) === 'TRUE' };
  else throw new ActionFailure('action.field', 'propertyValue.value sets no variant', path);
  // Without a timestamp, the value is stamped with the event time; an explicit one starts at offset 0.
  const explicit = has('propertyValue.timestamp.timeInSeconds');
  const seconds = explicit
    ? integer(fieldText(action, 'propertyValue.timestamp.timeInSeconds', scope), `${path}.timestamp.timeInSeconds`)
    : Math.floor(scope.cycle.cause.time / 1000);
  const nanos = has('propertyValue.timestamp.offsetInNanos')
    ? integer(fieldText(action, 'propertyValue.timestamp.offsetInNanos', scope), `${path}.timestamp.offsetInNanos`)
    : explicit ? 0 : (scope.cycle.cause.time % 1000) * 1_000_000;
  const quality = has('propertyValue.quality') ? oneOf(fieldText(action, 'propertyValue.quality', scope), ['GOOD', 'BAD', 'UNCERTAIN'] as const, `${path}.quality`) : undefined;
  return { value, timestamp: { timeInSeconds: seconds, offsetInNanos: nanos }, quality };
}

function integer(text: string, path: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new ActionFailure('action.field', `'${text}' is not an integer`, path);
  return value;
}

function double(text: string, path: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || text.trim() === '') throw new ActionFailure('action.field', `'${text}' is not a number`, path);
  return value;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

