import { readFileSync, statSync } from 'node:fs';
import { readChunks } from '../../cli/files';
import { runCli } from '../helpers/cli';
import { jsonLines, tempFiles } from './temp-files';

const file = tempFiles();
/** Keyed by `id`; every message of `In` sends its `n` on, so the output says which messages ran, in order. */
const echo = file('echo.json', {
  detectorModelName: 'echo',
  key: 'id',
  roleArn: 'arn:aws:iam::123456789012:role/test',
  detectorModelDefinition: {
    initialStateName: 'S',
    states: [{ stateName: 'S', onInput: { events: [{ eventName: 'echo', condition: 'currentInput("In")', actions: [{ sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:t', payload: { contentExpression: "'${$input.In.n}'", type: 'STRING' } } }] }] } }],
  },
});
const message = (n: number) => JSON.stringify({ messageId: `m${n}`, inputName: 'In', payload: { id: `k${n % 100}`, n, pad: 'é'.repeat(n % 7) }, timestamp: 1_000_000 + n });
/** The `n` of every message replayed, in the order of the action lines. */
const echoed = (stdout: string) => jsonLines(stdout).filter((line) => line.type === 'action').map((line) => Number(line.payload));

describe('vigil simulate streams its messages file', () => {
  it('replays a file bigger than a chunk read, every message once and in order', async () => {
    // Arrange: more than 1 MiB (the chunk `readChunks` reads) of JSON lines.
    const count = 15_000;
    const messages = file('big.jsonl', Array.from({ length: count }, (_, i) => message(i + 1)).join('\n'));
    expect(statSync(messages).size).toBeGreaterThan(1 << 20);
    // Act
    const result = await runCli('simulate', echo, '--messages', messages);
    // Assert
    expect(result.code).toBe(0);
    expect(echoed(result.stdout)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(jsonLines(result.stdout).filter((line) => line.type === 'detector')).toHaveLength(100);
  });

  it('names a malformed line by its number on stderr, replays the lines around it, and exits 1', async () => {
    // Arrange: line 3 is not JSON; line 5 is an element of no message.
    const messages = file('bad-line.jsonl', [message(1), message(2), '{"messageId": "m3", "inputName": "In", "payload": {"id": }}', message(4), '7', message(6)].join('\n'));
    // Act
    const result = await runCli('simulate', echo, '--messages', messages);
    // Assert
    expect(result.code).toBe(1);
    expect(echoed(result.stdout)).toEqual([1, 2, 4, 6]);
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(/^vigil: .*bad-line\.jsonl: line 3: not JSON: .*; skipped$/),
      expect.stringMatching(/^vigil: .*bad-line\.jsonl: line 5: not a message: 7; skipped$/),
    ]);
  });
});

describe('readChunks', () => {
  it('reads a file in chunks of at most the size asked, which join into the whole file', () => {
    // Arrange: characters of 1 to 4 bytes, so chunks end inside some of them.
    const path = file('mixed.txt', 'aé日😀\n'.repeat(50));
    // Act
    const chunks = [...readChunks(path, 7)];
    // Assert
    expect(chunks.every((chunk) => chunk.length > 0 && chunk.length <= 7)).toBe(true);
    expect(Buffer.concat(chunks)).toEqual(readFileSync(path));
  });

  it('refuses a file that does not exist as a usage error naming it', () => {
    expect(() => [...readChunks('/nonexistent/messages.jsonl')]).toThrow('cannot read /nonexistent/messages.jsonl: ENOENT');
  });
});
