import { LOCAL_ACCOUNT, LOCAL_REGION } from '../stack/local-identity';
import type { RulesFile } from './rules-file';
import { describeMapping, mapTarget, type LocalTarget, type TargetKind } from './target-rules';

/** The parts of fauxqs' Fastify app the mapping uses. */
export interface EmulatorApp {
  addHook(name: 'preHandler', hook: (request: EmulatorRequest) => Promise<void>): void;
  get(path: string, handler: (request: { query: unknown }) => Promise<unknown>): void;
  inject(request: { method: 'POST'; url: string; headers: Record<string, string>; payload: string }): Promise<{ statusCode: number; body: string }>;
}

/** A request as the hook sees it: the body already parsed (form fields for SNS, JSON for SQS). */
export interface EmulatorRequest {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
}

/** The route `vigil tail` asks where a target goes: `GET /_vigil/local-targets?target=<ARN or URL>&kind=sns|sqs`. */
export const TARGETS_ROUTE = '/_vigil/local-targets';

/**
 * Maps the topics and queues of migrated models to the local emulator's (see `mapTarget`), at the
 * emulator: a Publish, PublishBatch, SendMessage or SendMessageBatch naming a foreign topic ARN or
 * queue URL is rewritten to the local resource before fauxqs handles it, the resource created
 * first when the default rule applies. Whoever sends (the dispatch function, redrive, a script)
 * gets the same mapping, and nothing that ships to AWS knows about it. Each mapping is logged the
 * first time it is used; {@link TARGETS_ROUTE} tells `vigil tail` the same answer.
 */
export function mapEmulatorTargets(app: EmulatorApp, rules: RulesFile, log: (message: string, error?: Error) => void): void {
  const announced = new Set<string>();
  const topics = new Set<string>();
  const announce = (target: LocalTarget) => {
    if (announced.has(describeMapping(target))) return;
    announced.add(describeMapping(target));
    log(`local targets: ${describeMapping(target)} (${target.rule === 'default' ? 'default: same name, created if missing' : `${rules.file}: ${target.rule}`})`);
  };
  const sqs = (host: string, action: string, payload: object) =>
    app.inject({ method: 'POST', url: '/', headers: { host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` }, payload: JSON.stringify(payload) });
  /** The local topic's ARN, the topic created first (once) for the default rule: CreateTopic is idempotent. */
  const topicArn = async (target: LocalTarget, host: string): Promise<string> => {
    if (target.create && !topics.has(target.name)) {
      const fifo: Record<string, string> = target.name.endsWith('.fifo') ? { 'Attributes.entry.1.key': 'FifoTopic', 'Attributes.entry.1.value': 'true' } : {};
      const response = await app.inject({ method: 'POST', url: '/', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ Action: 'CreateTopic', Name: target.name, ...fifo }).toString() });
      if (response.statusCode === 200) topics.add(target.name);
    }
    return `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${target.name}`;
  };
  /** The local queue's URL (fauxqs' own, asked for), the queue created first for the default rule: CreateQueue is idempotent. */
  const queueUrl = async (target: LocalTarget, host: string): Promise<string> => {
    const response = await sqs(host, target.create ? 'CreateQueue' : 'GetQueueUrl', { QueueName: target.name });
    // A queue that is not there (or not creatable) keeps a local URL, and the send fails as it would.
    return response.statusCode === 200 ? String((JSON.parse(response.body) as { QueueUrl: string }).QueueUrl) : `http://${host}/${LOCAL_ACCOUNT}/${target.name}`;
  };
  const rewrite = async (kind: TargetKind, value: unknown, host: string): Promise<string | undefined> => {
    if (typeof value !== 'string') return undefined;
    const target = mapTarget(rules.rules(), kind, value);
    if (!target) return undefined;
    announce(target);
    return kind === 'sns' ? topicArn(target, host) : queueUrl(target, host);
  };
  app.addHook('preHandler', async (request) => {
    const body = request.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return;
    const contentType = String(request.headers['content-type'] ?? '');
    const host = String(request.headers.host ?? '');
    if (contentType.includes('x-www-form-urlencoded') && (body.Action === 'Publish' || body.Action === 'PublishBatch')) {
      body.TopicArn = (await rewrite('sns', body.TopicArn, host)) ?? body.TopicArn;
    } else if (contentType.includes('x-amz-json-1.0') && /^AmazonSQS\.SendMessage(Batch)?$/.test(String(request.headers['x-amz-target'] ?? ''))) {
      body.QueueUrl = (await rewrite('sqs', body.QueueUrl, host)) ?? body.QueueUrl;
    }
  });
  app.get(TARGETS_ROUTE, async (request) => {
    const { target, kind } = request.query as { target?: string; kind?: string };
    const mapped = typeof target === 'string' && (kind === 'sns' || kind === 'sqs') ? mapTarget(rules.rules(), kind, target) : undefined;
    return mapped ? { target, local: mapped.name, rule: mapped.rule } : { target };
  });
}
