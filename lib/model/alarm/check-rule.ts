import type { Node } from '../../expression';
import { compileForCheck, issue } from '../check-context';
import { checkEnum, checkObject, checkString } from '../check-fields';
import type { ModelIssue } from '../issues';
import { checkSiteWiseRule } from './check-sitewise';
import { COMPARISON_OPERATORS } from './types';

const RULE = 'alarmRule.simpleRule';
const OPERAND = { required: true, min: 1, max: 512 } as const;

/**
 * Checks `alarmRule.simpleRule`: the operator is one of AWS's six, `inputProperty` is an input
 * attribute (`$input.Sensor.temperature`) or a SiteWise property's value, and `threshold` one of
 * those or a number (`30`, `-2.5`), SiteWise sides agreeing as `checkSiteWiseRule` says. Both sides
 * are expressions: a syntax error is reported with the parser's message and span, any other kind
 * of expression with the character where it starts.
 */
export function checkAlarmRule(request: Record<string, unknown>, issues: ModelIssue[]): void {
  const rule = checkObject(request.alarmRule, 'alarmRule', issues, true);
  if (!rule) return;
  const simple = checkObject(rule.simpleRule, RULE, issues, true);
  if (!simple) return;
  const inputProperty = checkOperand(simple.inputProperty, `${RULE}.inputProperty`, false, issues);
  issues.push(...checkEnum(simple.comparisonOperator, `${RULE}.comparisonOperator`, COMPARISON_OPERATORS, true));
  const threshold = checkOperand(simple.threshold, `${RULE}.threshold`, true, issues);
  checkSiteWiseRule(inputProperty, threshold, issues);
}

/** Checks one side; returns its syntax tree when it is an attribute read or a number. */
function checkOperand(value: unknown, path: string, numberAllowed: boolean, issues: ModelIssue[]): Node | undefined {
  const found = checkString(value, path, OPERAND);
  if (typeof value === 'number' && numberAllowed) {
    // The API takes the threshold as text; a bare JSON number is an easy slip with an easy fix.
    issues.push(issue('structure', 'ERROR', path, `threshold must be a string of 1–512 characters, not the number ${value}: write it as "${value}"`));
    return undefined;
  }
  if (found.length) {
    issues.push(...found);
    return undefined;
  }
  const source = value as string;
  const checked = compileForCheck(source);
  if (checked.error) {
    issues.push(issue('expression-syntax', 'ERROR', path, checked.error.message, checked.error.span));
    return undefined;
  }
  const node = (checked.compiled as { ast: Node }).ast;
  // The parser insists on an attribute after the input name ($sitewise reads are input reads too).
  if (node.kind === 'input') return node;
  if (numberAllowed && isNumber(node)) return node;
  const field = path.slice(path.lastIndexOf('.') + 1);
  const wanted = numberAllowed ? 'an input attribute such as $input.Sensor.threshold, or a number such as 30' : 'an input attribute such as $input.Sensor.temperature';
  issues.push(issue('expression-syntax', 'ERROR', path, `${field} must be ${wanted} (or a SiteWise property value, $sitewise….propertyValue.value); this is ${describeNode(node)} at character ${node.span.start}`, node.span));
  return undefined;
}

/** A numeric literal, possibly negated: `30`, `2.5`, `-4`. */
function isNumber(node: Node): boolean {
  if (node.kind === 'integer' || node.kind === 'decimal') return true;
  return node.kind === 'unary' && node.operator === '-' && (node.operand.kind === 'integer' || node.operand.kind === 'decimal');
}

function describeNode(node: Node): string {
  switch (node.kind) {
    case 'integer':
    case 'decimal':
      return 'a number';
    case 'string':
    case 'template':
      return 'a string';
    case 'boolean':
      return 'a Boolean';
    case 'variable':
      return `$variable.${node.name} (an alarm model has no variables)`;
    case 'call':
      return `a call of ${node.callee}()`;
    case 'binary':
      return `a '${node.operator}' expression`;
    case 'unary':
      return `a '${node.operator}' expression`;
    default:
      return node.kind === 'name' ? `the bare name ${node.name}` : 'an input attribute';
  }
}
