import { Fault, compileExpression, formatDecimal, typeName, type EvalContext, type Value } from '../../expression';
import type { CompiledAlarmModel, ComparisonOperator } from '../../model';
import { setOwn } from '../own';
import type { Diagnostic } from '../trace';
import type { RetainedThreshold, SimpleRuleEvaluation } from './snapshot';
import type { AlarmMessage } from './trigger';

/**
 * The comparison of each operator, compiled once from the expression language itself, so a rule
 * compares exactly as a detector condition does (Integer with Decimal by value, strings in order,
 * anything else invalid: docs/decisions.md E10).
 */
const COMPARE: Readonly<Record<ComparisonOperator, (context: EvalContext) => Value>> = Object.fromEntries(
  ([['GREATER', '>'], ['GREATER_OR_EQUAL', '>='], ['LESS', '<'], ['LESS_OR_EQUAL', '<='], ['EQUAL', '=='], ['NOT_EQUAL', '!=']] as const).map(
    ([operator, symbol]) => [operator, compileExpression(`$variable.a ${symbol} $variable.b`).evaluate],
  ),
) as Record<ComparisonOperator, (context: EvalContext) => Value>;

/** What a message did to the rule. */
export type RuleOutcome =
  /** The message brought no new value of the input property: nothing is evaluated. */
  | { readonly kind: 'none' }
  /** It did, but the rule could not be evaluated (the diagnostic says why); the state stays. */
  | { readonly kind: 'invalid'; readonly diagnostic: Diagnostic }
  | { readonly kind: 'evaluated'; readonly result: boolean; readonly evaluation: SimpleRuleEvaluation };

/** A message's effect on the rule, and the threshold to retain after it. */
export interface RuleResult {
  readonly outcome: RuleOutcome;
  readonly threshold: RetainedThreshold | undefined;
}

const RULE = 'alarmRule.simpleRule';

/**
 * Evaluates the rule on a message, only when the message brings new data for the input property
 * (its attribute is there): "each time that this input attribute receives new data, it's
 * evaluated" ([DG] create-alarm-model-console). A threshold read from an attribute is taken from
 * this message when it carries it, else from `retained`.
 */
export function evaluateRule(model: CompiledAlarmModel, message: AlarmMessage, retained: RetainedThreshold | undefined): RuleResult {
  const { inputProperty, threshold, operator } = model.rule;
  const inputs: Record<string, unknown> = {};
  setOwn(inputs, message.inputName, message.payload);
  const context: EvalContext = { inputs, variables: {}, currentInput: message.inputName, trigger: 'Message', timeout: () => false };

  let kept = retained?.source === threshold.source ? retained : undefined;
  let thresholdValue: Value;
  if (threshold.input === undefined) thresholdValue = threshold.expression.evaluate(context);
  else {
    const read = threshold.input === message.inputName ? threshold.expression.evaluate(context) : undefined;
    if (read !== undefined && !(read instanceof Fault)) kept = { source: threshold.source, value: read };
    thresholdValue = kept?.value;
  }

  const value = inputProperty.input === message.inputName ? inputProperty.expression.evaluate(context) : undefined;
  if (value === undefined) return { outcome: { kind: 'none' }, threshold: kept };
  if (value instanceof Fault) return { outcome: invalid(`${RULE}.inputProperty`, `the input property is invalid: ${value.message}`), threshold: kept };
  if (thresholdValue instanceof Fault) return { outcome: invalid(`${RULE}.threshold`, `the threshold is invalid: ${thresholdValue.message}`), threshold: kept };
  if (thresholdValue === undefined) {
    return { outcome: invalid(`${RULE}.threshold`, `the threshold ${threshold.source} has no value yet: no message has carried it`), threshold: kept };
  }
  const result = COMPARE[operator]({ inputs: {}, variables: { a: value, b: thresholdValue }, currentInput: undefined, trigger: 'Message', timeout: () => false });
  if (typeof result !== 'boolean') {
    const why = result instanceof Fault ? result.message : `it gave ${typeName(result)}`;
    return { outcome: invalid(RULE, `${typeName(value)} ${operator} ${typeName(thresholdValue)} cannot be compared: ${why}`), threshold: kept };
  }
  return {
    outcome: { kind: 'evaluated', result, evaluation: { inputPropertyValue: valueText(value), operator, thresholdValue: valueText(thresholdValue) } },
    threshold: kept,
  };
}

function invalid(path: string, message: string): RuleOutcome {
  return { kind: 'invalid', diagnostic: { level: 'ERROR', code: 'alarm.rule', message, path } };
}

/** A value as DescribeAlarm shows it: numbers as their literal text, strings as they are. */
function valueText(value: Exclude<Value, undefined | Fault>): string {
  if (typeof value === 'number') return formatDecimal(value);
  return String(value);
}
