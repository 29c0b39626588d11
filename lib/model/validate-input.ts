import { CREATE_INPUT_REQUEST } from './api-shapes';
import { isObject, issue } from './check-context';
import { IDENTIFIER, checkArray, checkString, checkTags, describeJson, quote } from './check-fields';
import { checkMembers } from './check-members';
import { sortIssues, type ModelIssue } from './issues';
import { isAttributeJsonPath } from './key-path';

const MAX_ATTRIBUTES = 200;

/**
 * Validates a CreateInput body (untrusted JSON: any shape) and reports every problem at once, with
 * paths such as `inputName` and `inputDefinition.attributes[0].jsonPath`. The input name follows
 * the SDK model, `^[a-zA-Z][a-zA-Z0-9_]*$`, so no hyphen (the analysis docs wrongly allow one).
 * Pure, and never throws.
 * https://docs.aws.amazon.com/iotevents/latest/apireference/API_CreateInput.html
 *
 * @returns the issues, ERROR first (see {@link sortIssues}).
 */
export function validateInput(request: unknown): ModelIssue[] {
  if (!isObject(request)) {
    return [issue('structure', 'ERROR', '', `a CreateInput request must be a JSON object with inputName and inputDefinition, not ${describeJson(request)}`)];
  }
  const issues: ModelIssue[] = [
    ...checkMembers(request, CREATE_INPUT_REQUEST),
    ...checkString(request.inputName, 'inputName', { ...IDENTIFIER, required: true }),
    ...checkString(request.inputDescription, 'inputDescription', { max: 1024 }),
  ];
  const definition = isObject(request.inputDefinition) ? request.inputDefinition : undefined;
  if (!definition) {
    const got = request.inputDefinition === undefined ? 'is required' : `must be an object, not ${describeJson(request.inputDefinition)}`;
    issues.push(issue('structure', 'ERROR', 'inputDefinition', `inputDefinition ${got}: give {"attributes": [{"jsonPath": "..."}]}`));
  }
  const attributes = definition && checkArray(definition.attributes, 'inputDefinition.attributes', issues, true);
  if (attributes) checkAttributes(attributes, issues);
  checkTags(request.tags, issues);
  return sortIssues(issues);
}

function checkAttributes(attributes: readonly unknown[], issues: ModelIssue[]): void {
  const path = 'inputDefinition.attributes';
  if (attributes.length === 0) issues.push(issue('structure', 'ERROR', path, 'attributes is empty; declare at least one attribute, e.g. {"jsonPath": "sensorData.pressure"}'));
  if (attributes.length > MAX_ATTRIBUTES) issues.push(issue('structure', 'ERROR', path, `the input declares ${attributes.length} attributes; the limit is ${MAX_ATTRIBUTES}`));
  const first = new Map<string, number>();
  attributes.forEach((attribute, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(attribute)) {
      issues.push(issue('structure', 'ERROR', at, `each attribute must be an object such as {"jsonPath": "motorid"}, not ${describeJson(attribute)}`));
      return;
    }
    const jsonPath = attribute.jsonPath;
    if (typeof jsonPath !== 'string') {
      issues.push(...checkString(jsonPath, `${at}.jsonPath`, { required: true, min: 1, max: 128 }));
    } else if (!isAttributeJsonPath(jsonPath)) {
      issues.push(issue('structure', 'ERROR', `${at}.jsonPath`, `jsonPath ${quote(jsonPath)} is not an attribute path: use 1–128 characters of ` +
        "dot-separated names made of letters, digits, '_' and '-', backtick-quoting names with spaces (sensorData.`motor pressure`); " +
        'declare an array as a whole and index it in expressions'));
    } else if (first.has(jsonPath)) {
      issues.push(issue('structure', 'WARNING', `${at}.jsonPath`, `jsonPath ${quote(jsonPath)} is declared twice (first at ${path}[${first.get(jsonPath)}]); remove this one`));
    } else {
      first.set(jsonPath, index);
    }
  });
}
