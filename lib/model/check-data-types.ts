import { ANY_TYPE, TYPE, describeTypes, inferType, type Node, type TypeEnvironment, type TypeSet } from '../expression';
import { checkAttributeTypes } from './check-attribute-types';
import { constantValue, isObject, issue, type CheckedExpression, type ModelContext } from './check-context';
import { checkJsonInterpolations, isJsonPayload } from './check-json-payload';
import { SITEWISE_SLOT_TYPES, siteWiseSlot } from './expected-types';
import type { ModelIssue } from './issues';

const NUMERIC = TYPE.Integer | TYPE.Decimal;
/** What a variable can hold: a setVariable whose value is undefined fails, and variables "can't be assigned null". */
const STORABLE = NUMERIC | TYPE.String | TYPE.Boolean;
const DEFINED = ANY_TYPE & ~TYPE.Undefined;

/** One setVariable whose value compiled. */
interface Assignment {
  readonly name: string;
  readonly ast: Node;
  readonly expression: CheckedExpression;
}

/**
 * Type inference over the whole model (spec §7.1 data-type). Each variable's type is the union of
 * the types of every value assigned to it, iterated until stable because values read variables.
 * Reports one INFO per variable with its inferred types, a WARNING when one variable is given
 * incompatible types or one input attribute is used as incompatible types, a WARNING for every
 * operation the inference proves invalid, for a SiteWise value of the wrong type and for a String
 * spliced unquoted into a JSON payload. Data-type
 * findings are never errors (docs/decisions.md E16), with one exception AWS makes: a JSON payload
 * that cannot be a string is an expression-syntax ERROR.
 */
export function checkDataTypes(context: ModelContext): ModelIssue[] {
  const assignments = listAssignments(context);
  const types = inferVariableTypes(context, assignments);
  const environment = createEnvironment(context, types);
  const issues: ModelIssue[] = [];
  for (const [name, sites] of context.variableSets) {
    const type = types.get(name) ?? 0;
    if (type) issues.push(issue('data-type', 'INFO', `${sites[0].path}.setVariable`, `Inferred data types ${describeTypes(type)} for $variable.${name}`));
  }
  issues.push(...checkConflicts(assignments, environment));
  issues.push(...checkAttributeTypes(context.expressions, environment));
  for (const expression of context.expressions) {
    if (!expression.compiled) continue;
    const { type, findings } = inferType(expression.compiled.ast, environment);
    for (const finding of findings) {
      issues.push(issue('data-type', 'WARNING', expression.site.path, `${finding.message} at ${finding.span.start}`, finding.span));
    }
    const problem = checkRole(expression, type);
    if (problem) issues.push(problem);
    issues.push(...checkJsonInterpolations(expression, environment));
  }
  return issues;
}

function listAssignments(context: ModelContext): Assignment[] {
  return context.expressions.flatMap((expression) => {
    const body = expression.site.action?.action.setVariable;
    const name = isObject(body) ? body.variableName : undefined;
    return expression.site.role === 'value' && expression.compiled && typeof name === 'string'
      ? [{ name, ast: expression.compiled.ast, expression }]
      : [];
  });
}

function inferVariableTypes(context: ModelContext, assignments: readonly Assignment[]): Map<string, TypeSet> {
  const types = new Map<string, TypeSet>();
  const environment = createEnvironment(context, types);
  // Types only grow, four bits per variable, so this ends; the cap bounds pathological models.
  for (let round = 0; round <= 4 * context.variableSets.size && round < 200; round++) {
    let changed = false;
    for (const { name, ast } of assignments) {
      const before = types.get(name) ?? 0;
      const after = before | (inferType(ast, environment).type & STORABLE);
      if (after !== before) {
        types.set(name, after);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return types;
}

/** Variables take their inferred types (read live from `types`); unset ones are undefined; inputs may hold anything. */
function createEnvironment(context: ModelContext, types: ReadonlyMap<string, TypeSet>): TypeEnvironment {
  return {
    variable: (name) => (context.variableSets.has(name) ? types.get(name) ?? 0 : TYPE.Undefined),
    input: () => ANY_TYPE,
  };
}

function compatible(a: TypeSet, b: TypeSet): boolean {
  return Boolean(a & b) || Boolean(a & NUMERIC && b & NUMERIC);
}

/**
 * Warns once per variable when two of its assignments can never have compatible types. An
 * assignment that may give several types (from an input, say) is compatible with most others,
 * so only assignments that are certain to clash are reported.
 */
function checkConflicts(assignments: readonly Assignment[], environment: TypeEnvironment): ModelIssue[] {
  const seen = new Map<string, TypeSet[]>();
  const reported = new Set<string>();
  const issues: ModelIssue[] = [];
  for (const { name, ast, expression } of assignments) {
    const type = inferType(ast, environment).type & STORABLE;
    if (!type) continue;
    const earlier = seen.get(name) ?? [];
    seen.set(name, [...earlier, type]);
    if (reported.has(name) || earlier.every((other) => compatible(other, type))) continue;
    reported.add(name);
    const all = [...earlier, type].reduce((union, next) => union | next, 0);
    issues.push(issue('data-type', 'WARNING', expression.site.path,
      `Incompatible data types ${describeTypes(all)} used with $variable.${name}: assign it values of one type ` +
      '(Integer and Decimal mix), or conditions comparing it will silently be false'));
  }
  return issues;
}

/** Checks the result type an expression's role needs: a Boolean condition, a numeric duration, a string JSON payload, a SiteWise slot's type. */
function checkRole(expression: CheckedExpression, result: TypeSet): ModelIssue | undefined {
  const { site } = expression;
  const defined = result & DEFINED;
  const path = site.path;
  if (isJsonPayload(site) && defined && !(result & TYPE.String)) {
    return issue('expression-syntax', 'ERROR', path,
      `a JSON payload must be a string holding JSON, but this expression gives ${describeTypes(defined)}; ` +
      "quote it, e.g. '{\"value\": ${$input.MyInput.value}}'");
  }
  if (site.role === 'duration' && result && !(result & NUMERIC)) {
    return issue('data-type', 'WARNING', path, `durationExpression must give a number of seconds, but it gives ${describeTypes(result)}; the timer will not be set`);
  }
  // Constant conditions are reported by the reachability check.
  if (site.role === 'condition' && defined && !(result & TYPE.Boolean) && !constantValue(expression).constant) {
    return issue('data-type', 'WARNING', path, `a condition must give a Boolean, but this one gives ${describeTypes(defined)}, so the event never fires`);
  }
  const slot = siteWiseSlot(site);
  if (slot !== undefined && defined && !(defined & SITEWISE_SLOT_TYPES[slot])) {
    const fitting = Object.keys(SITEWISE_SLOT_TYPES).filter((other) => defined & SITEWISE_SLOT_TYPES[other]);
    const advice = fitting.length ? `write it to ${fitting.join(' or ')} instead, or give ${slot} a value of that type` : `give ${slot} a value of that type`;
    return issue('data-type', 'WARNING', path,
      `${slot} takes ${describeTypes(SITEWISE_SLOT_TYPES[slot])}, but this expression gives ${describeTypes(defined)} at 0, ` +
      `so the SiteWise action fails unless its text happens to parse as one: ${advice}`, expression.compiled?.ast.span);
  }
  return undefined;
}
