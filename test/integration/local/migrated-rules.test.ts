import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeDetectorCommand, IoTEventsDataClient } from '@aws-sdk/client-iot-events-data';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import mqtt from 'mqtt';
import { YAMLMap, isMap, parseDocument, type YAMLSeq } from 'yaml';
import { vigilClientConfig } from '../../../lib/api/client-config';
import { CFN_YAML_TAGS, migrateTemplateRules } from '../../../lib/migration';
import { applyRule, compileRule } from '../../../local/iot-rules';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../../../local/stack/local-identity';
import { spawnLocalStack, type SpawnedLocalStack } from '../../../local/stack/spawn-local-stack';
import { projectCopy } from './project-copy';

const CHECKOUT = path.resolve(__dirname, '../../..');
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const queueUrl = (name: string) => `https://sqs.${LOCAL_REGION}.amazonaws.com/${LOCAL_ACCOUNT}/${name}`;

/** A second input and model beside the shipped motor model, so the test sees messages reach the right one. */
const TEMPERATURE_INPUT = { inputName: 'TemperatureInput', inputDefinition: { attributes: [{ jsonPath: 'temperature' }, { jsonPath: 'deviceId' }] } };
const TEMPERATURE_MODEL = {
  detectorModelName: 'temperatureWatch',
  key: 'deviceId',
  detectorModelDefinition: {
    initialStateName: 'Cool',
    states: [
      { stateName: 'Cool', onInput: { transitionEvents: [{ eventName: 'hot', condition: '$input.TemperatureInput.temperature > 35', nextState: 'Hot' }] } },
      { stateName: 'Hot', onInput: { transitionEvents: [{ eventName: 'cool', condition: '$input.TemperatureInput.temperature <= 35', nextState: 'Cool' }] } },
    ],
  },
};

/** Polls until `probe` returns a value (not undefined); no timing is asserted, jest's timeout bounds it. */
async function eventually<T>(probe: () => Promise<T | undefined>, pauseMs = 250): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/**
 * Adds the topic rules and queues of a template to a serverless.yml, as one more fragment of its
 * `resources` list: how a team brings its migrated rules to `npm start`.
 */
function addToServerless(file: string, template: string): void {
  const service = parseDocument(readFileSync(file, 'utf8'), { customTags: [...CFN_YAML_TAGS] });
  const source = parseDocument(template, { customTags: [...CFN_YAML_TAGS] }).get('Resources', true) as YAMLMap;
  const fragment = new YAMLMap();
  fragment.items = source.items.filter((pair) => {
    const type = isMap(pair.value) ? pair.value.get('Type') : undefined;
    return type === 'AWS::IoT::TopicRule' || type === 'AWS::SQS::Queue';
  });
  (service.get('resources', true) as YAMLSeq).items.push(service.createNode({ Resources: fragment }));
  writeFileSync(file, service.toString({ lineWidth: 0 }));
}

describe('migrated topic rules on npm start: device messages reach the right inputs', () => {
  let root: string;
  let modelsDir: string;
  let stack: SpawnedLocalStack;
  let data: IoTEventsDataClient;
  let sqs: SQSClient;

  const publish = async (topic: string, payload: string) => {
    const client = await mqtt.connectAsync(stack.endpoints.mqtt, { clientId: `migrated-rules-${Date.now()}`, reconnectPeriod: 0 });
    await client.publishAsync(topic, payload, { qos: 1 });
    await client.endAsync();
  };
  const stateOf = async (detectorModelName: string, keyValue: string) => {
    try {
      return (await data.send(new DescribeDetectorCommand({ detectorModelName, keyValue }))).detector?.state?.stateName;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  };

  beforeAll(async () => {
    // Arrange: the plant's rules migrated to the local stack's ingest queue, added to a copy of the project.
    const migrated = migrateTemplateRules(readFileSync(path.join(CHECKOUT, 'test/fixtures/cloudformation/rules.template.yaml'), 'utf8'), {
      queueUrl: queueUrl('vigil-local-ingest'),
      errorQueueUrl: queueUrl('vigil-local-ingest-dlq'),
      roleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/vigil-local-IotRuleRole`,
    });
    expect(migrated.issues.filter((issue) => issue.level === 'ERROR')).toEqual([]);
    root = projectCopy();
    addToServerless(path.join(root, 'serverless.yml'), migrated.text as string);
    modelsDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-migrated-models-'));
    copyFileSync(path.join(CHECKOUT, 'models/motor-detector-model.json'), path.join(modelsDir, 'motor-detector-model.json'));
    writeFileSync(path.join(modelsDir, 'plant.inputs.json'), JSON.stringify([...JSON.parse(readFileSync(path.join(CHECKOUT, 'models/motor.inputs.json'), 'utf8')), TEMPERATURE_INPUT]));
    writeFileSync(path.join(modelsDir, 'temperature-watch.json'), JSON.stringify(TEMPERATURE_MODEL));
    stack = await spawnLocalStack({ root, modelsDir });
    const api = { ...vigilClientConfig({ endpoint: stack.endpoints.http, region: LOCAL_REGION }), credentials: CREDENTIALS, maxAttempts: 1 };
    data = new IoTEventsDataClient(api);
    sqs = new SQSClient({ region: LOCAL_REGION, credentials: CREDENTIALS, endpoint: stack.endpoints.sqs, useQueueUrlAsEndpoint: false });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    for (const client of [data, sqs]) client?.destroy();
    for (const dir of [root, modelsDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('routes a reading through the companion rule to the motor model, while the archive gets the bytes the original rule sent', async () => {
    // Arrange
    const payload = '{"messageId": "m-1", "sensorData": {"pressure": 80}}';
    const original = compileRule({ ruleName: 'original', sql: "SELECT *, topic(2) AS motorid FROM 'factory/+/pressure'", sqlVersion: '2016-03-23', actions: [], source: 'test' });
    const expected = (applyRule(original, { topic: 'factory/M-7/pressure', payload: Buffer.from(payload), receivedAt: 0 }) as { body: Buffer }).body.toString();
    // Act
    await publish('factory/M-7/pressure', payload);
    // Assert
    expect(await eventually(async () => ((await stateOf('motorDetectorModel', 'M-7')) === 'Dangerous' ? 'Dangerous' : undefined))).toBe('Dangerous');
    const archived = await eventually(async () => {
      const url = stack.provisioned.queues.ArchiveQueue.url;
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
      if (!Messages.length) return undefined;
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0].ReceiptHandle }));
      return Messages[0].Body;
    });
    expect(archived).toBe(expected);
  }, 120_000);

  it('routes a reading through the rule rewritten in place to the temperature model, not the motor model', async () => {
    await publish('factory/D-1/temperature', '{"temperature": 41.5}');
    expect(await eventually(async () => ((await stateOf('temperatureWatch', 'D-1')) === 'Hot' ? 'Hot' : undefined))).toBe('Hot');
    expect(await stateOf('motorDetectorModel', 'D-1')).toBeUndefined();
  }, 120_000);
});
