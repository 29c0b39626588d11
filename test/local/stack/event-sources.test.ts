import { eventSources } from '../../../local/stack/event-sources';
import type { Provisioned } from '../../../local/provision';
import type { ServerlessConfig } from '../../../local/serverless-config';

const PROVISIONED: Provisioned = {
  tables: { DetectorsTable: 'vigil-local-detectors' },
  queues: {
    IngestQueue: { name: 'vigil-local-ingest', url: 'http://sqs.us-east-1.localhost:4566/000000000000/vigil-local-ingest', arn: 'arn:aws:sqs:us-east-1:000000000000:vigil-local-ingest' },
    IngestDeadLetterQueue: { name: 'vigil-local-ingest-dlq', url: 'http://sqs.us-east-1.localhost:4566/000000000000/vigil-local-ingest-dlq', arn: 'arn:aws:sqs:us-east-1:000000000000:vigil-local-ingest-dlq' },
  },
  topics: { AlertsTopic: { name: 'vigil-local-alerts', arn: 'arn:aws:sns:us-east-1:000000000000:vigil-local-alerts' } },
  subscriptions: [],
};

/** A configuration shaped like `serverless print` output for the given functions. */
const config = (functions: ServerlessConfig['functions']): ServerlessConfig => ({ service: 'vigil', provider: { stage: 'local', region: 'us-east-1' }, functions });

describe('eventSources: what the local stack polls for serverless-offline', () => {
  it('reads an sqs event (its queue named through Fn::Sub) with the batch settings', () => {
    // Arrange
    const functions = {
      ingestQueue: {
        handler: 'functions/ingest-queue.handler',
        name: 'vigil-local-ingestQueue',
        events: [{ sqs: { arn: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:vigil-local-ingest' }, batchSize: 100, maximumBatchingWindow: 1, functionResponseType: 'ReportBatchItemFailures' } }],
      },
    };

    // Act
    const sources = eventSources(config(functions), PROVISIONED);

    // Assert
    expect(sources.sqs).toEqual([
      {
        functionKey: 'ingestQueue',
        functionName: 'vigil-local-ingestQueue',
        queueUrl: PROVISIONED.queues.IngestQueue.url,
        mapping: { queueArn: PROVISIONED.queues.IngestQueue.arn, region: 'us-east-1', batchSize: 100, batchingWindowMs: 1000, reportBatchItemFailures: true },
      },
    ]);
  });

  it("uses Lambda's defaults for an sqs event given as a bare Fn::GetAtt", () => {
    // Arrange
    const functions = { worker: { handler: 'w.handler', events: [{ sqs: { arn: { 'Fn::GetAtt': ['IngestQueue', 'Arn'] } } }] } };

    // Act
    const sources = eventSources(config(functions), PROVISIONED);

    // Assert
    expect(sources.sqs[0]).toMatchObject({ functionName: 'vigil-local-worker', mapping: { batchSize: 10, batchingWindowMs: 0, reportBatchItemFailures: false } });
  });

  it('reads a DynamoDB stream event and the async on-failure destination', () => {
    // Arrange
    const functions = {
      dispatchActions: { handler: 'd.handler', events: [{ stream: { type: 'dynamodb', arn: { 'Fn::GetAtt': ['DetectorsTable', 'StreamArn'] }, batchSize: 50 } }] },
      ingestRule: { handler: 'i.handler', destinations: { onFailure: { type: 'sqs', arn: { 'Fn::GetAtt': ['IngestDeadLetterQueue', 'Arn'] } } } },
      notify: { handler: 'n.handler', destinations: { onFailure: 'arn:aws:sns:us-east-1:000000000000:vigil-local-alerts' } },
    };

    // Act
    const sources = eventSources(config(functions as unknown as ServerlessConfig['functions']), PROVISIONED);

    // Assert
    expect(sources.streams).toEqual([{ functionKey: 'dispatchActions', functionName: 'vigil-local-dispatchActions', tableName: 'vigil-local-detectors', batchSize: 50 }]);
    expect(sources.onFailure.get('ingestRule')).toEqual({ type: 'sqs', queueUrl: PROVISIONED.queues.IngestDeadLetterQueue.url });
    expect(sources.onFailure.get('notify')).toEqual({ type: 'sns', topicArn: PROVISIONED.topics.AlertsTopic.arn });
  });

  it('fails loudly, naming the function, for an event on a queue the stack does not create', () => {
    // Arrange
    const functions = { worker: { handler: 'w.handler', events: [{ sqs: 'arn:aws:sqs:us-east-1:123456789012:someone-elses-queue' }] } };

    // Act
    const read = () => eventSources(config(functions), PROVISIONED);

    // Assert
    expect(read).toThrow('functions: functions.worker.events[0].sqs.arn: is not a queue declared in resources');
  });
});
