import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { followRulesFile } from '../../../local/targets/rules-file';
import { LocalTargetsError } from '../../../local/targets/target-rules';

describe('local-targets.json, followed by the running stack', () => {
  let folder: string;
  let file: string;
  const logged: string[] = [];
  const log = (message: string, error?: Error) => logged.push(`${message}${error ? `: ${error.message}` : ''}`);
  /** Writes the file with a modification time of its own, so every edit is seen as one. */
  const write = (object: unknown, second: number) => {
    writeFileSync(file, typeof object === 'string' ? object : JSON.stringify(object));
    utimesSync(file, second, second);
  };

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-rules-'));
    file = path.join(folder, 'local-targets.json');
    logged.length = 0;
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('has no rules without the file, and picks up the file once written, then its edits', () => {
    // Arrange
    const rules = followRulesFile(file, log);
    const before = rules.rules().length;

    // Act
    write({ 'arn:aws:sns:*:*:alerts': 'a' }, 1000);
    const written = rules.rules().map((rule) => rule.name);
    write({ 'arn:aws:sns:*:*:alerts': 'b' }, 2000);
    const edited = rules.rules().map((rule) => rule.name);

    // Assert
    expect([before, written, edited]).toEqual([0, ['a'], ['b']]);
    expect(logged).toEqual([`local targets: 1 rule(s) read from ${file}`, `local targets: 1 rule(s) read from ${file}`]);
  });

  it('refuses to start on an invalid file', () => {
    // Arrange
    write('{ nope', 1000);

    // Act
    const start = () => followRulesFile(file, log);

    // Assert
    expect(start).toThrow(LocalTargetsError);
  });

  it('keeps the rules in force when an edit is invalid, and says why', () => {
    // Arrange
    write({ 'arn:aws:sns:*:*:alerts': 'a' }, 1000);
    const rules = followRulesFile(file, log);

    // Act
    write({ alerts: 'b' }, 2000);
    const after = rules.rules().map((rule) => rule.name);

    // Assert
    expect(after).toEqual(['a']);
    expect(logged).toEqual([expect.stringMatching(/^local targets: the edited file is not used, the rules before it stay: .*"alerts": a pattern is/)]);
  });
});
