import { CREATE_DETECTOR_MODEL_REQUEST } from './api-shapes';
import { checkActions } from './check-actions';
import { checkDeviceChosenTargets } from './check-action-targets';
import { createModelContext, isObject, issue, type ModelContext } from './check-context';
import { checkDataTypes } from './check-data-types';
import { checkExpressionSyntax } from './check-expressions';
import { describeJson } from './check-fields';
import { checkLimits } from './check-limits';
import { checkMembers } from './check-members';
import { checkPortability } from './check-portability';
import { checkReachability } from './check-reachability';
import { checkReferences } from './check-references';
import { checkDefinition, checkRequest } from './check-schema';
import { checkStructure } from './check-structure';
import { checkTimerCycles } from './check-timer-cycles';
import { checkTimers } from './check-timers';
import { checkVariableFlow } from './check-variable-flow';
import { sortIssues, type ModelIssue } from './issues';
import type { CreateInputRequest } from './types';

/** How strictly {@link validateModel} checks a model. */
export interface ValidationOptions {
  /** Inputs the model may read. When given, references to unknown inputs/attributes are reported. */
  inputs?: readonly CreateInputRequest[];
  /** Shortest timer accepted, in seconds; AWS: 60. Tests and local runs lower it. */
  minTimerSeconds?: number;
}

/** AWS's minimum timer duration: "To ensure accuracy, the minimum time that a timer should be set is 60 seconds". */
const DEFAULT_MIN_TIMER_SECONDS = 60;

const CHECKS: readonly ((context: ModelContext) => ModelIssue[])[] = [
  (context) => checkMembers(context.request, CREATE_DETECTOR_MODEL_REQUEST), checkRequest, checkDefinition, checkActions, checkExpressionSyntax, checkLimits, checkTimers, checkStructure,
  checkReachability, checkTimerCycles, checkReferences, checkVariableFlow, checkDataTypes, checkDeviceChosenTargets, checkPortability,
];

/**
 * Validates a CreateDetectorModel body (untrusted JSON: any shape) and reports every problem at
 * once, like the AWS detector model analysis: ERROR issues make AWS (and Vigil) reject the model;
 * WARNING and INFO are advice. Paths inside the definition are relative to it, as AWS reports
 * them (`states[2].onInput.transitionEvents[0].condition`); issues inside expressions carry the
 * character span. Pure, and never throws.
 *
 * @returns the issues, ERROR first, each level in model order (see {@link sortIssues}).
 */
export function validateModel(request: unknown, options: ValidationOptions = {}): ModelIssue[] {
  if (!isObject(request)) {
    return [issue('structure', 'ERROR', '', `a CreateDetectorModel request must be a JSON object with detectorModelName and detectorModelDefinition, not ${describeJson(request)}`)];
  }
  const minTimerSeconds = typeof options.minTimerSeconds === 'number' && Number.isFinite(options.minTimerSeconds)
    ? options.minTimerSeconds
    : DEFAULT_MIN_TIMER_SECONDS;
  const context = createModelContext(request, options.inputs, minTimerSeconds);
  const issues = CHECKS.flatMap((check) => check(context));
  return sortIssues(issues.map((found, order) => ({ found, order })).sort(byPath).map(({ found }) => found));
}

// Issues are put in model order before sortIssues groups them by level, so a list reads top to
// bottom like the model. Known fields sort in the order AWS documents them; indexes numerically.
const FIELD_ORDER = [
  'detectorModelName', 'detectorModelDescription', 'detectorModelDefinition', 'key', 'roleArn', 'evaluationMethod', 'tags',
  'states', 'stateName', 'onEnter', 'onInput', 'onExit', 'events', 'transitionEvents', 'eventName', 'condition', 'actions', 'nextState',
  'initialStateName',
];

function segments(path: string): (string | number)[] {
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map(([, index, name]) => (index !== undefined ? Number(index) : name));
}

function compareSegment(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number' || typeof b === 'number') return typeof a === 'number' ? -1 : 1;
  const rank = (name: string) => (FIELD_ORDER.includes(name) ? FIELD_ORDER.indexOf(name) : FIELD_ORDER.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function byPath(a: { found: ModelIssue; order: number }, b: { found: ModelIssue; order: number }): number {
  const left = segments(a.found.path);
  const right = segments(b.found.path);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = compareSegment(left[i], right[i]);
    if (difference) return difference;
  }
  return left.length - right.length || a.order - b.order;
}
