import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoModelRepository } from '../../lib/adapters/dynamodb/model-repository';
import { readModelFiles } from '../../lib/adapters/model-files';
import { builtInInputs } from '../../lib/lifecycle';
import { LOCAL_PLACEHOLDERS } from '../../lib/model/placeholders';
import { seedModels, type SeedReport } from '../../lib/runtime/seed-models';
import { LocalStackError } from './errors';

/**
 * Loads the detector models, alarm models and inputs of a folder (`models/` by default) into the local model
 * registry, as the deploy-time custom resource does, with the local stack's account, region and
 * stage (`local`) filled into the files' placeholders.
 *
 * @throws LocalStackError naming the folder, with the validation problems, when a file is invalid.
 */
export async function seedLocalModels(dynamodb: DynamoDBClient, modelsTable: string, folder: string, minTimerSeconds: number, now = Date.now()): Promise<SeedReport> {
  try {
    const read = readModelFiles(folder, LOCAL_PLACEHOLDERS);
    // Messages name files as the developer would type them: relative to where `npm start` runs.
    const short = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([name, file]) => [name, shortPath(file)]));
    const files = { ...read, sources: { models: short(read.sources.models), inputs: short(read.sources.inputs), alarmModels: short(read.sources.alarmModels) } };
    return await seedModels(new DynamoModelRepository(dynamodb, modelsTable), files, builtInInputs(), { now, minTimerSeconds });
  } catch (error) {
    throw new LocalStackError('models', `cannot load the models of ${folder}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * What a seeding changed: a line in a few words (`created detector model x; 3 unchanged; 1 kept`),
 * then one line per model whose API version was replaced by an edited file (a warning) or kept.
 */
export function describeSeed(report: SeedReport): string[] {
  const parts = [...report.created.map((name) => `created ${name}`), ...report.updated.map((name) => `updated ${name}`), `${report.unchanged.length} unchanged`];
  if (report.kept.length) parts.push(`${report.kept.length} kept`);
  return [parts.join('; '), ...report.replaced.map((notice) => `warning: replaced ${notice}`), ...report.kept.map((notice) => `kept ${notice}`)];
}

/** Where `npm start` runs from, a path inside it reads relative; anything else stays absolute. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
