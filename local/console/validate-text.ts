import { JsonNestingError, checkJsonTextNesting } from '../../lib/expression';
import { CREATE_DETECTOR_MODEL_REQUEST, isAlarmModelBody, validateAlarmModel, validateModel, type ModelIssue } from '../../lib/model';
import { JsonTextError, locateJson, type JsonLocations, type TextRange } from './json-locations';

/** One finding about a pasted model, placed in its text. */
export interface ConsoleProblem {
  readonly type: ModelIssue['type'];
  readonly level: ModelIssue['level'];
  /** The validator's path (detector model paths inside the definition are relative to it, as AWS reports them). */
  readonly path: string;
  readonly message: string;
  /** Where it is in the text (UTF-16 offsets, `[start, end)`); missing for the document as a whole. */
  readonly position?: TextRange;
}

/** The answer of `POST /api/console/validate`. */
export interface ConsoleValidation {
  /** ERROR findings: CreateDetectorModel or CreateAlarmModel would refuse the model. */
  readonly problems: readonly ConsoleProblem[];
  /** WARNING and INFO findings: the analysis of a model that would deploy. */
  readonly analysis: readonly ConsoleProblem[];
}

const REQUEST_MEMBERS = new Set(Object.keys(CREATE_DETECTOR_MODEL_REQUEST.members));

/**
 * Validates the text of a pasted model as `vigil validate` does (a CreateDetectorModel body, or a
 * CreateAlarmModel body: one with `alarmRule`; no inputs file, so references to inputs are not
 * checked) and places every finding in the text: an expression's problem at its characters, a
 * member's at its value, a missing member at the object that lacks it. Text that is not JSON is
 * one problem at the offset where it stops being JSON. Pure; never throws.
 */
export function validateModelText(text: string): ConsoleValidation {
  let locations: JsonLocations;
  let model: unknown;
  try {
    checkJsonTextNesting(text);
    locations = locateJson(text);
    model = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof JsonNestingError || error instanceof JsonTextError)) throw error;
    const { offset } = error;
    const position = offset === undefined ? undefined : { start: offset, end: Math.min(offset + 1, Math.max(text.length, 1)) };
    return { problems: [{ type: 'structure', level: 'ERROR', path: '', message: `not valid JSON: ${error.message}`, ...(position ? { position } : {}) }], analysis: [] };
  }
  const alarm = isAlarmModelBody(model);
  const issues = alarm ? validateAlarmModel(model) : validateModel(model);
  const topLevel = typeof model === 'object' && model !== null ? model : {};
  const place = (issue: ModelIssue): ConsoleProblem => {
    const textPath = alarm ? issue.path : documentPath(issue.path, topLevel);
    const position = locations.position(textPath, issue.span);
    return { type: issue.type, level: issue.level, path: issue.path, message: issue.message, ...(position ? { position } : {}) };
  };
  return {
    problems: issues.filter((issue) => issue.level === 'ERROR').map(place),
    analysis: issues.filter((issue) => issue.level !== 'ERROR').map(place),
  };
}

/**
 * The path in the document of a detector model issue: the validator reports paths inside the
 * definition relative to it (`states[0]…`, `initialStateName`), and the request's own members
 * (and unknown members beside them) by name.
 */
function documentPath(path: string, request: object): string {
  if (path === '') return path;
  const first = /^[^.[]*/.exec(path)?.[0] ?? '';
  return REQUEST_MEMBERS.has(first) || Object.prototype.hasOwnProperty.call(request, first) ? path : `detectorModelDefinition.${path}`;
}
