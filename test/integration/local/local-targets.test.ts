import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BatchPutMessageCommand, IoTEventsDataClient } from '@aws-sdk/client-iot-events-data';
import { DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { tailCommand } from '../../../cli/commands/tail';
import { traceCommand } from '../../../cli/commands/trace';
import { vigilClientConfig } from '../../../lib/api/client-config';
import { spawnLocalStack, type SpawnedLocalStack } from '../../../local/stack/spawn-local-stack';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const ALERTS = 'arn:aws:sns:eu-west-1:123456789012:alerts';
const NOWHERE = 'arn:aws:sns:eu-west-1:123456789012:nowhere';
const ORDERS = 'https://sqs.eu-west-2.amazonaws.com/210987654321/migrated-orders';

/** A model migrated from AWS IoT Events as it was: its actions name the account's real topics and queue. */
const MODEL = {
  detectorModelName: 'migratedAlarm',
  key: 'deviceId',
  evaluationMethod: 'SERIAL',
  roleArn: 'arn:aws:iam::123456789012:role/iot-events-actions',
  detectorModelDefinition: {
    initialStateName: 'Watching',
    states: [
      {
        stateName: 'Watching',
        onInput: {
          events: [
            {
              eventName: 'alarm',
              condition: '$input.MigratedInput.level > 5',
              actions: [{ sns: { targetArn: ALERTS } }, { sqs: { queueUrl: ORDERS } }, { sns: { targetArn: NOWHERE } }],
            },
          ],
        },
      },
    ],
  },
};
const INPUT = { inputName: 'MigratedInput', inputDefinition: { attributes: [{ jsonPath: 'deviceId' }, { jsonPath: 'level' }] } };

/** Polls until `probe` returns a value (not undefined); no timing is asserted, jest's timeout bounds it. */
async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, pauseMs = 200): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/** A `vigil tail` running in this process, its lines collected. */
async function startTail(stack: SpawnedLocalStack) {
  const lines: string[] = [];
  let stop = () => undefined as void;
  const until = new Promise<void>((resolve) => (stop = resolve));
  let following = false;
  const env = { VIGIL_SQS_PORT: String(stack.ports.sqs), VIGIL_DYNAMODB_PORT: String(stack.ports.dynamodb) };
  const done = tailCommand([], { out: (line) => lines.push(line), err: (line) => (following ||= line.startsWith('following')) }, env, until);
  await eventually(() => (following ? true : undefined));
  return { lines, stop: async () => (stop(), done) };
}

describe('local targets: a migrated model on the local stack', () => {
  let stack: SpawnedLocalStack;
  let folder: string;
  let sqs: SQSClient;
  let data: IoTEventsDataClient;
  const stackLines: string[] = [];
  const alarm = (deviceId: string) => data.send(new BatchPutMessageCommand({ messages: [{ messageId: `${deviceId}-1`, inputName: 'MigratedInput', payload: Buffer.from(JSON.stringify({ deviceId, level: 9 })) }] }));

  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-targets-'));
    const models = path.join(folder, 'models');
    mkdirSync(models);
    writeFileSync(path.join(models, 'migrated.json'), JSON.stringify(MODEL));
    writeFileSync(path.join(models, 'migrated.inputs.json'), JSON.stringify([INPUT]));
    // One place: the alerts topic goes to the stack's own, `nowhere` to a topic that does not exist.
    const targets = path.join(folder, 'local-targets.json');
    writeFileSync(targets, JSON.stringify({ 'arn:aws:sns:*:*:alerts': 'vigil-local-alerts', 'arn:aws:sns:*:*:nowhere': 'vigil-local-missing' }));
    process.env.VIGIL_LOCAL_TARGETS = targets;
    stack = await spawnLocalStack({ modelsDir: models, onStderr: (line) => stackLines.push(line) });
    delete process.env.VIGIL_LOCAL_TARGETS;
    const common = { region: 'us-east-1', credentials: CREDENTIALS };
    sqs = new SQSClient({ ...common, endpoint: stack.endpoints.sqs, useQueueUrlAsEndpoint: false });
    data = new IoTEventsDataClient({ ...vigilClientConfig({ endpoint: stack.endpoints.http, region: 'us-east-1' }), credentials: CREDENTIALS, maxAttempts: 1 });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    sqs?.destroy();
    data?.destroy();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  /** Waits for a message on a local queue that mentions `text`, and deletes it. */
  const received = (queueName: string, text: string) =>
    eventually(async () => {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName })).catch(() => ({ QueueUrl: undefined }));
      if (!QueueUrl) return undefined;
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      const found = Messages.find((message) => message.Body?.includes(text));
      for (const message of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
      return found?.Body;
    }, 0);

  it("sends a migrated model's real topic ARN and queue URL to the local topic local-targets.json names and to a same-named local queue, and says so", async () => {
    // Act
    await alarm('pump-1');
    const alert = await received(stack.provisioned.queues.AlertsInboxQueue.name, 'pump-1');
    const order = await received('migrated-orders', 'pump-1');

    // Assert
    expect(JSON.parse(alert)).toMatchObject({ Type: 'Notification', TopicArn: 'arn:aws:sns:us-east-1:000000000000:vigil-local-alerts' });
    expect(JSON.parse(order)).toMatchObject({ eventName: 'alarm', payload: { detector: { detectorModelName: 'migratedAlarm', keyValue: 'pump-1' } } });
    expect(stackLines).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`local targets: sns ${ALERTS} → local vigil-local-alerts`),
        expect.stringContaining(`local targets: sqs ${ORDERS} → local migrated-orders (default: same name, created if missing)`),
      ]),
    );
  }, 60_000);

  it('shows an action that failed for good as FAILED in vigil tail and vigil trace, not as taken', async () => {
    // Arrange
    const tail = await startTail(stack);

    // Act
    await alarm('pump-2');
    const failed = await eventually(() => tail.lines.find((line) => line.includes('FAILED') && line.includes('pump-2')));
    await tail.stop();
    const out: string[] = [];
    const code = await traceCommand(['migratedAlarm', '--key', 'pump-2', '--endpoint', stack.endpoints.http], { out: (line) => out.push(line), err: () => undefined });

    // Assert
    expect(failed.slice(9)).toMatch(new RegExp(`^action    FAILED sns ${NOWHERE} → local vigil-local-missing: \\w+: Topic does not exist  \\(migratedAlarm/pump-2 "alarm", 1 attempt\\)$`));
    expect(code).toBe(0);
    const actions = out.filter((line) => line.startsWith('  action sns'));
    expect(actions).toHaveLength(2);
    expect(actions.filter((line) => line.includes('FAILED'))).toEqual([expect.stringMatching(new RegExp(`FAILED at .* \\(1 attempt, ${NOWHERE}\\): \\w+: Topic does not exist$`))]);
  }, 60_000);

  it('lets two vigil tail running at once each print every action, with where it was mapped', async () => {
    // Arrange
    const tails = [await startTail(stack), await startTail(stack)];

    // Act
    await alarm('pump-3');
    const expected = [`action    sns ${ALERTS} → local vigil-local-alerts  migratedAlarm/pump-3  "alarm"`, `action    sqs ${ORDERS} → local migrated-orders  migratedAlarm/pump-3  "alarm"`];
    const printedAll = (lines: string[]) => (expected.every((text) => lines.some((line) => line.includes(text))) ? true : undefined);
    await Promise.all(tails.map((tail) => eventually(() => printedAll(tail.lines))));
    await Promise.all(tails.map((tail) => tail.stop()));

    // Assert
    for (const tail of tails) expect(tail.lines.map((line) => line.slice(9))).toEqual(expect.arrayContaining(expected.map((text) => expect.stringContaining(text))));
  }, 60_000);
});
