import type { ExpressionReferences, InputReference, PathSegment } from '../expression';
import { issue, isObject, type ModelContext } from './check-context';
import { quote } from './check-fields';
import type { ModelIssue } from './issues';
import { isAttributeJsonPath, parseAttributeJsonPath } from './key-path';
import type { CreateInputRequest } from './types';

/**
 * Checks what expressions refer to by name. With `inputs` given: inputs that do not exist
 * (ERROR) and attributes an input does not declare (WARNING: Vigil still reads them from the raw
 * payload, spec §2.2). Always: variables read but never set anywhere (WARNING).
 */
export function checkReferences(context: ModelContext): ModelIssue[] {
  return [...(context.inputs ? checkInputs(context, declaredAttributes(context.inputs)) : []), ...checkVariablesSet(context)];
}

/** Each input's declared attribute paths, as segment lists. Tolerates malformed input definitions. */
function declaredAttributes(inputs: readonly CreateInputRequest[]): Map<string, string[][]> {
  const declared = new Map<string, string[][]>();
  for (const input of Array.isArray(inputs) ? (inputs as unknown[]) : []) {
    if (!isObject(input) || typeof input.inputName !== 'string') continue;
    const attributes = isObject(input.inputDefinition) ? input.inputDefinition.attributes : undefined;
    const paths = (Array.isArray(attributes) ? attributes : [])
      .map((attribute: unknown) => (isObject(attribute) ? attribute.jsonPath : undefined))
      .filter((path): path is string => typeof path === 'string' && isAttributeJsonPath(path))
      .map(parseAttributeJsonPath);
    declared.set(input.inputName, [...(declared.get(input.inputName) ?? []), ...paths]);
  }
  return declared;
}

/**
 * A reference is declared when a declared path is a prefix of it, segment by segment; array
 * indexes may follow the declared path (declared `temperatures` covers `temperatures[2]`).
 */
function isDeclared(declared: readonly string[][], path: readonly PathSegment[]): boolean {
  return declared.some((segments) => segments.length <= path.length && segments.every((segment, i) => path[i] === segment));
}

/** An expression, where it is and what it reads: all {@link checkInputReferences} needs. */
export interface ReferencingSite {
  readonly path: string;
  readonly source: string;
  readonly references?: ExpressionReferences;
}

/**
 * Checks what expressions read of `inputs` (detector and alarm models alike): an input that does
 * not exist is an ERROR, an attribute the input does not declare a WARNING.
 */
export function checkInputReferences(sites: readonly ReferencingSite[], inputs: readonly CreateInputRequest[]): ModelIssue[] {
  return referenceIssues(sites, declaredAttributes(inputs));
}

function knownInputs(declared: Map<string, string[][]>): string {
  const names = [...declared.keys()];
  // Five names are enough to spot a typo; a deployment also knows 13 built-in lifecycle inputs.
  const listed = names.length > 6 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  return names.length ? `known inputs: ${listed}` : 'no inputs are defined';
}

function referenceIssues(sites: readonly ReferencingSite[], declared: Map<string, string[][]>): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const known = knownInputs(declared);
  for (const { path, source, references } of sites) {
    if (!references) continue;
    for (const { name, span } of references.currentInputs) {
      if (!declared.has(name)) issues.push(issue('referenced-resource', 'ERROR', path, `input ${quote(name)} does not exist; ${known}`, span));
    }
    for (const reference of references.inputs) {
      const attributes = declared.get(reference.input);
      if (!attributes) {
        issues.push(issue('referenced-resource', 'ERROR', path, `input ${quote(reference.input)} does not exist; ${known}`, reference.span));
      } else if (!isDeclared(attributes, reference.path)) {
        issues.push(undeclared(path, source, reference, attributes));
      }
    }
  }
  return issues;
}

function checkInputs(context: ModelContext, declared: Map<string, string[][]>): ModelIssue[] {
  const known = knownInputs(declared);
  const issues = referenceIssues(context.expressions.map(({ site, references }) => ({ path: site.path, source: site.source, references })), declared);
  // iotEvents actions send to an input by its literal name; sending to a missing one fails at run time.
  for (const site of context.actions) {
    const body = site.action.iotEvents;
    const name = isObject(body) ? body.inputName : undefined;
    if (typeof name === 'string' && /^[a-zA-Z][a-zA-Z0-9_]*$/.test(name) && !declared.has(name)) {
      issues.push(issue('referenced-resource', 'WARNING', `${site.path}.iotEvents.inputName`,
        `the action sends to input ${quote(name)}, which does not exist; ${known}`));
    }
  }
  return issues;
}

function undeclared(path: string, source: string, reference: InputReference, attributes: readonly string[][]): ModelIssue {
  const text = source.slice(reference.span.start, reference.span.end);
  const list = attributes.length ? `it declares ${attributes.map(formatAttribute).join(', ')}` : 'it declares no attributes';
  return issue('referenced-resource', 'WARNING', path,
    `${text} reads an attribute that input ${quote(reference.input)} does not declare (${list}). ` +
    'Vigil reads it from the raw message anyway; declare it in the input to keep the model AWS-compatible', reference.span);
}

function formatAttribute(segments: readonly string[]): string {
  return segments.map((segment) => (/^[\w-]+$/.test(segment) ? segment : `\`${segment}\``)).join('.');
}

function checkVariablesSet(context: ModelContext): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const set = [...context.variableSets.keys()];
  const known = set.length ? ` (variables set: ${set.join(', ')})` : '';
  for (const { site, references } of context.expressions) {
    const seen = new Set<string>();
    for (const { name, span } of references?.variables ?? []) {
      // One report per expression and name: `$variable.x != $variable.x` is one mistake, not two.
      if (context.variableSets.has(name) || seen.has(name)) continue;
      seen.add(name);
      issues.push(issue('referenced-data', 'WARNING', site.path,
        `Detected broken Variable ${name}: it is used but never set; add a setVariable action for it or fix the name${known}`, span));
    }
  }
  return issues;
}
