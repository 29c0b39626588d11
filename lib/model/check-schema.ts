import { isAttributeJsonPath } from './key-path';
import { issue, isObject, type ModelContext } from './check-context';
import { NAME, checkArray, checkEnum, checkObject, checkString, checkTags, describeJson, quote } from './check-fields';
import type { ModelIssue } from './issues';

// The shapes below follow the SDK model of CreateDetectorModel (botocore iotevents/2018-07-27):
// https://docs.aws.amazon.com/iotevents/latest/apireference/API_CreateDetectorModel.html

/**
 * Checks the top level of a CreateDetectorModel body: name, description, key, role, tags and
 * evaluation method, and that a definition object is there. A missing `roleArn` is fine: Vigil
 * runs actions with its own permissions.
 */
export function checkRequest(context: ModelContext): ModelIssue[] {
  const { request } = context;
  const issues: ModelIssue[] = [
    ...checkString(request.detectorModelName, 'detectorModelName', { ...NAME, required: true }),
    ...checkString(request.detectorModelDescription, 'detectorModelDescription', { max: 1024 }),
    ...checkString(request.roleArn, 'roleArn', { min: 1, max: 2048 }),
    ...checkEnum(request.evaluationMethod, 'evaluationMethod', ['BATCH', 'SERIAL']),
  ];
  checkKey(request.key, issues);
  checkTags(request.tags, issues);
  if (!isObject(request.detectorModelDefinition)) {
    const got = request.detectorModelDefinition === undefined ? 'is required' : `must be an object, not ${describeJson(request.detectorModelDefinition)}`;
    issues.push(issue('structure', 'ERROR', 'detectorModelDefinition', `detectorModelDefinition ${got}: give {"states": [...], "initialStateName": "..."}`));
  }
  return issues;
}

/** Checks a model's `key`: an AttributeJsonPath of 1–128 characters (detector and alarm models alike). */
export function checkKey(key: unknown, issues: ModelIssue[]): void {
  if (key === undefined) return;
  if (typeof key !== 'string') {
    issues.push(issue('structure', 'ERROR', 'key', `key must be a string naming a payload attribute, such as "motorid", not ${describeJson(key)}`));
  } else if (!isAttributeJsonPath(key)) {
    issues.push(issue('structure', 'ERROR', 'key', `key ${quote(key)} is not an attribute path: use 1–128 characters of dot-separated names ` +
      "made of letters, digits, '_' and '-', and backtick-quote names with spaces (sensorData.`motor id`)"));
  }
}

/**
 * Checks the shape of the definition: the states list, the initial state name, each state's name
 * and lifecycles, and each event's fields. Empty `events` lists are fine: the blueprints use them.
 */
export function checkDefinition(context: ModelContext): ModelIssue[] {
  const { definition } = context;
  if (!definition) return [];
  const issues: ModelIssue[] = [];
  const states = checkArray(definition.states, 'states', issues, true);
  if (states?.length === 0) issues.push(issue('structure', 'ERROR', 'states', 'states is empty; a detector model needs at least one state'));
  issues.push(...checkString(definition.initialStateName, 'initialStateName', { required: true, min: 1, max: 128 }));
  states?.forEach((state, index) => checkState(state, `states[${index}]`, issues));
  return issues;
}

function checkState(state: unknown, path: string, issues: ModelIssue[]): void {
  if (!isObject(state)) {
    issues.push(issue('structure', 'ERROR', path, `each state must be an object with a stateName, not ${describeJson(state)}`));
    return;
  }
  issues.push(...checkString(state.stateName, `${path}.stateName`, { ...NAME, required: true }));
  const onEnter = checkObject(state.onEnter, `${path}.onEnter`, issues);
  const onInput = checkObject(state.onInput, `${path}.onInput`, issues);
  const onExit = checkObject(state.onExit, `${path}.onExit`, issues);
  checkEvents(onEnter?.events, `${path}.onEnter.events`, false, issues);
  checkEvents(onInput?.events, `${path}.onInput.events`, false, issues);
  checkEvents(onInput?.transitionEvents, `${path}.onInput.transitionEvents`, true, issues);
  checkEvents(onExit?.events, `${path}.onExit.events`, false, issues);
}

function checkEvents(events: unknown, path: string, transition: boolean, issues: ModelIssue[]): void {
  checkArray(events, path, issues)?.forEach((event, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(event)) {
      const needs = transition ? 'eventName, condition and nextState' : 'an eventName';
      issues.push(issue('structure', 'ERROR', at, `each event must be an object with ${needs}, not ${describeJson(event)}`));
      return;
    }
    // Event names need not be unique and may contain spaces ("Pressure Okay"); only the length is limited.
    issues.push(...checkString(event.eventName, `${at}.eventName`, { required: true, max: 128 }));
    if (transition && event.condition === undefined) {
      issues.push(issue('structure', 'ERROR', `${at}.condition`, 'a transition event needs a condition; use "true" to always take it'));
    } else {
      issues.push(...checkString(event.condition, `${at}.condition`, {}));
    }
    if (transition) issues.push(...checkString(event.nextState, `${at}.nextState`, { required: true, min: 1, max: 128 }));
    checkArray(event.actions, `${at}.actions`, issues);
  });
}
