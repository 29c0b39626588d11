import { messagesFromQueueBody, messagesFromRuleEvent } from '../../lib/runtime/rule-message';
import { apis, message, motor, pressureInput } from '../api/motor';

/** `depth` arrays, one inside the other. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** The same as a parsed value, built without recursion. */
function nestedValue(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('messages nested too deeply', () => {
  it('finds a queue body nested 100,000 levels unreadable, saying why', () => {
    // Act
    const read = messagesFromQueueBody(`{"vigilInputName": "Count", "a": ${nested(100_000)}}`, 'sqs-1', 'telemetry');

    // Assert
    expect(read).toEqual([{ error: 'the message is not valid JSON: JSON nested more than 64 levels deep (at character 96); at most 64 levels of objects and arrays are accepted' }]);
  });

  it('finds a topic rule event nested 100,000 levels unreadable instead of overflowing the stack', () => {
    // Act
    const read = messagesFromRuleEvent({ vigilInputName: 'Count', a: nestedValue(100_000) }, 'req-1');

    // Assert
    expect(read).toEqual([{ error: 'the rule output is JSON nested more than 64 levels deep; at most 64 levels of objects and arrays are accepted' }]);
  });

  it('reads a topic rule event of ordinary depth as before', () => {
    // Act
    const read = messagesFromRuleEvent({ vigilInputName: 'Count', vigilMessageId: 'r1', a: nestedValue(10) }, 'req-1');

    // Assert
    expect(read).toMatchObject([{ inputName: 'Count', messageId: 'r1' }]);
  });

  it('rejects a BatchPutMessage payload nested 60,000 levels with an InvalidRequestException entry and applies the others', async () => {
    // Arrange: the payload stays under the 128 KiB payload limit
    const { call, data } = apis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', motor);
    const deep = { messageId: 'deep', inputName: 'PressureInput', payload: Buffer.from(`{"motorid": "m1", "a": ${nested(60_000)}}`).toString('base64') };

    // Act
    const answer = await data('POST', '/inputs/messages', { messages: [deep, message('ok', 'm2', 80)] });
    const other = await data('GET', '/detectors/motorDetectorModel/keyValues', undefined, { keyValue: 'm2' });

    // Assert
    expect(answer.status).toBe(200);
    expect(answer.body.BatchPutMessageErrorEntries).toEqual([
      { messageId: 'deep', errorCode: 'InvalidRequestException', errorMessage: 'payload is not valid JSON: JSON nested more than 64 levels deep (at character 86); at most 64 levels of objects and arrays are accepted' },
    ]);
    expect(other.status).toBe(200);
  });
});
