import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

// ESLint loads its flat config with a dynamic import, which jest's VM does not allow: lint in a
// child process, every probe in one run.
const LINT_ALL = `
const { ESLint } = require('eslint');
const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(probes.map(async ([file, text]) => (await eslint.lintText(text, { filePath: file }))[0].messages.map((m) => m.ruleId ?? m.message)))
  .then((results) => process.stdout.write(JSON.stringify(results)));
`;

/** The rule ids the project's lint config reports for each `[file, text]`. */
function lintAll(probes: [file: string, text: string][]): string[][] {
  const output = execFileSync(process.execPath, ['-e', LINT_ALL], { cwd: ROOT, input: JSON.stringify(probes.map(([file, text]) => [path.join(ROOT, file), text])) });
  return JSON.parse(output.toString('utf8')) as string[][];
}

const REFUSED: [text: string, rule: string][] = [
  ["import AWS from 'aws-sdk'; export const a = AWS;", 'no-restricted-imports'],
    ["import { HttpRequest } from '@smithy/protocol-http'; export const a = HttpRequest;", 'no-restricted-imports'],
    ["import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; export const a = DynamoDBClient;", 'no-restricted-imports'],
    ["import { readFileSync } from 'node:fs'; export const a = readFileSync;", 'no-restricted-imports'],
    ['export const a = process.env.X;', 'no-restricted-properties'],
    ['export const a = globalThis.process.env.X;', 'no-restricted-syntax'],
    ["export const a = process['env'];", 'no-restricted-syntax'],
    ['const { env } = process; export const a = env;', 'no-restricted-syntax'],
    ['export const a = Date.now();', 'no-restricted-properties'],
    ["export const a = Date['now']();", 'no-restricted-syntax'],
    ['export const a = new Date();', 'no-restricted-syntax'],
];

describe('the lint rules of the pure core', () => {
  let results: string[][] = [];

  beforeAll(() => {
    results = lintAll([...REFUSED.map(([text]): [string, string] => ['lib/engine/probe.ts', text]), ['lib/adapters/probe.ts', 'export const a = process.env.X;']]);
  }, 60_000);

  it.each(REFUSED.map(([text, rule], index) => [text, rule, index] as const))('refuse %s in lib/engine (%s)', (_text, rule, index) => {
    expect(results[index]).toContain(rule);
  });

  it('allow the same code outside the pure core', () => {
    expect(results[REFUSED.length]).toEqual([]);
  });
});
