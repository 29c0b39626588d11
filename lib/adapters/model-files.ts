import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../model';
import { isAlarmModelBody, type CreateAlarmModelRequest } from '../model/alarm';
import { fillPlaceholders, type Placeholders } from '../model/placeholders';

/** The detector models, alarm models and inputs kept as files in a folder. */
export interface ModelFiles {
  readonly inputs: CreateInputRequest[];
  readonly models: CreateDetectorModelRequest[];
  readonly alarmModels: CreateAlarmModelRequest[];
  /** The file each detector model, alarm model and input came from (the folder joined with the file's name), by name. */
  readonly sources: { readonly models: Record<string, string>; readonly inputs: Record<string, string>; readonly alarmModels: Record<string, string> };
}

/**
 * Reads every `*.json` file of a folder: a CreateInput body (or an array of them) is an input, a
 * CreateAlarmModel body (one with `alarmRule`) an alarm model, a CreateDetectorModel body a
 * detector model. Files are read in name order, with the
 * placeholders (`${AWS::AccountId}`, …) filled in.
 *
 * @throws Error naming the file when one is not JSON or is neither kind.
 */
export function readModelFiles(folder: string, placeholders: Placeholders): ModelFiles {
  const files: ModelFiles = { inputs: [], models: [], alarmModels: [], sources: { models: {}, inputs: {}, alarmModels: {} } };
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.json')).sort()) {
    const file = path.join(folder, name);
    let content: unknown;
    try {
      content = JSON.parse(fillPlaceholders(readFileSync(file, 'utf8'), placeholders));
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    for (const body of Array.isArray(content) ? content : [content]) {
      if (body && typeof body === 'object' && 'inputName' in body) {
        files.inputs.push(body as CreateInputRequest);
        files.sources.inputs[(body as CreateInputRequest).inputName] = file;
      }
      else if (isAlarmModelBody(body)) {
        files.alarmModels.push(body as CreateAlarmModelRequest);
        files.sources.alarmModels[String((body as CreateAlarmModelRequest).alarmModelName)] = file;
      }
      else if (body && typeof body === 'object' && 'detectorModelName' in body) {
        files.models.push(body as CreateDetectorModelRequest);
        files.sources.models[(body as CreateDetectorModelRequest).detectorModelName] = file;
      }
      else throw new Error(`${file} holds neither a CreateInput, a CreateDetectorModel nor a CreateAlarmModel body`);
    }
  }
  return files;
}
