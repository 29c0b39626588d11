import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServerlessPrintError, serverlessConfig } from '../../local/serverless-config';

const CHECKOUT = path.resolve(__dirname, '../..');

describe('serverlessConfig', () => {
  let root = '';

  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('refuses, as npm start then does, a declared rule Serverless cannot generate, saying which entry and why', async () => {
    // Arrange: a project whose serverless.yml declares a rule with a misplaced '#'.
    root = mkdtempSync(path.join(os.tmpdir(), 'vigil-config-'));
    for (const entry of readdirSync(CHECKOUT)) {
      if (entry !== 'serverless.yml' && entry !== 'serverless' && !entry.startsWith('.')) symlinkSync(path.join(CHECKOUT, entry), path.join(root, entry));
    }
    cpSync(path.join(CHECKOUT, 'serverless'), path.join(root, 'serverless'), { recursive: true });
    copyFileSync(path.join(CHECKOUT, 'serverless.yml'), path.join(root, 'serverless.yml'));
    const file = path.join(root, 'serverless.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    rules:\n', '    rules:\n      - topic: plant/#/pressure\n        inputName: PressureInput\n'));

    // Act
    const refused = serverlessConfig(root, 'local');

    // Assert
    await expect(refused).rejects.toThrow(ServerlessPrintError);
    await expect(refused).rejects.toThrow(/invalid declared topic rules \(1 problem\(s\)\):\n {2}custom\.vigil\.rules\[0\]\.topic: the topic filter "plant\/#\/pressure" is invalid/);
  }, 60_000);
});
