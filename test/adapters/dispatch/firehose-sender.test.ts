import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../../lib/adapters/dispatch';
import { firehoseEffect, instantRetry, json } from './effects';

const text = (data: Uint8Array | undefined) => Buffer.from(data ?? new Uint8Array()).toString('utf8');

describe('firehose actions', () => {
  const firehose = new FirehoseClient({ region: 'us-east-1' });
  const firehoseMock = mockClient(firehose);
  let dispatcher: ReturnType<typeof createActionDispatcher>;

  beforeEach(() => {
    firehoseMock.reset();
    firehoseMock.on(PutRecordBatchCommand).resolves({ FailedPutCount: 0, RequestResponses: [] });
    dispatcher = createActionDispatcher({ clients: { firehose }, retry: instantRetry().retry });
  });

  it('puts the payload followed by the separator', async () => {
    // Arrange
    const effects = [firehoseEffect({ separator: '\n', payload: json('{"a": 1.0}') }), firehoseEffect({ separator: '\r\n', payload: json('{"b": 2}') })];

    // Act
    const outcomes = await dispatcher.dispatch(effects);

    // Assert
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(firehoseMock).toHaveReceivedCommandWith(PutRecordBatchCommand, { DeliveryStreamName: 'telemetry' });
    const records = firehoseMock.commandCalls(PutRecordBatchCommand)[0].args[0].input.Records ?? [];
    expect(records.map((record) => text(record.Data))).toEqual(['{"a": 1.0}\n', '{"b": 2}\r\n']);
  });

  it('puts the payload alone when the action has no separator', async () => {
    // Act
    await dispatcher.dispatch([firehoseEffect({ payload: json('{"a": 1}') })]);

    // Assert
    const records = firehoseMock.commandCalls(PutRecordBatchCommand)[0].args[0].input.Records ?? [];
    expect(records.map((record) => text(record.Data))).toEqual(['{"a": 1}']);
  });

  it('batches per stream, at most 500 records per call', async () => {
    // Arrange
    const effects = [...Array.from({ length: 501 }, () => firehoseEffect()), firehoseEffect({ deliveryStreamName: 'audit' })];

    // Act
    await dispatcher.dispatch(effects);

    // Assert
    const calls = firehoseMock.commandCalls(PutRecordBatchCommand).map((call) => [call.args[0].input.DeliveryStreamName, call.args[0].input.Records?.length]);
    expect(calls).toEqual(expect.arrayContaining([['telemetry', 500], ['telemetry', 1], ['audit', 1]]));
  });

  it('puts again only the records whose response has a transient ErrorCode', async () => {
    // Arrange
    const effects = [firehoseEffect({ payload: json('"a"') }), firehoseEffect({ payload: json('"b"') })];
    firehoseMock
      .on(PutRecordBatchCommand)
      .resolvesOnce({ FailedPutCount: 1, RequestResponses: [{ RecordId: 'r1' }, { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' }] })
      .resolves({ FailedPutCount: 0, RequestResponses: [{ RecordId: 'r2' }] });

    // Act
    const outcomes = await dispatcher.dispatch(effects);

    // Assert
    expect(outcomes.map((outcome) => [outcome.ok, outcome.attempts])).toEqual([
      [true, 1],
      [true, 2],
    ]);
    const retried = firehoseMock.commandCalls(PutRecordBatchCommand)[1].args[0].input.Records ?? [];
    expect(retried.map((record) => text(record.Data))).toEqual(['"b"']);
  });
});
