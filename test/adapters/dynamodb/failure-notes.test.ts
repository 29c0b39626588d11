import { deflateRawSync } from 'node:zlib';
import { BatchWriteItemCommand, DynamoDBClient, GetItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoFailureNotes } from '../../../lib/adapters/dynamodb/failure-notes';
import { DynamoTraceStore } from '../../../lib/adapters/dynamodb/trace-store';
import type { ActionEffect } from '../../../lib/engine';
import { VirtualClock } from '../../../local/virtual-clock';

const TABLE = 'vigil-test-traces';
const T0 = Date.now();
const dynamodb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'us-east-1' });
const clock = new VirtualClock(T0);

function effect(actionExecutionId: string): ActionEffect {
  return { actionExecutionId, eventName: 'alarm', detectorModelName: 'motor', detectorModelVersion: '1', keyValue: 'm1', time: T0, path: '', type: 'sns', targetArn: 'arn:aws:sns:eu-west-1:123456789012:nowhere', payload: { type: 'STRING', text: 'x' } };
}
const failure = (id: string, message = 'Topic does not exist') => ({ effect: effect(id), ok: false as const, attempts: 2, error: Object.assign(new Error(message), { name: 'NotFoundException' }) });
const written = () => dynamodb.commandCalls(BatchWriteItemCommand).flatMap((call) => (call.args[0].input.RequestItems?.[TABLE] ?? []).map((request) => request.PutRequest?.Item as Record<string, AttributeValue>));

describe('DynamoFailureNotes', () => {
  beforeEach(() => {
    dynamodb.reset();
    dynamodb.on(BatchWriteItemCommand).resolves({ UnprocessedItems: {} });
  });

  it('notes each failed action once under its detector, keyed by its actionExecutionId, with why, a cut error and the traces’ TTL', async () => {
    // Arrange
    const notes = new DynamoFailureNotes({ client, tableName: TABLE, clock });

    // Act
    await notes.record([failure('a1'), failure('a1'), failure('a2', 'x'.repeat(5000))]);

    // Assert
    const items = written();
    expect(items.map((item) => item.pk.S)).toEqual(['failed#motor|m1', 'failed#motor|m1']);
    expect(new Set(items.map((item) => item.slot.N)).size).toBe(2);
    expect(items[0].ttl.N).toBe(String(Math.floor((T0 + 30 * 24 * 3_600_000) / 1000)));
    expect(JSON.parse(items[0].note.S as string)).toEqual({ detector: 'motor|m1', actionExecutionId: 'a1', action: 'sns', eventName: 'alarm', target: 'arn:aws:sns:eu-west-1:123456789012:nowhere', error: 'NotFoundException: Topic does not exist', attempts: 2, failedAt: T0 });
    expect(JSON.parse(items[1].note.S as string).error).toHaveLength(1000);
  });

  it('notes an alarm instance\'s failed action under failed#alarm:<model>|<key>, apart from a detector model of the same name and key', async () => {
    // Arrange: an alarm model and a detector model both called motor, each with an instance m1.
    const notes = new DynamoFailureNotes({ client, tableName: TABLE, clock });
    dynamodb.on(QueryCommand).resolves({ Items: [] });

    // Act
    await notes.record([failure('detector-action'), { ...failure('alarm-action'), alarm: true }]);
    await notes.of({ model: 'motor', keyValue: 'm1' });
    await notes.ofAlarm({ model: 'motor', keyValue: 'm1' });

    // Assert
    const items = written();
    expect(items.map((item) => item.pk.S)).toEqual(['failed#motor|m1', 'failed#alarm:motor|m1']);
    expect(items.map((item) => JSON.parse(item.note.S as string).detector)).toEqual(['motor|m1', 'alarm:motor|m1']);
    expect(dynamodb.commandCalls(QueryCommand).map((call) => call.args[0].input.ExpressionAttributeValues?.[':pk'].S)).toEqual(['failed#motor|m1', 'failed#alarm:motor|m1']);
  });

  it('reads back a note its stream names, and ignores keys that are not failure notes', async () => {
    // Arrange
    const notes = new DynamoFailureNotes({ client, tableName: TABLE, clock });
    await notes.record([failure('a1')]);
    const [item] = written();
    dynamodb.on(GetItemCommand).resolves({ Item: item });

    // Act
    const found = await notes.at({ pk: item.pk, slot: item.slot });
    const page = await notes.at({ pk: { S: 'page#p1' }, slot: { N: '0' } });

    // Assert
    expect(found?.actionExecutionId).toBe('a1');
    expect(page).toBeUndefined();
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(1);
  });

  it('lets vigil trace mark the failed actions of a detector’s traces, leaving out notes past their TTL', async () => {
    // Arrange
    const notes = new DynamoFailureNotes({ client, tableName: TABLE, clock });
    await notes.record([failure('a2')]);
    const [note] = written();
    const expired = { ...note, ttl: { N: String(Math.floor(T0 / 1000) - 1) }, note: { S: note.note.S?.replace('"a2"', '"a1"') as string } };
    const legacy = (actions: object[]) => ({ pk: { S: 'motor|m1' }, slot: { N: '0' }, at: { N: String(T0) }, trace: { B: deflateRawSync(JSON.stringify({ timestamp: 't', actions })) } });
    dynamodb.on(QueryCommand).callsFake((input) => ({ Items: input.ExpressionAttributeValues[':pk'].S.startsWith('failed#') ? [note, expired] : [legacy([{ actionExecutionId: 'a1' }, { actionExecutionId: 'a2' }])] }));
    const store = new DynamoTraceStore({ client, tableName: TABLE, clock });

    // Act
    const [trace] = await store.recent({ model: 'motor', keyValue: 'm1' }, undefined);

    // Assert
    expect(trace.actions).toEqual([
      { actionExecutionId: 'a1' },
      { actionExecutionId: 'a2', failure: { error: 'NotFoundException: Topic does not exist', attempts: 2, failedAt: new Date(T0).toISOString(), target: 'arn:aws:sns:eu-west-1:123456789012:nowhere' } },
    ]);
  });
});
