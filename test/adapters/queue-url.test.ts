import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { queueUrlResolver } from '../../lib/adapters/queue-url';

const URL = 'https://sqs.eu-west-1.amazonaws.com/111122223333/vigil-dev-ingest';
const sqs = mockClient(SQSClient);

describe('queueUrlResolver', () => {
  let resolve: (nameOrUrl: string) => Promise<string>;

  beforeEach(() => {
    sqs.reset();
    resolve = queueUrlResolver(new SQSClient({ region: 'eu-west-1' }));
  });

  it.each([URL, 'http://sqs.us-east-1.localhost:4566/000000000000/vigil-local-ingest'])('uses a URL as it is, without asking SQS: %s', async (url) => {
    // Act & Assert
    await expect(resolve(url)).resolves.toBe(url);
    expect(sqs.calls()).toHaveLength(0);
  });

  it('looks a queue name up once per container, however many callers ask at once', async () => {
    // Arrange
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: URL });

    // Act
    const urls = await Promise.all([resolve('vigil-dev-ingest'), resolve('vigil-dev-ingest')]);
    const later = await resolve('vigil-dev-ingest');

    // Assert
    expect(urls).toEqual([URL, URL]);
    expect(later).toBe(URL);
    expect(sqs.commandCalls(GetQueueUrlCommand).map((call) => call.args[0].input)).toEqual([{ QueueName: 'vigil-dev-ingest' }]);
  });

  it('looks up each name on its own', async () => {
    // Arrange
    sqs.on(GetQueueUrlCommand, { QueueName: 'a' }).resolves({ QueueUrl: 'https://q/a' }).on(GetQueueUrlCommand, { QueueName: 'b' }).resolves({ QueueUrl: 'https://q/b' });

    // Act & Assert
    expect(await Promise.all([resolve('a'), resolve('b')])).toEqual(['https://q/a', 'https://q/b']);
  });

  it('does not keep a failed lookup: the next call asks again', async () => {
    // Arrange
    sqs.on(GetQueueUrlCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'RequestThrottled' })).resolves({ QueueUrl: URL });

    // Act
    const first = resolve('vigil-dev-ingest');

    // Assert
    await expect(first).rejects.toThrow('Rate exceeded');
    await expect(resolve('vigil-dev-ingest')).resolves.toBe(URL);
    expect(sqs.commandCalls(GetQueueUrlCommand)).toHaveLength(2);
  });

  it('fails, naming the queue, when SQS answers without a URL', async () => {
    // Arrange
    sqs.on(GetQueueUrlCommand).resolves({});

    // Act & Assert
    await expect(resolve('vigil-dev-ingest')).rejects.toThrow('queue vigil-dev-ingest has no URL');
  });
});
