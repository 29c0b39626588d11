import {
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DeleteItemCommandInput,
  type DynamoDBClient,
  type PutItemCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { parseJsonExactly, toAttributeValue } from './dynamodb-value';
import { ActionDeliveryError } from './errors';
import type { RetryOptions } from './retry';
import { payloadBytes, prepareAndDeliver, sendOneByOne, type EffectOf, type Sender } from './sender';

type DynamoDbEffect = EffectOf<'dynamoDB'>;

/** The one DynamoDB request a `dynamoDB` action makes. */
export type DynamoDbRequest =
  | { readonly operation: 'INSERT'; readonly input: PutItemCommandInput }
  | { readonly operation: 'UPDATE'; readonly input: UpdateItemCommandInput }
  | { readonly operation: 'DELETE'; readonly input: DeleteItemCommandInput };

// What DynamoDB accepts as a number: digits with an optional fraction and exponent.
const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Performs `dynamoDB` actions (IoT Events' DynamoDBAction): INSERT puts an item, UPDATE sets the
 * payload column of an item, DELETE deletes an item. Requests to one table go one after another,
 * in the order the detector produced them, so an INSERT and a later DELETE of an item stay in order.
 * https://docs.aws.amazon.com/iotevents/latest/apireference/API_DynamoDBAction.html
 */
export function createDynamoDbSender(dynamodb: DynamoDBClient, retry: RetryOptions): Sender<DynamoDbEffect> {
  return {
    groupKey: (effect) => effect.tableName,
    send: (effects) => prepareAndDeliver(effects, dynamoDbRequest, (requests) => sendOneByOne(requests, (request) => sendRequest(dynamodb, request), retry)),
  };
}

/** Builds the request of a `dynamoDB` action; throws a permanent error for a key it cannot type. */
function dynamoDbRequest(effect: DynamoDbEffect): DynamoDbRequest {
  const key = itemKey(effect);
  if (effect.operation === 'DELETE') return { operation: 'DELETE', input: { TableName: effect.tableName, Key: key } };
  const [column, value] = payloadColumn(effect);
  if (effect.operation === 'UPDATE') {
    return {
      operation: 'UPDATE',
      input: { TableName: effect.tableName, Key: key, UpdateExpression: 'SET #payload = :payload', ExpressionAttributeNames: { '#payload': column }, ExpressionAttributeValues: { ':payload': value } },
    };
  }
  // The key attributes come last: a payloadField named like a key must not overwrite the key.
  return { operation: 'INSERT', input: { TableName: effect.tableName, Item: { [column]: value, ...key } } };
}

function sendRequest(dynamodb: DynamoDBClient, request: DynamoDbRequest): Promise<unknown> {
  switch (request.operation) {
    case 'INSERT':
      return dynamodb.send(new PutItemCommand(request.input));
    case 'UPDATE':
      return dynamodb.send(new UpdateItemCommand(request.input));
    case 'DELETE':
      return dynamodb.send(new DeleteItemCommand(request.input));
  }
}

function itemKey(effect: DynamoDbEffect): Record<string, AttributeValue> {
  const key = { [effect.hashKeyField]: keyValue('hashKeyValue', effect.hashKeyValue, effect.hashKeyType) };
  if (effect.rangeKeyField === undefined) return key;
  if (effect.rangeKeyValue === undefined) throw new ActionDeliveryError(`dynamoDB action names rangeKeyField '${effect.rangeKeyField}' but has no rangeKeyValue`, 'InvalidKey', false);
  return { ...key, [effect.rangeKeyField]: keyValue('rangeKeyValue', effect.rangeKeyValue, effect.rangeKeyType) };
}

function keyValue(field: string, value: string, type: 'STRING' | 'NUMBER'): AttributeValue {
  if (type === 'STRING') return { S: value };
  if (!NUMBER_TEXT.test(value)) throw new ActionDeliveryError(`dynamoDB ${field} '${value}' is not a number, but its key type is NUMBER`, 'InvalidKey', false);
  return { N: value };
}

/**
 * The payload column: a JSON payload as a DynamoDB value under `payloadField`; anything else as
 * binary under `<payloadField>_raw`, as IoT Events stored "non-JSON data" (a STRING payload, or a
 * JSON one that does not parse, which AWS still sent).
 */
function payloadColumn(effect: DynamoDbEffect): [string, AttributeValue] {
  if (effect.payload.type === 'JSON') {
    try {
      return [effect.payloadField, toAttributeValue(parseJsonExactly(effect.payload.text))];
    } catch {
      // Falls through to the raw column.
    }
  }
  return [`${effect.payloadField}_raw`, { B: payloadBytes(effect.payload.text) }];
}
