import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { nonLoopbackAddress, postWithHost, tryConnect } from './network';

// The emulators global-setup.mjs started with the local stack's own starters (local/emulators.ts).
const endpoints = { 'DynamoDB Local': process.env.AWS_ENDPOINT_URL_DYNAMODB as string, fauxqs: process.env.AWS_ENDPOINT_URL_SQS as string };
const portOf = (endpoint: string) => Number(new URL(endpoint).port);
const address = nonLoopbackAddress();

describe('the emulators of the local stack', () => {
  it.each(Object.entries(endpoints))('%s answers on 127.0.0.1 and refuses connections on this machine’s other addresses', async (_name, endpoint) => {
    if (!address) {
      process.stdout.write('skipped the non-loopback half: this machine has no address besides loopback\n');
      return;
    }
    // Act
    const outcomes = [await tryConnect('127.0.0.1', portOf(endpoint)), await tryConnect(address, portOf(endpoint))];

    // Assert
    expect(outcomes).toEqual(['accepted', 'ECONNREFUSED']);
  });

  it('serves the SDK clients', async () => {
    // Arrange
    const dynamodb = new DynamoDBClient({});
    const sqs = new SQSClient({});

    // Act
    const [tables, queues] = await Promise.all([dynamodb.send(new ListTablesCommand({})), sqs.send(new ListQueuesCommand({}))]);
    dynamodb.destroy();
    sqs.destroy();

    // Assert
    expect(tables.$metadata.httpStatusCode).toBe(200);
    expect(queues.$metadata.httpStatusCode).toBe(200);
  });

  it.each(Object.entries(endpoints))('%s refuses what a web page sends: a form post with an Origin, or a request to a rebound domain', async (_name, endpoint) => {
    // Act: SNS's query protocol takes form posts, which a page may send cross-origin without a preflight.
    const form = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://attacker.example' }, body: 'Action=ListTopics' });
    const rebound = await postWithHost(endpoint, `attacker.example:${portOf(endpoint)}`, { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=ListTopics');

    // Assert
    expect([form.status, rebound]).toEqual([403, 403]);
    expect(form.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
  });
});
