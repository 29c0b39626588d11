import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoModelRepository } from '../../lib/adapters/dynamodb/model-repository';
import { readModelFiles } from '../../lib/adapters/model-files';
import { builtInInputs } from '../../lib/lifecycle';
import { LOCAL_PLACEHOLDERS } from '../../lib/model/placeholders';
import { seedModels, type SeedReport } from '../../lib/runtime/seed-models';
import { LocalStackError } from './errors';

/**
 * Loads the detector models and inputs of a folder (`models/` by default) into the local model
 * registry, as the deploy-time custom resource does, with the local stack's account, region and
 * stage (`local`) filled into the files' placeholders.
 *
 * @throws LocalStackError naming the folder, with the validation problems, when a file is invalid.
 */
export async function seedLocalModels(dynamodb: DynamoDBClient, modelsTable: string, folder: string, minTimerSeconds: number, now = Date.now()): Promise<SeedReport> {
  try {
    const files = readModelFiles(folder, LOCAL_PLACEHOLDERS);
    return await seedModels(new DynamoModelRepository(dynamodb, modelsTable), files, builtInInputs(), { now, minTimerSeconds });
  } catch (error) {
    throw new LocalStackError('models', `cannot load the models of ${folder}: ${(error as Error).message}`, { cause: error });
  }
}

/** What a seeding changed, in a few words: `created detector model x; 3 unchanged`. */
export function describeSeed(report: SeedReport): string {
  const parts = [...report.created.map((name) => `created ${name}`), ...report.updated.map((name) => `updated ${name}`)];
  return [...parts, `${report.unchanged.length} unchanged`].join('; ');
}
