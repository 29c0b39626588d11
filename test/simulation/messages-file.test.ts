import fc from 'fast-check';
import { parseTypedJson } from '../../lib/expression';
import { MessagesFileError, parseMessagesFile, readMessages, type SimulatedMessage } from '../../lib/simulation';
import { readMessageFields } from '../../lib/simulation/message-fields';

const messages = (text: string) => parseMessagesFile(text, 0);
const line = (id: string, key: string) => `{"messageId": "${id}", "inputName": "In", "payload": {"id": "${key}", "v": 1.50}, "timestamp": 1000}`;

describe('readMessages', () => {
  it('reads the same messages from JSON lines, a JSON array and a BatchPutMessage body', () => {
    // Arrange
    const lines = [line('a', 'k'), line('b', 'j')];
    // Act
    const fromLines = messages(lines.join('\n'));
    const fromArray = messages(`[\n${lines.join(',\n')}\n]`);
    const fromBody = messages(`{"messages": [${lines.join(', ')}]}`);
    // Assert
    expect(fromLines.map((m) => m.messageId)).toEqual(['a', 'b']);
    expect(fromArray).toEqual(fromLines);
    expect(fromBody.map(({ messageId, inputName, payload, timestamp }) => ({ messageId, inputName, payload, timestamp }))).toEqual(
      fromLines.map(({ messageId, inputName, payload, timestamp }) => ({ messageId, inputName, payload, timestamp })),
    );
  });

  it('sends an object payload as its own text in the file, numbers as written', () => {
    const [message] = messages(line('a', 'k'));
    expect(message.raw).toBe('{"id": "k", "v": 1.50}');
    expect(message.payload).toEqual({ id: 'k', v: 1.5 });
  });

  it('yields every message before a part that is not a message, then names that part by its line', () => {
    // Arrange
    const text = [line('a', 'k'), line('b', 'k'), '{"messageId": "c", "inputName": "In", "payload": {"id": }}', line('d', 'k')].join('\n');
    const seen: string[] = [];
    let error: unknown;
    // Act
    try {
      for (const message of readMessages([Buffer.from(text)], 0)) seen.push(message.messageId);
    } catch (thrown) {
      error = thrown;
    }
    // Assert
    expect(seen).toEqual(['a', 'b']);
    expect(error).toBeInstanceOf(MessagesFileError);
    expect(error).toMatchObject({ line: 3, message: expect.stringMatching(/^line 3: not JSON: /) });
  });

  it('hands each part that is not a message to onError, with its line, and reads on', () => {
    // Arrange: a line that is not JSON, then an array holding a bad payload and a value that is no message.
    const text = [line('a', 'k'), '{"messageId": "b", "inputName": }', line('c', 'k'), '[{"messageId": "d", "inputName": "In", "payload": 42},', '7, ' + line('e', 'k') + ']'].join('\n');
    const errors: MessagesFileError[] = [];
    // Act
    const seen = [...readMessages([Buffer.from(text)], 0, (error) => errors.push(error))].map((message) => message.messageId);
    // Assert
    expect(seen).toEqual(['a', 'c', 'e']);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^line 2: not JSON: /),
      'line 4: the payload of message "d" must be a string or an object',
      'line 5: not a message: 7',
    ]);
  });

  it.each([
    ['a payload that is a number', '{"messageId": "a", "inputName": "In", "payload": 42}', /^line 1: the payload of message "a" must be a string or an object$/],
    ['a value that is no message', '[{"messageId": "a", "inputName": "In", "payload": {}}, 7]', /^line 1: not a message: 7$/],
  ])('refuses %s', (_, text, error) => {
    expect(() => messages(text)).toThrow(error);
  });

  it('leaves a payload nested deeper than the runtime accepts for the runtime to refuse, in its own words', () => {
    // Arrange: 65 levels of payload, one more than a payload may have.
    const deep = `${'{"a": '.repeat(64)}{}${'}'.repeat(64)}`;
    // Act
    const [message] = messages(`{"messageId": "deep", "inputName": "In", "payload": ${deep}}`);
    // Assert
    expect(message).toEqual({ messageId: 'deep', inputName: 'In', raw: deep, payload: undefined, timestamp: 0 });
  });

  it('reads a message in the common shape exactly as parsing it whole would', () => {
    // Property: messages with any ids, names and payloads, members in any order, spaced or not.
    const member = fc.record({
      messageId: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
      inputName: fc.string({ unit: 'binary' }),
      payload: fc.oneof(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()), fc.json()),
      timestamp: fc.option(fc.integer({ min: 0, max: 2 ** 45 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(member, fc.boolean(), fc.boolean(), (fields, reversed, spaced) => {
        // Arrange
        const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
        const text = `{${(reversed ? entries.reverse() : entries).map(([name, value]) => `"${name}":${spaced ? ' ' : ''}${JSON.stringify(value)}`).join(spaced ? ', ' : ',')}}`;
        // Act
        const quick = readMessageFields(text);
        // Assert: read, and what a whole parse reads.
        const whole = parseTypedJson(text) as Record<string, unknown>;
        expect(quick).toBeDefined();
        expect(quick?.messageId).toBe(whole.messageId);
        expect(quick?.inputName).toBe(whole.inputName);
        expect(quick?.timestamp).toBe(whole.timestamp === undefined ? undefined : Number(whole.timestamp));
        if (typeof whole.payload === 'string') expect(quick?.payloadText).toBe(whole.payload);
        else expect(quick?.payload).toEqual(whole.payload);
      }),
    );
  });

  it('leaves to a whole parse whatever is not the common shape or not valid JSON', () => {
    for (const text of [
      '{"messageId": "a", "inputName": "In", "payload": {}, "extra": 1}',
      '{"messageId": "a", "messageId": "b", "inputName": "In", "payload": {}}',
      '{"inputName": "In", "payload": {"a": 1, "a": 2}}',
      '{"inputName": "In", "payload": {}, "timestamp": 01}',
      '{"inputName": "In", "payload": {},}',
      '{"inputName": "In\u0001", "payload": {}}',
      '{"inputName": "In", "payload": {}} x',
    ]) {
      expect(readMessageFields(text)).toBeUndefined();
    }
  });
});

describe('parseMessagesFile', () => {
  it('numbers messages without an id from the start of the file, across lines', () => {
    const read: SimulatedMessage[] = messages('{"inputName": "In", "payload": {}}\n{"inputName": "In", "payload": "{}"}');
    expect(read.map((m) => [m.messageId, m.timestamp])).toEqual([['message-1', 0], ['message-2', 1000]]);
  });
});
