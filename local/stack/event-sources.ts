import { asRecord, cfnBoolean, flattenCfnString, getAtt, type JsonRecord } from '../iot-rules/cfn-values';
import type { Provisioned } from '../provision';
import type { ServerlessConfig } from '../serverless-config';
import { LocalStackError } from './errors';
import type { SqsMapping } from './sqs-poller';

/** Where a failed asynchronous invocation (or stream batch) is recorded. */
export type Destination = { readonly type: 'sqs'; readonly queueUrl: string } | { readonly type: 'sns'; readonly topicArn: string } | { readonly type: 'lambda'; readonly functionName: string };

/** A function's `sqs` event: the queue it reads and how. */
export interface SqsEventSource {
  readonly functionKey: string;
  readonly functionName: string;
  readonly queueUrl: string;
  readonly mapping: SqsMapping;
}

/** A function's DynamoDB `stream` event. */
export interface StreamEventSource {
  readonly functionKey: string;
  readonly functionName: string;
  readonly tableName: string;
  readonly batchSize: number;
}

/** What the local stack must poll and deliver itself: serverless-offline runs none of these. */
export interface EventSources {
  readonly sqs: readonly SqsEventSource[];
  readonly streams: readonly StreamEventSource[];
  /** `destinations.onFailure` of functions invoked asynchronously, by function key. */
  readonly onFailure: ReadonlyMap<string, Destination>;
}

const PSEUDO = { region: 'us-east-1', accountId: '000000000000' };

/**
 * Reads the `sqs` and `stream` events and the on-failure destinations of every function and
 * resolves them against the provisioned resources.
 *
 * @throws LocalStackError naming the function when an event points at something the stack did not
 *   create, so a function is never left without its events silently.
 */
export function eventSources(config: ServerlessConfig, provisioned: Provisioned): EventSources {
  const sqs: SqsEventSource[] = [];
  const streams: StreamEventSource[] = [];
  const onFailure = new Map<string, Destination>();
  for (const [functionKey, definition] of Object.entries(config.functions)) {
    const functionName = definition.name ?? `${config.service}-${config.provider.stage}-${functionKey}`;
    const fail = (where: string, message: string): never => {
      throw new LocalStackError('functions', `functions.${functionKey}.${where}: ${message}`);
    };
    (definition.events ?? []).forEach((event, i) => {
      const source = typeof event.sqs === 'string' ? { arn: event.sqs } : asRecord(event.sqs);
      if (source) {
        const queue = queueOf(source.arn, provisioned) ?? fail(`events[${i}].sqs.arn`, 'is not a queue declared in resources');
        sqs.push({
          functionKey,
          functionName,
          queueUrl: queue.url,
          mapping: {
            queueArn: queue.arn,
            region: config.provider.region,
            batchSize: Number(source.batchSize ?? 10),
            batchingWindowMs: Number(source.maximumBatchingWindow ?? 0) * 1000,
            reportBatchItemFailures: source.functionResponseType === 'ReportBatchItemFailures',
          },
        });
      }
      const stream = asRecord(event.stream);
      if (stream && stream.type === 'dynamodb' && cfnBoolean(stream.enabled) !== false) {
        const [logicalId, attribute] = getAtt(stream.arn) ?? [];
        const tableName = logicalId && attribute === 'StreamArn' ? provisioned.tables[logicalId] : undefined;
        streams.push({ functionKey, functionName, tableName: tableName ?? fail(`events[${i}].stream.arn`, 'must be Fn::GetAtt [<Table>, StreamArn] of a table declared in resources'), batchSize: Number(stream.batchSize ?? 100) });
      }
    });
    // `onFailure` is an ARN, or `{type, arn}`.
    const raw = asRecord((definition as JsonRecord).destinations)?.onFailure;
    const destination = typeof raw === 'string' ? { arn: raw } : asRecord(raw);
    if (destination) onFailure.set(functionKey, resolveDestination(destination, provisioned, config) ?? fail('destinations.onFailure', 'is not a queue, topic or function of this stack'));
  }
  return { sqs, streams, onFailure };
}

function queueOf(arn: unknown, provisioned: Provisioned): { url: string; arn: string } | undefined {
  const [logicalId, attribute] = getAtt(arn) ?? [];
  if (logicalId && attribute === 'Arn') return provisioned.queues[logicalId];
  const text = flattenCfnString(arn, PSEUDO);
  const name = text?.split(':').pop();
  return Object.values(provisioned.queues).find((queue) => queue.arn === text || queue.name === name);
}

function resolveDestination(destination: JsonRecord, provisioned: Provisioned, config: ServerlessConfig): Destination | undefined {
  const arn = destination.arn ?? destination.destination;
  const [logicalId] = getAtt(arn) ?? [];
  const text = flattenCfnString(arn, PSEUDO);
  const queue = queueOf(arn, provisioned);
  if (queue && destination.type !== 'sns' && destination.type !== 'function') return { type: 'sqs', queueUrl: queue.url };
  const topic = Object.entries(provisioned.topics).find(([id, t]) => id === logicalId || t.arn === text)?.[1];
  if (topic) return { type: 'sns', topicArn: topic.arn };
  // A function is named by its key, its deployed name or its ARN.
  const name = typeof arn === 'string' ? arn.split(':').pop() : undefined;
  const key = Object.keys(config.functions).find((k) => k === name || config.functions[k].name === name);
  return key === undefined ? undefined : { type: 'lambda', functionName: config.functions[key].name ?? key };
}
