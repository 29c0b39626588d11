import type { SQSEvent } from 'aws-lambda';
import { createHandler as createIngestQueue } from '../../../functions/ingest-queue';
import type { CreateAlarmModelRequest, CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { alarmBody } from '../../helpers/alarm';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { processBatch } from '../../../lib/runtime/process-batch';
import { faultyDynamoDb, throttled, type DynamoRequest } from '../../support/faulty-dynamodb';
import { createTestStack, envelopeBody, lambdaContext, queueRecord, type TestStack } from '../stack';
import { AlarmModels } from './alarm-stack';

const inputs: CreateInputRequest[] = [{ inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } }];

/** A detector model reading the same input as the alarm model: counts its messages. */
const counter: CreateDetectorModelRequest = {
  detectorModelName: 'tempCounter',
  key: 'id',
  detectorModelDefinition: {
    initialStateName: 'Counting',
    states: [
      {
        stateName: 'Counting',
        onEnter: { events: [{ eventName: 'init', actions: [{ setVariable: { variableName: 'count', value: '0' } }] }] },
        onInput: { events: [{ eventName: 'count', condition: 'currentInput("Temp")', actions: [{ setVariable: { variableName: 'count', value: '$variable.count + 1' } }] }] },
      },
    ],
  },
};

let stack: TestStack;
let alarms: AlarmModels;

function alarmModel(name: string, extra: Record<string, unknown> = {}): CreateAlarmModelRequest {
  return alarmBody({
    alarmModelName: name,
    roleArn: 'arn:aws:iam::000000000000:role/vigil-test-models',
    alarmEventActions: { alarmActions: [{ sns: { targetArn: stack.provisioned.topics.AlertsTopic.arn } }] },
    ...extra,
  }) as unknown as CreateAlarmModelRequest;
}

/** An SQS event of the internal queue: Temp messages `{id, value}`. */
function temps(records: { id: string; key: string; value: number }[]): SQSEvent {
  return { Records: records.map(({ id, key, value }) => queueRecord(stack, 'InternalQueue', `sqs-${id}`, envelopeBody('Temp', id, JSON.stringify({ id: key, value })))) };
}

async function alertStates(count: number): Promise<string[]> {
  const bodies = await stack.receiveExactly('AlertsInboxQueue', count);
  return bodies.map((body) => (JSON.parse(JSON.parse(body).Message as string) as { alarmState: { stateName: string } }).alarmState.stateName);
}

describe('alarm instances in the detectors table (DynamoDB Local, fauxqs)', () => {
  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([counter], inputs);
    alarms = new AlarmModels();
  });

  it('delivers one message to a detector model and an alarm model alike, and performs the alarm action once from the stream', async () => {
    // Arrange
    alarms.put(alarmModel('both'));
    const runtime = alarms.runtime(stack);
    const ingest = createIngestQueue(runtime);

    // Act
    const response = await ingest(temps([{ id: 'b-1', key: 'pump-1', value: 35 }]), lambdaContext());
    await stack.dispatch(runtime);

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    const detector = await runtime.detectors.get({ model: 'tempCounter', keyValue: 'pump-1' });
    const alarm = await runtime.alarms.get({ model: 'both', keyValue: 'pump-1' });
    expect(detector?.snapshot.variables.count).toBe(1n);
    expect(alarm?.snapshot).toMatchObject({ stateName: 'ACTIVE', alarmModelVersion: '1', ruleEvaluation: { inputPropertyValue: '35', thresholdValue: '30' } });
    expect(await alertStates(1)).toEqual(['ACTIVE']);
    alarms.delete('both');
  });

  it('ignores a message id it applied within the window: no second evaluation, no second action', async () => {
    // Arrange
    alarms.put(alarmModel('dupes', { alarmCapabilities: { initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled: false } } }));
    const runtime = alarms.runtime(stack);
    const ingest = createIngestQueue(runtime);
    await ingest(temps([{ id: 'd-1', key: 'pump-2', value: 35 }]), lambdaContext());

    // Act: the same message again, then a later one that clears it
    await ingest(temps([{ id: 'd-1', key: 'pump-2', value: 35 }]), lambdaContext());
    await ingest(temps([{ id: 'd-1', key: 'pump-2', value: 35 }, { id: 'd-2', key: 'pump-2', value: 10 }]), lambdaContext());
    await stack.dispatch(runtime);

    // Assert
    const alarm = await runtime.alarms.get({ model: 'dupes', keyValue: 'pump-2' });
    expect(alarm?.snapshot).toMatchObject({ stateName: 'NORMAL', sequence: 2 });
    expect(await alertStates(2)).toEqual(['ACTIVE', 'NORMAL']);
    alarms.delete('dupes');
  });

  it('loses no update when 10 invocations hit one alarm instance at once, and performs each committed state change exactly once', async () => {
    // Arrange: 10 containers, 10 messages each, alternating above and below the threshold.
    alarms.put(alarmModel('hot', { alarmCapabilities: { initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled: false } } }));
    const invocations = Array.from({ length: 10 }, (_, i) => ({
      handler: createIngestQueue(alarms.runtime(stack)),
      event: temps(Array.from({ length: 10 }, (_, j) => ({ id: `h-${i}-${j}`, key: 'hot', value: j % 2 ? 10 : 50 }))),
    }));

    // Act
    const responses = await Promise.all(invocations.map(({ handler, event }) => handler(event, lambdaContext())));
    const runtime = alarms.runtime(stack);
    await stack.dispatch(runtime);

    // Assert: every message was applied (none lost), and every state change sent exactly one alert.
    expect(responses.every((response) => response.batchItemFailures.length === 0)).toBe(true);
    const alarm = await runtime.alarms.get({ model: 'hot', keyValue: 'hot' });
    const changes = alarm?.snapshot.sequence ?? 0;
    expect(changes).toBeGreaterThan(0);
    expect(await alertStates(changes)).toHaveLength(changes);
    alarms.delete('hot');
  });

  it('fails only the alarm instance whose write was throttled: the retry goes to it alone, and the detector applies the message once', async () => {
    // Arrange: the first put of the alarm instance is throttled.
    alarms.put(alarmModel('narrow'));
    let throttledOnce = false;
    const dynamodb = faultyDynamoDb(({ operation, input }) => {
      const pk = ((input.Item as Record<string, { S?: string }> | undefined)?.pk?.S ?? '') as string;
      if (operation !== 'PutItem' || !pk.startsWith('alarm:narrow|') || throttledOnce) return undefined;
      throttledOnce = true;
      return throttled();
    });
    const runtime = alarms.runtime(stack, { dynamodb });

    // Act
    const response = await createIngestQueue(runtime)(temps([{ id: 'n-1', key: 'pump-9', value: 40 }]), lambdaContext());
    const [retry] = await stack.receive('InternalQueue', 1);
    await createIngestQueue(alarms.runtime(stack))({ Records: [queueRecord(stack, 'InternalQueue', 'sqs-retry', retry)] }, lambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(JSON.parse(retry)).toMatchObject({ messageId: 'n-1', targets: ['alarm:narrow|pump-9'] });
    expect((await runtime.alarms.get({ model: 'narrow', keyValue: 'pump-9' }))?.snapshot.stateName).toBe('ACTIVE');
    expect((await runtime.detectors.get({ model: 'tempCounter', keyValue: 'pump-9' }))?.snapshot.variables.count).toBe(1n);
    alarms.delete('narrow');
  });

  it('reads and writes an alarm instance once per batch, however many of its messages the batch holds', async () => {
    // Arrange: ten messages for one instance (and its detector), one batch.
    alarms.put(alarmModel('once', { alarmCapabilities: { initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled: false } } }));
    const requests: DynamoRequest[] = [];
    const dynamodb = faultyDynamoDb((request) => void requests.push(request));
    const runtime = alarms.runtime(stack, { dynamodb });
    const messages = Array.from({ length: 10 }, (_, i) => ({ messageId: `o-${i}`, inputName: 'Temp', payload: JSON.stringify({ id: 'pump-once', value: i % 2 ? 10 : 50 }) }));

    // Act
    const outcomes = await processBatch(messages, runtime, runtime.settings);

    // Assert: one BatchGetItem for the batch's detectors and one for its alarm instances; one put each.
    const alarmPuts = requests.filter((request) => request.operation === 'PutItem' && String((request.input.Item as Record<string, { S?: string }>).pk.S).startsWith('alarm:once|'));
    expect(outcomes.every((outcome) => outcome.status === 'processed')).toBe(true);
    expect(alarmPuts).toHaveLength(1);
    expect(requests.filter((request) => request.operation === 'BatchGetItem')).toHaveLength(2);
    expect((await runtime.alarms.get({ model: 'once', keyValue: 'pump-once' }))?.snapshot).toMatchObject({ stateName: 'NORMAL', sequence: 10 });
    alarms.delete('once');
  });

  it('rejects the messages of an alarm instance stored in a form it cannot read, leaves the item as it is, and applies them to the detector', async () => {
    // Arrange
    alarms.put(alarmModel('corrupt'));
    const item = { pk: { S: 'alarm:corrupt|pump-bad' }, version: { N: '3' }, snapshot: { S: '{"f":99}' } };
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: stack.config.detectorsTable, Item: item }));
    const runtime = alarms.runtime(stack);

    // Act
    const [outcome] = await processBatch([{ messageId: 'x-1', inputName: 'Temp', payload: '{"id": "pump-bad", "value": 50}' }], runtime, runtime.settings);

    // Assert
    expect(outcome).toMatchObject({ status: 'rejected', unapplied: ['alarm:corrupt|pump-bad'], message: expect.stringContaining('cannot be read') });
    expect((await stack.clients.dynamodb.send(new GetItemCommand({ TableName: stack.config.detectorsTable, Key: { pk: item.pk } }))).Item?.snapshot).toEqual(item.snapshot);
    expect((await runtime.detectors.get({ model: 'tempCounter', keyValue: 'pump-bad' }))?.snapshot.variables.count).toBe(1n);
    alarms.delete('corrupt');
  });
});
