import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../lib/model/canonical-json';
import { fillPlaceholdersIn } from '../../lib/model/placeholders';
import { importTemplate, parseTemplate, type ImportResult } from '../../lib/migration';

/** The CloudFormation test templates (test/fixtures/cloudformation). */
export const TEMPLATES = path.resolve(__dirname, '../fixtures/cloudformation');
/** The folder of the API JSON the templates were converted from. */
export const ROOT = path.resolve(__dirname, '../..');

/** Imports a fixture template as `vigil import` does. */
export function importFixture(file: string, parameters: Record<string, string> = {}): ImportResult {
  return importTemplate(parseTemplate(readFileSync(path.join(TEMPLATES, file), 'utf8')).root, { stem: 'fixture', parameters });
}

/** Reads a JSON file of the repository. */
export function repoJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as T;
}

/** The values the AWS examples were written for, and the stage the models/ templates default to. */
export const EXAMPLE_ACCOUNT = { accountId: '123456789012', region: 'us-east-1', partition: 'aws', stage: 'dev' };

/** Canonical JSON of a body with Vigil's placeholders filled as the loaders fill them. */
export function canonical(body: unknown, values = EXAMPLE_ACCOUNT): string {
  return canonicalJson(fillPlaceholdersIn(body, values));
}

/** The body an import wrote to `fileName`. */
export function fileBody(result: ImportResult, fileName: string): unknown {
  const file = result.files.find((found) => found.fileName === fileName);
  if (!file) throw new Error(`no ${fileName} among ${result.files.map((found) => found.fileName).join(', ')}`);
  return file.body;
}
