import { createHandler as createIngestQueue } from '../../../functions/ingest-queue';
import { createHandler as createIngestRule } from '../../../functions/ingest-rule';
import type { CreateAlarmModelRequest, CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { alarmBody } from '../../helpers/alarm';
import { createTestStack, envelopeBody, lambdaContext, queueRecord, type TestStack } from '../stack';
import { AlarmModels } from './alarm-stack';

const inputs: CreateInputRequest[] = [
  { inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } },
  { inputName: 'Raw', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 't' }] } },
];

/** A detector model that turns every Raw message into a Temp message (an `iotEvents` action). */
const relay: CreateDetectorModelRequest = {
  detectorModelName: 'relay',
  key: 'id',
  detectorModelDefinition: {
    initialStateName: 'Relaying',
    states: [
      {
        stateName: 'Relaying',
        onInput: {
          events: [
            {
              eventName: 'forward',
              condition: 'currentInput("Raw")',
              actions: [{ iotEvents: { inputName: 'Temp', payload: { contentExpression: '\'{"id": "${$input.Raw.id}", "value": ${$input.Raw.t}}\'', type: 'JSON' } } }],
            },
          ],
        },
      },
    ],
  },
};

let stack: TestStack;
let alarms: AlarmModels;

async function stateOf(key: string) {
  return (await stack.runtime().alarms.get({ model: 'fed', keyValue: key }))?.snapshot.stateName;
}

describe('every ingestion path feeds alarm models', () => {
  beforeAll(async () => {
    stack = await createTestStack();
    await stack.seed([relay], inputs);
    alarms = new AlarmModels([alarmBody({ alarmModelName: 'fed', roleArn: 'arn:aws:iam::000000000000:role/r', alarmEventActions: undefined }) as unknown as CreateAlarmModelRequest]);
  });

  it('evaluates an alarm from the direct path (a topic rule invoking ingestRule), once however often Lambda retries the request', async () => {
    // Arrange
    const handler = createIngestRule(alarms.runtime(stack));

    // Act
    await handler({ id: 'rule-1', value: 50, vigilInputName: 'Temp' }, lambdaContext('req-a'));
    await handler({ id: 'rule-1', value: 50, vigilInputName: 'Temp' }, lambdaContext('req-a'));

    // Assert
    const alarm = await stack.runtime().alarms.get({ model: 'fed', keyValue: 'rule-1' });
    expect(alarm?.snapshot.stateName).toBe('ACTIVE');
    expect(alarm?.version).toBe(1);
  });

  it('evaluates an alarm from an iotEvents action of a detector model, through the internal queue', async () => {
    // Arrange: Raw reaches the relay detector, whose action sends Temp to Vigil's internal queue.
    const runtime = alarms.runtime(stack);
    const ingest = createIngestQueue(runtime);
    await ingest({ Records: [queueRecord(stack, 'InternalQueue', 'sqs-raw-1', envelopeBody('Raw', 'raw-1', '{"id": "relayed-1", "t": 99}'))] }, lambdaContext());
    await stack.dispatch(runtime);
    const forwarded = await stack.receive('InternalQueue', 1);

    // Act
    await ingest({ Records: forwarded.map((body, i) => queueRecord(stack, 'InternalQueue', `sqs-fwd-${i}`, body)) }, lambdaContext());

    // Assert
    expect(forwarded).toHaveLength(1);
    expect(await stateOf('relayed-1')).toBe('ACTIVE');
  });
});
