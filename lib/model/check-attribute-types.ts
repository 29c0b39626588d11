import { ANY_TYPE, TYPE, describeTypes, inferType, walk, type Node, type Span, type TypeEnvironment, type TypeSet } from '../expression';
import { issue, type CheckedExpression } from './check-context';
import { expectedType } from './expected-types';
import type { ModelIssue } from './issues';

const NUMERIC = TYPE.Integer | TYPE.Decimal;
const DEFINED = ANY_TYPE & ~TYPE.Undefined;
/** The types a message attribute can have; a use that fits all of them says nothing about the attribute. */
const CANDIDATES: readonly TypeSet[] = [TYPE.Integer, TYPE.Decimal, TYPE.String, TYPE.Boolean];
const UNCONSTRAINED = CANDIDATES.reduce((all, type) => all | type, 0);
/** Probing costs one inference per reference and candidate; past this many references an expression is left out. */
const MAX_PROBED_REFERENCES = 100;

/** One reference to an input attribute and the types its surroundings allow it. */
interface AttributeUse {
  readonly name: string;
  readonly types: TypeSet;
  readonly path: string;
  readonly span: Span;
}

/**
 * Warns once per input attribute whose uses imply incompatible types (spec §7.1 data-type), e.g.
 * `$input.In.s == 'x'` in one event and `$input.In.s == 3` in another: for any message one of them
 * always fails or compares unequal. Integer and Decimal mix, as they do everywhere.
 */
export function checkAttributeTypes(expressions: readonly CheckedExpression[], environment: TypeEnvironment): ModelIssue[] {
  const usesByName = new Map<string, AttributeUse[]>();
  for (const expression of expressions) {
    for (const use of listUses(expression, environment)) usesByName.set(use.name, [...(usesByName.get(use.name) ?? []), use]);
  }
  const issues: ModelIssue[] = [];
  for (const uses of usesByName.values()) {
    for (const [index, use] of uses.entries()) {
      const earlier = uses.slice(0, index).find((other) => !compatible(other.types, use.types));
      if (!earlier) continue;
      issues.push(issue('data-type', 'WARNING', use.path,
        `${use.name} is used as ${describeTypes(use.types)} at ${use.span.start} here but as ${describeTypes(earlier.types)} ` +
        `at ${earlier.span.start} in ${earlier.path}; an attribute has one type per message, so one of these uses always fails ` +
        'or compares unequal: make them agree, or convert() the value in one of them', use.span));
      break;
    }
  }
  return issues;
}

/**
 * The types each attribute reference of an expression can have: a candidate type fits when giving
 * it to that one reference (every other read keeps its usual type) makes inference find nothing
 * and keeps the result acceptable to the expression's role. This reuses `inferType` instead of a
 * second set of typing rules.
 */
function listUses(expression: CheckedExpression, environment: TypeEnvironment): AttributeUse[] {
  const { compiled, site, references } = expression;
  if (!compiled || !references?.inputs.length || references.inputs.length > MAX_PROBED_REFERENCES) return [];
  const expected = expectedType(site);
  const fits = (env: TypeEnvironment): boolean => {
    const { type, findings } = inferType(compiled.ast, env);
    const defined = type & DEFINED;
    return findings.length === 0 && (expected === undefined || !defined || Boolean(defined & expected));
  };
  // An expression that is wrong whatever its attributes hold is reported as such already;
  // probing it would blame an attribute for the problem.
  if (!fits(environment)) return [];
  const uses: AttributeUse[] = [];
  walk(compiled.ast, (node) => {
    if (node.kind !== 'input') return;
    const types = CANDIDATES.filter((candidate) => fits({
      ...environment,
      // The parser gives every reference its own path array, so identity singles out this one.
      input: (input, path) => (path === node.path ? candidate : environment.input(input, path)),
    })).reduce((all, type) => all | type, 0);
    if (types && types !== UNCONSTRAINED) uses.push({ name: attributeName(node), types, path: site.path, span: node.span });
  });
  return uses;
}

function attributeName(node: Extract<Node, { kind: 'input' }>): string {
  return `$input.${node.input}${node.path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('')}`;
}

function compatible(a: TypeSet, b: TypeSet): boolean {
  return Boolean(a & b) || Boolean(a & NUMERIC && b & NUMERIC);
}
