import { MAX_BATCH_MESSAGES, batchMessages } from '../../lib/runtime/rule-batch';
import { messagesFromQueueBody } from '../../lib/runtime/rule-message';

/** A batch rule's output, as `SELECT encode(*, 'base64') AS vigilRaw, '<In>' AS vigilInputName, true AS vigilBatchMode, …` makes it. */
function output(payload: string, fields: Record<string, unknown> = {}) {
  return { vigilRaw: Buffer.from(payload).toString('base64'), vigilInputName: 'Pressure', vigilBatchMode: true, ...fields };
}

const summary = (reads: ReturnType<typeof messagesFromQueueBody>) => reads.map((read) => ('error' in read ? read : [read.messageId, read.inputName, read.payload]));

describe('batch mode (true AS vigilBatchMode)', () => {
  it('reads an array payload as one message per element, each with the fields the rule added and an id derived from the delivery', () => {
    // Act
    const reads = messagesFromQueueBody(JSON.stringify(output('[{"p": 10.0}, {"p": 80, "motorid": "forged"}]', { motorid: 'M-1' })), 'sqs-1', 'telemetry');

    // Assert: the rule's key wins over the element's; numbers keep their JSON text.
    expect(summary(reads)).toEqual([
      ['sqs-1_0', 'Pressure', '{"p":10.0,"motorid":"M-1"}'],
      ['sqs-1_1', 'Pressure', '{"p":80,"motorid":"M-1"}'],
    ]);
    expect(reads[0]).toMatchObject({ origin: 'telemetry', parsed: { motorid: 'M-1' } });
  });

  it('gives a redelivered batch the same ids, so detectors recognise what they applied', () => {
    // Arrange
    const body = JSON.stringify(output('[{"p": 1}, {"p": 2}]'));

    // Act
    const first = messagesFromQueueBody(body, 'sqs-9', 'telemetry');
    const again = messagesFromQueueBody(body, 'sqs-9', 'telemetry');

    // Assert
    expect(again).toEqual(first);
    expect(first.map((read) => ('messageId' in read ? read.messageId : read))).toEqual(['sqs-9_0', 'sqs-9_1']);
  });

  it('derives the ids from the rule’s vigilMessageId when a hand-written rule selects one, and treats an element’s messageId as payload', () => {
    // Act
    const reads = batchMessages(output('[{"messageId": "own"}]', { vigilMessageId: 'dev-7', vigilTimestamp: 1_700_000_000_000n }), 'sqs-1');

    // Assert
    expect(reads).toEqual([{ messageId: 'dev-7_0', inputName: 'Pressure', payload: '{"messageId":"own"}', parsed: { messageId: 'own' }, timestamp: 1_700_000_000_000, origin: 'telemetry' }]);
  });

  it('finds an element that is not a JSON object unreadable on its own, with its id and text, and reads the others', () => {
    // Act
    const reads = messagesFromQueueBody(JSON.stringify(output('[{"p": 1}, 42, null, [1], {"p": 2}]')), 'sqs-1', 'telemetry');

    // Assert
    expect(summary(reads)).toEqual([
      ['sqs-1_0', 'Pressure', '{"p":1}'],
      { error: 'element 1 of the batch must be a JSON object, not a number', element: { messageId: 'sqs-1_1', body: '42' } },
      { error: 'element 2 of the batch must be a JSON object, not null', element: { messageId: 'sqs-1_2', body: 'null' } },
      { error: 'element 3 of the batch must be a JSON object, not an array', element: { messageId: 'sqs-1_3', body: '[1]' } },
      ['sqs-1_4', 'Pressure', '{"p":2}'],
    ]);
  });

  it.each([
    ['an empty array', '[]', 0],
    [`more than ${MAX_BATCH_MESSAGES} messages`, JSON.stringify(Array.from({ length: MAX_BATCH_MESSAGES + 1 }, (_, i) => ({ i }))), MAX_BATCH_MESSAGES + 1],
  ])('finds %s unreadable whole, as AWS’s BatchPutMessage fails whole', (_, payload, count) => {
    expect(messagesFromQueueBody(JSON.stringify(output(payload)), 'sqs-1', 'telemetry')).toEqual([{ error: `a batch holds 1 to ${MAX_BATCH_MESSAGES} messages (AWS IoT Events' BatchMode limit), this one ${count}` }]);
  });

  it('reads exactly 10 messages', () => {
    expect(messagesFromQueueBody(JSON.stringify(output(JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ i }))))), 'sqs-1', 'telemetry')).toHaveLength(10);
  });

  it('reads a payload that is not an array as one message under the delivery’s id, as without batch mode', () => {
    expect(summary(messagesFromQueueBody(JSON.stringify(output('{"p": 5}')), 'sqs-1', 'telemetry'))).toEqual([['sqs-1', 'Pressure', '{"p":5}']]);
  });

  it('refuses a batch rule that does not select vigilRaw, and a batch for a built-in lifecycle input', () => {
    expect(batchMessages({ vigilInputName: 'Pressure', vigilBatchMode: true, p: 1 }, 'sqs-1')).toEqual([{ error: expect.stringContaining("must select the payload as encode(*, 'base64') AS vigilRaw") }]);
    expect(batchMessages(output('[{"clientId": "c"}]', { vigilInputName: 'AwsIotPresence' }), 'sqs-1')).toEqual([{ error: expect.stringContaining('AwsIotPresence is a built-in lifecycle input') }]);
  });

  it('leaves an output without the batch flag, or whose flag is not true, to be read as one message', () => {
    expect(batchMessages({ vigilRaw: Buffer.from('[{}]').toString('base64'), vigilInputName: 'Pressure' }, 'sqs-1')).toBeUndefined();
    expect(batchMessages(output('[{}]', { vigilBatchMode: 'true' }), 'sqs-1')).toBeUndefined();
  });

  it('never reads a batch from the lifecycle queue', () => {
    expect(messagesFromQueueBody(JSON.stringify(output('[{}]')), 'sqs-1', 'lifecycle')).toEqual([{ error: expect.stringContaining('the lifecycle queue takes only the output of the $aws/events rule') }]);
  });
});
