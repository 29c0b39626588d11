import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { createHandler as createIngestQueue } from '../../../functions/ingest-queue';
import { VirtualClock } from '../../../local/virtual-clock';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { runCli } from '../../helpers/cli';
import { faultyDynamoDb, seededRandom, throttled, unreachable, type DynamoRequest } from '../../support/faulty-dynamodb';
import { createTestStack, envelopeBody, type TestStack } from '../stack';
import { QueueDriver } from './queue-driver';

const inputs: CreateInputRequest[] = [{ inputName: 'Count', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'n' }] } }];

/** Counts the messages of input Count per `id` and publishes one SNS message per message it applies. */
function counter(name: string, topicArn: string): CreateDetectorModelRequest {
  return {
    detectorModelName: name,
    key: 'id',
    roleArn: 'arn:aws:iam::000000000000:role/vigil-test-models',
    detectorModelDefinition: {
      initialStateName: 'Counting',
      states: [
        {
          stateName: 'Counting',
          onEnter: { events: [{ eventName: 'init', actions: [{ setVariable: { variableName: 'count', value: '0' } }] }] },
          onInput: {
            events: [
              {
                eventName: 'count',
                condition: 'currentInput("Count")',
                actions: [
                  { setVariable: { variableName: 'count', value: '$variable.count + 1' } },
                  { sns: { targetArn: topicArn, payload: { contentExpression: `'${name}/\${$input.Count.id}/\${$input.Count.n}'`, type: 'STRING' } } },
                ],
              },
            ],
          },
        },
      ],
    },
  };
}

/** The file's stack, created in beforeAll. */
let stack: TestStack;

/** The stage the CLI names the test stack by (`vigil-<stage>-…`). */
const stage = () => stack.provisioned.queues.IngestQueue.name.replace(/^vigil-/, '').replace(/-ingest$/, '');

const message = (key: string, n: number) => envelopeBody('Count', `${key}-${n}`, JSON.stringify({ id: key, n }), { origin: 'telemetry' });

async function count(model: string, key: string): Promise<bigint | undefined> {
  return (await stack.runtime().detectors.get({ model, keyValue: key }))?.snapshot.variables.count as bigint | undefined;
}

/** Every SNS message the detectors published (`expected` of them, and any more that come), after delivering the detectors table's stream. */
async function published(expected: number): Promise<string[]> {
  await stack.dispatch();
  return (await stack.receiveExactly('AlertsInboxQueue', expected)).map((body) => JSON.parse(body).Message as string).sort();
}

/** Replays the dead-letter queue with `vigil redrive --apply` (and `extra` options), then delivers what it replayed. */
async function redrive(driver: QueueDriver, handler: Parameters<QueueDriver['drain']>[0], ...extra: string[]): Promise<{ code: number; stdout: string }> {
  const result = await runCli('redrive', '--stage', stage(), '--apply', ...extra);
  await driver.settle(handler);
  return result;
}

/**
 * Faults injected into the real path (the ingest function on DynamoDB Local, its dead-letter queue
 * on fauxqs, `vigil redrive`, the stream dispatcher): whatever fails, every message is applied by
 * each of its detectors exactly once, and each of their actions is published exactly once.
 */
describe('fault injection: nothing lost, nothing doubled', () => {
  beforeAll(async () => {
    stack = await createTestStack();
    const alerts = stack.provisioned.topics.AlertsTopic.arn;
    // Two models read Count: every message reaches two detectors, which may fail apart.
    await stack.seed([counter('left', alerts), counter('right', alerts)], inputs);
  });

  it('survives throttling, a storage outage and crashed invocations, then a redrive of what was dead-lettered', async () => {
    // Arrange: 200 messages over 10 keys; a fifth of the writes throttled, right|f3 throttled
    // every time, every DynamoDB request refused during invocations 5 to 7, and invocations 3 and
    // 9 dying after their work.
    const random = seededRandom(12);
    let invocation = 0;
    const rule = ({ operation, input }: DynamoRequest) => {
      if (invocation >= 5 && invocation <= 7) return unreachable();
      if (operation === 'PutItem' && (input.Item as { pk: { S: string } }).pk.S === 'right|f3') return throttled();
      return operation === 'PutItem' && random() < 0.2 ? throttled() : undefined;
    };
    const faulty = createIngestQueue(stack.runtime({ dynamodb: faultyDynamoDb(rule) }));
    const handler = (event: SQSEvent, context: Context) => (invocation++, faulty(event, context));
    const driver = new QueueDriver(stack);
    const keys = Array.from({ length: 10 }, (_, k) => `f${k}`);
    for (let n = 0; n < 20; n++) for (const key of keys) driver.send('InternalQueue', `sqs-${key}-${n}`, message(key, n));

    // Act: a dry run first, as the runbook says; then, the crashed ones checked, all of them.
    await driver.settle(handler, { crash: (i) => i === 3 || i === 9 });
    const looked = await runCli('redrive', '--stage', stage());
    const redriven = await redrive(driver, createIngestQueue(stack.runtime()), '--include-uncertain');

    // Assert: f3's messages were dead-lettered for right|f3 alone, those of a crashed invocation
    // marked uncertain (it might have applied them), and all replayed to right|f3 alone. (A crash
    // after a retry was handed on leaves two retries of one message: both replay, one applies.)
    const f3 = (text: string, action: string) =>
      new Set(text.split('\n').flatMap((line) => (line.startsWith(action) ? [/ Count (f3-\d+) → right\|f3 /.exec(line)?.[1]] : [])).filter(Boolean));
    expect(new Set([...f3(looked.stdout, 'replay'), ...f3(looked.stdout, 'uncertain')]).size).toBe(20);
    expect(f3(looked.stdout, 'uncertain').size).toBeGreaterThan(0);
    expect(redriven.code).toBe(0);
    expect(f3(redriven.stdout, 'replay').size).toBe(20);
    for (const key of keys) expect([key, await count('left', key), await count('right', key)]).toEqual([key, 20n, 20n]);
    const expected = keys.flatMap((key) => Array.from({ length: 20 }, (_, n) => [`left/${key}/${n}`, `right/${key}/${n}`])).flat().sort();
    expect(await published(expected.length)).toEqual(expected);
  }, 180_000);

  it('fails only the detector whose item cannot be read; its messages come back to it alone once it is fixed', async () => {
    // Arrange: right|p1 holds something Vigil cannot read.
    const table = stack.config.detectorsTable;
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'right|p1' }, model: { S: 'right' }, keyValue: { S: 'p1' }, version: { N: '3' }, snapshot: { S: '{"broken' } } }));
    const handler = createIngestQueue(stack.runtime());
    const driver = new QueueDriver(stack);
    for (let n = 0; n < 5; n++) for (const key of ['p1', 'p2']) driver.send('InternalQueue', `sqs-${key}-${n}`, message(key, n));

    // Act
    await driver.settle(handler);
    const before = [await count('left', 'p1'), await count('left', 'p2'), await count('right', 'p2')];
    await stack.clients.dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'right|p1' } } }));
    const redriven = await redrive(driver, handler);

    // Assert: the neighbours applied everything at once; the replay reached right|p1 only.
    expect(before).toEqual([5n, 5n, 5n]);
    expect(redriven.stdout.split('\n').filter((line) => line.startsWith('replay'))).toHaveLength(5);
    expect(redriven.stdout).toMatch(/replay\s+\S+\s+Count p1-0 → right\|p1/);
    expect([await count('left', 'p1'), await count('right', 'p1')]).toEqual([5n, 5n]);
    const expected = ['p1', 'p2'].flatMap((key) => Array.from({ length: 5 }, (_, n) => [`left/${key}/${n}`, `right/${key}/${n}`])).flat().sort();
    expect(await published(expected.length)).toEqual(expected);
  }, 120_000);

  it('never applies a redelivery twice, however busy the detector: 600 messages in 5 minutes, each delivered again 4 minutes later', async () => {
    // Arrange: 2 messages a second for 5 minutes (virtual time) to one detector pair, SQS message
    // ids as SQS makes them; before, only the last 256 ids were remembered.
    const clock = new VirtualClock(Date.now());
    const start = clock.now();
    const handler = createIngestQueue(stack.runtime({ clock }));
    const driver = new QueueDriver(stack);
    const id = (n: number) => `6f1c0000-9a2b-4c3d-8e4f-${n.toString(16).padStart(12, '0')}`;

    // Act: each second, that second's two messages, and the two of 240 s ago again.
    for (let second = 0; second < 300 + 240; second++) {
      clock.set(start + second * 1000);
      for (const n of [2 * second, 2 * second + 1]) if (second < 300) driver.send('IngestQueue', id(n), JSON.stringify({ vigilInputName: 'Count', id: 'busy', n }));
      for (const n of [2 * (second - 240), 2 * (second - 240) + 1]) if (second >= 240 && n < 600) driver.send('IngestQueue', id(n), JSON.stringify({ vigilInputName: 'Count', id: 'busy', n }), 2);
      await driver.drain(handler, { batchSize: 100 });
    }

    // Assert
    expect([await count('left', 'busy'), await count('right', 'busy')]).toEqual([600n, 600n]);
    const expected = Array.from({ length: 600 }, (_, n) => [`left/busy/${n}`, `right/busy/${n}`]).flat().sort();
    expect(await published(expected.length)).toEqual(expected);
  }, 300_000);

  it('replays a message an hour after an outage stopped half its detectors, applying it to the others only', async () => {
    // Arrange: right|late cannot be written for the first attempts; left|late applies at once.
    const clock = new VirtualClock(Date.now());
    let down = true;
    const rule = ({ operation, input }: DynamoRequest) => (down && operation === 'PutItem' && (input.Item as { pk: { S: string } }).pk.S === 'right|late' ? throttled() : undefined);
    const handler = createIngestQueue(stack.runtime({ clock, dynamodb: faultyDynamoDb(rule) }));
    const driver = new QueueDriver(stack);
    driver.send('IngestQueue', 'sqs-late', JSON.stringify({ vigilInputName: 'Count', id: 'late', n: 1 }));

    // Act: every retry fails; an hour later, far beyond the duplicate window, the operator redrives.
    await driver.settle(handler);
    clock.advance(3_600_000);
    down = false;
    const redriven = await redrive(driver, createIngestQueue(stack.runtime({ clock })));

    // Assert
    expect(redriven.stdout).toMatch(/^replay\s+\S+\s+Count sqs-late → right\|late /m);
    expect([await count('left', 'late'), await count('right', 'late')]).toEqual([1n, 1n]);
    expect(await published(2)).toEqual(['left/late/1', 'right/late/1']);
  });

  it('performs each action once when the dispatcher dies after a commit and the message comes again', async () => {
    // Arrange
    const handler = createIngestQueue(stack.runtime());
    const driver = new QueueDriver(stack);
    driver.send('InternalQueue', 'sqs-crash', message('crash', 1));
    await driver.drain(handler);

    // Act: SQS delivers it again to another container; the first dispatch invocation dies.
    driver.send('InternalQueue', 'sqs-crash', message('crash', 1), 2);
    await driver.drain(createIngestQueue(stack.runtime()));
    await stack.dispatch(stack.runtime(), { crashFirst: true });

    // Assert
    expect((await stack.receiveExactly('AlertsInboxQueue', 2)).map((body) => JSON.parse(body).Message).sort()).toEqual(['left/crash/1', 'right/crash/1']);
    expect([await count('left', 'crash'), await count('right', 'crash')]).toEqual([1n, 1n]);
  });
});
