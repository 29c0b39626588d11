import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTypedJson } from '../../lib/expression';
import { engineOptions, step, type DetectorSnapshot, type EngineOptions, type MessageTrigger, type StepResult } from '../../lib/engine';
import { compileModel, type Action, type CompiledModel, type CreateDetectorModelRequest, type State } from '../../lib/model';

/** The AWS example files shipped with the spec. */
export const EXAMPLES = path.resolve(__dirname, '../fixtures/aws-examples');

/** Reads one of the AWS example files. */
export function example<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as T;
}

/** A small model: states given inline, the first state initial unless said otherwise. */
export function model(states: State[], extra: Partial<CreateDetectorModelRequest> = {}, minTimerSeconds = 60): CompiledModel {
  return compileModel(
    {
      detectorModelName: 'test',
      detectorModelDefinition: { states, initialStateName: extra.detectorModelDefinition?.initialStateName ?? states[0].stateName },
      roleArn: 'arn:aws:iam::123456789012:role/test',
      ...extra,
      ...(extra.detectorModelDefinition ? { detectorModelDefinition: { ...extra.detectorModelDefinition, states } } : {}),
    },
    { minTimerSeconds },
  );
}

/** `{setVariable: {variableName, value}}`. */
export const setVariable = (variableName: string, value: string): Action => ({ setVariable: { variableName, value } });
/** `{sns: {targetArn}}`. */
export const sns = (targetArn = 'arn:aws:sns:us-east-1:123456789012:topic'): Action => ({ sns: { targetArn } });

/** A message trigger with a JSON payload given as text. */
export function message(inputName: string, json: string, messageId = `m-${Math.abs(hash(json + inputName))}`): MessageTrigger {
  return { type: 'message', inputName, messageId, payload: parseTypedJson(json), raw: json };
}

/** Feeds messages to one detector in order, one second apart from `start`; returns every step's result. */
export function feed(
  compiled: CompiledModel,
  messages: MessageTrigger[],
  options: Partial<EngineOptions> = {},
  start = 1_000_000,
  initial?: DetectorSnapshot,
): { results: StepResult[]; snapshot: DetectorSnapshot | undefined } {
  let snapshot = initial;
  const results = messages.map((trigger, i) => {
    const result = step(compiled, snapshot, trigger, start + i * 1000, engineOptions(options));
    snapshot = result.snapshot;
    return result;
  });
  return { results, snapshot };
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
