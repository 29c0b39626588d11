// A child process running the local IoT Core (the real broker and rules engine) with SQS rule
// actions against the test run's fauxqs. The broker needs ESM-only aedes, which jest cannot load;
// see broker-harness.ts. Rules: `harness` messages below; the queues are named `<prefix>-…`.
import { readFileSync } from 'node:fs';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startIotCore } from '../../../local/iot-core/mqtt-broker';
import { RuleRouter } from '../../../local/iot-core/rule-router';
import { compileRule, type RuleTarget } from '../../../local/iot-rules';

const prefix = process.env.HARNESS_PREFIX as string;
const queue = (name: string): RuleTarget => ({ type: 'sqs', queueName: `${prefix}-${name}`, useBase64: false });
const rules = [
  // Telemetry with a safety net: the error action takes what the action could not deliver.
  compileRule({ ruleName: 'telemetry', sql: "SELECT * FROM 'devices/+/telemetry'", sqlVersion: '2016-03-23', actions: [queue('ingest')], errorAction: queue('dlq'), source: 'harness' }),
  // No error action: nothing catches a failed delivery.
  compileRule({ ruleName: 'bare', sql: "SELECT * FROM 'devices/+/bare'", sqlVersion: '2016-03-23', actions: [queue('bare')], source: 'harness' }),
  compileRule({ ruleName: 'lifecycle', sql: "SELECT *, topic() AS topic FROM '$aws/events/#'", sqlVersion: '2016-03-23', actions: [queue('lifecycle')], source: 'harness' }),
  // SiteWise notifications, with serverless.yml's own SQL, into the lifecycle queue as deployed.
  compileRule({ ruleName: 'sitewise', sql: siteWiseSql(), sqlVersion: '2016-03-23', actions: [queue('lifecycle')], source: 'harness' }),
];

/** The SQL of serverless.yml's SiteWise rule (the test run's resolved configuration). */
function siteWiseSql(): string {
  const config = JSON.parse(readFileSync(process.env.VIGIL_TEST_SERVERLESS as string, 'utf8')) as { resources: { Resources: Record<string, { Properties: { TopicRulePayload: { Sql: string } } }> } };
  return config.resources.Resources.SiteWiseToQueueRule.Properties.TopicRulePayload.Sql;
}
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const router = new RuleRouter(rules, {
  lambda: async () => Promise.reject(new Error('no functions here')),
  async sqs(queueName, body) {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
  },
  resourceName: (target) => (target.type === 'sqs' ? target.queueName : target.functionKey),
});

void startIotCore({ port: 0, host: process.env.HARNESS_HOST, router, log: (message, error) => process.send?.({ type: 'log', message: `${message}${error ? `: ${error.message}` : ''}` }) }).then(
  (broker) => {
    process.send?.({ type: 'ready', endpoint: broker.endpoint });
    process.on('message', async () => {
      await broker.stop();
      sqs.destroy();
      process.exit(0);
    });
    process.on('disconnect', () => process.exit(0));
  },
  (error: Error) => {
    process.send?.({ type: 'failed', message: error.message });
    process.exit(1);
  },
);
