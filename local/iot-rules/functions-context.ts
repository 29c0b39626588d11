import { fn } from './sql-function';
import type { SqlFunction } from './sql-function';
import { toInt } from './sql-values';

/**
 * Functions that describe the message and the rule rather than the payload
 * (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-functions.html).
 */
export const CONTEXT_FUNCTIONS: Readonly<Record<string, SqlFunction>> = {
  // topic(n) is 1-based: for `$aws/events/presence/connected/c1`, topic(1) is `$aws`.
  topic: fn([0, 1], ([n], { message }) => {
    if (n === undefined) return message.topic;
    const index = toInt(n, 'floor');
    if (index === undefined || index < 1n) return undefined;
    return message.topic.split('/')[Number(index) - 1];
  }),
  // "n/a if the message wasn't sent over MQTT".
  clientid: fn(0, (_, { message }) => message.clientId ?? 'n/a'),
  principal: fn(0, (_, { message }) => message.principal),
  traceid: fn(0, (_, { message }) => message.traceId),
  // Epoch milliseconds "as observed by the rules engine": the time the broker received the message.
  timestamp: fn(0, (_, { message }) => BigInt(Math.trunc(message.receivedAt))),
  newuuid: fn(0, (_, { message }) => message.newUuid()),
  accountid: fn(0, (_, { message }) => message.accountId),
  sql_version: fn(0, (_, { message }) => message.sqlVersion),
  sourceip: fn(0, (_, { message }) => message.sourceIp),
  rand: fn(0, (_, { message }) => message.random()),
};
