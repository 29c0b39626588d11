import { PutItemCommand, type DynamoDBClient, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { jsonKind, parseJsonExactly, toAttributeMap } from './dynamodb-value';
import { ActionDeliveryError } from './errors';
import type { RetryOptions } from './retry';
import { prepareAndDeliver, sendOneByOne, type EffectOf, type Sender } from './sender';

/**
 * Performs `dynamoDBv2` actions: puts the JSON payload object as an item, each top-level member its
 * own attribute (numbers keep their text). The payload must hold the table's key attributes; a
 * payload that is not a JSON object fails permanently. Requests to one table go in order.
 * https://docs.aws.amazon.com/iotevents/latest/apireference/API_DynamoDBv2Action.html
 */
export function createDynamoDbV2Sender(dynamodb: DynamoDBClient, retry: RetryOptions): Sender<EffectOf<'dynamoDBv2'>> {
  return {
    groupKey: (effect) => effect.tableName,
    send: (effects) => prepareAndDeliver(effects, putItemInput, (inputs) => sendOneByOne(inputs, (input) => dynamodb.send(new PutItemCommand(input)), retry)),
  };
}

/** The PutItem request of a `dynamoDBv2` action; throws a permanent error unless the payload is a JSON object. */
function putItemInput(effect: EffectOf<'dynamoDBv2'>): PutItemCommandInput {
  let parsed: unknown;
  try {
    parsed = parseJsonExactly(effect.payload.text);
  } catch (error) {
    throw new ActionDeliveryError(`dynamoDBv2 payload must be a JSON object, but it is not JSON: ${(error as Error).message}`, 'InvalidPayload', false, { cause: error });
  }
  const kind = jsonKind(parsed);
  if (kind !== 'object') throw new ActionDeliveryError(`dynamoDBv2 payload must be a JSON object, got a JSON ${kind}`, 'InvalidPayload', false);
  return { TableName: effect.tableName, Item: toAttributeMap(parsed as Record<string, unknown>) };
}
