import { copyFileSync, cpSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHECKOUT = path.resolve(__dirname, '../../..');

/** A project folder of its own: the checkout's code linked, serverless.yml and serverless/ copied so a test may edit them. */
export function projectCopy(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vigil-project-'));
  for (const entry of readdirSync(CHECKOUT)) {
    if (entry === 'serverless.yml' || entry === 'serverless' || entry.startsWith('.')) continue;
    symlinkSync(path.join(CHECKOUT, entry), path.join(root, entry));
  }
  copyFileSync(path.join(CHECKOUT, 'serverless.yml'), path.join(root, 'serverless.yml'));
  cpSync(path.join(CHECKOUT, 'serverless'), path.join(root, 'serverless'), { recursive: true });
  return root;
}
