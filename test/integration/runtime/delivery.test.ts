import type { SQSEvent } from 'aws-lambda';
import { createHandler as createDataApi } from '../../../functions/data-api';
import { createHandler as createIngestQueue } from '../../../functions/ingest-queue';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import type { Telemetry } from '../../../lib/ports';
import { apiEvent, batch } from '../api-event';
import { createTestStack, envelopeBody, lambdaContext, queueRecord, type TestStack } from '../stack';

const inputs: CreateInputRequest[] = [
  { inputName: 'Count', inputDefinition: { attributes: [{ jsonPath: 'id' }] } },
  { inputName: 'Notify', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'n' }] } },
];

/** Counts every message of its input; optionally notifies on each one. */
function counter(name: string, input: string, notifyTopic?: string): CreateDetectorModelRequest {
  return {
    detectorModelName: name,
    key: 'id',
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
                condition: `currentInput("${input}")`,
                actions: [
                  { setVariable: { variableName: 'count', value: '$variable.count + 1' } },
                  ...(notifyTopic ? [{ sns: { targetArn: notifyTopic, payload: { contentExpression: `'seen \${$input.${input}.n}'`, type: 'STRING' as const } } }] : []),
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

/** An SQS event of the internal queue carrying Vigil envelopes (for input Count unless said otherwise). */
function sqsEvent(records: { id: string; key: string; n: number }[], inputName = 'Count'): SQSEvent {
  return { Records: records.map(({ id, key, n }) => queueRecord(stack, 'InternalQueue', `sqs-${id}`, envelopeBody(inputName, id, `{"id": "${key}", "n": ${n}}`))) };
}

function countingTelemetry(): Telemetry & { counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  return { counts, log: () => undefined, count: (metric, value = 1) => void (counts[metric] = (counts[metric] ?? 0) + value) };
}

async function count(stack: TestStack, model: string, key: string): Promise<bigint | undefined> {
  const detector = await stack.runtime().detectors.get({ model, keyValue: key });
  return detector?.snapshot.variables.count as bigint | undefined;
}

describe('delivery guarantees against DynamoDB Local and fauxqs', () => {
  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([counter('concurrent', 'Count'), counter('notify', 'Notify', stack.provisioned.topics.AlertsTopic.arn)], inputs);
  });

  it('loses no update when 20 invocations of 50 messages each hit one key at once', async () => {
    // Arrange: 20 "containers", each with its own runtime and DynamoDB client.
    const telemetry = countingTelemetry();
    const invocations = Array.from({ length: 20 }, (_, i) => {
      const handler = createIngestQueue(stack.runtime({ telemetry }));
      const event = sqsEvent(Array.from({ length: 50 }, (_, j) => ({ id: `c-${i}-${j}`, key: 'hot', n: j })));
      return { handler, event };
    });
    // Act
    const responses = await Promise.all(invocations.map(({ handler, event }) => handler(event, lambdaContext())));
    // Assert
    expect(responses.every((response) => response.batchItemFailures.length === 0)).toBe(true);
    expect(await count(stack, 'concurrent', 'hot')).toBe(1000n);
    expect(telemetry.counts.WriteConflicts).toBeGreaterThan(0);
  }, 120_000);

  it('performs every action once when every message is delivered twice', async () => {
    // Arrange: ten messages, each sent twice, in the same batch and again in a later one.
    const handler = createIngestQueue(stack.runtime());
    const messages = Array.from({ length: 10 }, (_, n) => ({ id: `d-${n}`, key: 'dup', n }));
    // Act
    await handler(sqsEvent([...messages, ...messages], 'Notify'), lambdaContext());
    await handler(sqsEvent(messages, 'Notify'), lambdaContext());
    await stack.dispatch();
    const received = await stack.receiveExactly('AlertsInboxQueue', 10);
    // Assert
    expect(await count(stack, 'notify', 'dup')).toBe(10n);
    expect(received.map((body) => JSON.parse(body).Message).sort()).toEqual(messages.map(({ n }) => `seen ${n}`).sort());
  });

  it('performs the action exactly once when a container dies between commit and dispatch and the message is redelivered', async () => {
    // Arrange: the first container commits, then "dies" before anything is dispatched.
    const message = [{ id: 'crash-1', key: 'crash', n: 1 }];
    await createIngestQueue(stack.runtime())(sqsEvent(message, 'Notify'), lambdaContext());
    // Act: SQS redelivers to a new container; the first dispatch invocation dies too, and is retried.
    await createIngestQueue(stack.runtime())(sqsEvent(message, 'Notify'), lambdaContext());
    await stack.dispatch(stack.runtime(), { crashFirst: true });
    const received = await stack.receiveExactly('AlertsInboxQueue', 1);
    // Assert
    expect(received.map((body) => JSON.parse(body).Message)).toEqual(['seen 1']);
    expect(await count(stack, 'notify', 'crash')).toBe(1n);
  });

  it('reports each poison message in the API response and processes the rest of the batch', async () => {
    // Arrange
    const handler = createDataApi(stack.runtime());
    const body = batch(
      { messageId: 'bad-json', inputName: 'Count', payload: '{"id": "p", ' },
      { messageId: 'no-key', inputName: 'Count', payload: '{"n": 1}' },
      { messageId: 'unknown-input', inputName: 'Nobody', payload: '{"id": "p"}' },
      { messageId: 'huge', inputName: 'Count', payload: JSON.stringify({ id: 'p', blob: 'x'.repeat(2 * 1024 * 1024) }) },
      { messageId: 'good', inputName: 'Count', payload: '{"id": "p", "n": 1}' },
    );
    // Act
    const response = await handler(apiEvent('POST', '/inputs/messages', body), lambdaContext());
    // Assert
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body as string).BatchPutMessageErrorEntries).toEqual([
      { messageId: 'bad-json', errorCode: 'InvalidRequestException', errorMessage: expect.stringMatching(/^payload is not valid JSON/) },
      { messageId: 'no-key', errorCode: 'InvalidRequestException', errorMessage: expect.stringMatching(/no key attribute 'id'/) },
      { messageId: 'unknown-input', errorCode: 'ResourceNotFoundException', errorMessage: 'input Nobody does not exist' },
      { messageId: 'huge', errorCode: 'InvalidRequestException', errorMessage: expect.stringMatching(/^payload is \d+ bytes; the limit is 131072$/) },
    ]);
    expect(await count(stack, 'concurrent', 'p')).toBe(1n);
  });

  it('sends poison queue messages to the dead-letter queue with their reason and acknowledges the rest', async () => {
    // Arrange
    const handler = createIngestQueue(stack.runtime());
    const good = sqsEvent([{ id: 'q-good', key: 'q', n: 1 }]).Records[0];
    const records = [
      queueRecord(stack, 'InternalQueue', 'q-bad-json', '{"vigilEnvelope": '),
      queueRecord(stack, 'IngestQueue', 'q-no-input', '{"id": "q"}'),
      queueRecord(stack, 'InternalQueue', 'q-no-key', envelopeBody('Count', 'nk', '{}')),
      good,
    ];
    // Act
    const response = await handler({ Records: records } as SQSEvent, lambdaContext());
    const dead = await stack.receive('IngestDeadLetterQueue', 3);
    // Assert: nothing is retried, the poison is kept with its reason, the good message counted.
    expect(response.batchItemFailures).toEqual([]);
    expect(dead.sort()).toEqual([records[0].body, records[1].body, records[2].body].sort());
    expect(await count(stack, 'concurrent', 'q')).toBe(1n);
  });
});
