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

const never = () => false;
/**
 * The contexts rule expressions run in, made once and refilled by each evaluation: it runs
 * synchronously and keeps nothing of them (the alarm engine's hot path allocates as little as it can).
 */
const messageContext: { inputs: Record<string, unknown>; variables: Record<string, Value>; currentInput: string | undefined; trigger: 'Message'; timeout: () => boolean } = {
  inputs: {}, variables: {}, currentInput: undefined, trigger: 'Message', timeout: never,
};
const compareContext: EvalContext = { inputs: {}, variables: { a: undefined, b: undefined }, currentInput: undefined, trigger: 'Message', timeout: never };

/** What a message did to the rule. */
export type RuleOutcome =
  /** The message brought no new value of the input property: nothing is evaluated. */
  | { readonly kind: 'none' }
  /** It did, but the rule could not be evaluated (the diagnostic says why); the state stays. */
  | { readonly kind: 'invalid'; readonly diagnostic: Diagnostic }
  | { readonly kind: 'evaluated'; readonly result: boolean; readonly evaluation: SimpleRuleEvaluation };

const NONE: RuleOutcome = { kind: 'none' };
const RULE = 'alarmRule.simpleRule';

/** A threshold that reads no input, evaluated once per model version, with its text. */
const constants = new WeakMap<CompiledAlarmModel, { readonly value: Value; readonly text: string | undefined }>();

/** The context the rule's expressions read `message` in (one object, refilled per message). */
function contextOf(message: AlarmMessage): typeof messageContext {
  const context = messageContext;
  if (context.currentInput !== message.inputName) {
    context.inputs = {};
    context.currentInput = message.inputName;
  }
  setOwn(context.inputs, message.inputName, message.payload);
  return context;
}

/**
 * Keeps the threshold `message` carries, when the rule reads it from an attribute: a new value is
 * written to `alarm.threshold` (with its expression's text), one from another expression (an older
 * version's) is dropped. Called in every state, disabled ones included: a threshold is the alarm's
 * configuration, and a SiteWise attribute is published only when it changes, so one missed while
 * the alarm was disabled would leave it unable to evaluate until the attribute is written again.
 */
export function retainThreshold(model: CompiledAlarmModel, message: AlarmMessage, alarm: { threshold: RetainedThreshold | undefined }): void {
  const { threshold } = model.rule;
  if (threshold.input === undefined) return;
  if (alarm.threshold !== undefined && alarm.threshold.source !== threshold.source) alarm.threshold = undefined;
  const read = threshold.input === message.inputName ? threshold.expression.evaluate(contextOf(message)) : undefined;
  if (read !== undefined && !(read instanceof Fault) && (alarm.threshold === undefined || alarm.threshold.value !== read)) {
    alarm.threshold = { source: threshold.source, value: read };
  }
}

/**
 * Evaluates the rule on a message, only when the message brings new data for the input property
 * (its attribute is there): "each time that this input attribute receives new data, it's
 * evaluated" ([DG] create-alarm-model-console). A threshold read from an attribute is taken from
 * this message when it carries it, else from the one `alarm` retained ({@link retainThreshold}).
 */
export function evaluateRule(model: CompiledAlarmModel, message: AlarmMessage, alarm: { threshold: RetainedThreshold | undefined }): RuleOutcome {
  const { inputProperty, threshold, operator } = model.rule;
  const context = contextOf(message);

  let thresholdValue: Value;
  let thresholdText: string | undefined;
  if (threshold.input === undefined) {
    let constant = constants.get(model);
    if (!constant) {
      const value = threshold.expression.evaluate(context);
      constants.set(model, (constant = { value, text: value === undefined || value instanceof Fault ? undefined : valueText(value) }));
    }
    thresholdValue = constant.value;
    thresholdText = constant.text;
  } else {
    retainThreshold(model, message, alarm);
    thresholdValue = alarm.threshold?.value;
  }

  const value = inputProperty.input === message.inputName ? inputProperty.expression.evaluate(context) : undefined;
  if (value === undefined) return NONE;
  if (value instanceof Fault) return invalid(`${RULE}.inputProperty`, `the input property is invalid: ${value.message}`);
  if (thresholdValue instanceof Fault) return invalid(`${RULE}.threshold`, `the threshold is invalid: ${thresholdValue.message}`);
  if (thresholdValue === undefined) return invalid(`${RULE}.threshold`, `the threshold ${threshold.source} has no value yet: no message has carried it`);
  const operands = compareContext.variables as { a: Value; b: Value };
  operands.a = value;
  operands.b = thresholdValue;
  const result = COMPARE[operator](compareContext);
  if (typeof result !== 'boolean') {
    const why = result instanceof Fault ? result.message : `it gave ${typeName(result)}`;
    return invalid(RULE, `${typeName(value)} ${operator} ${typeName(thresholdValue)} cannot be compared: ${why}`);
  }
  return { kind: 'evaluated', result, evaluation: { inputPropertyValue: valueText(value), operator, thresholdValue: thresholdText ?? valueText(thresholdValue) } };
}

function invalid(path: string, message: string): RuleOutcome {
  return { kind: 'invalid', diagnostic: { level: 'ERROR', code: 'alarm.rule', message, path } };
}

/** A value as DescribeAlarm shows it: numbers as their literal text, strings as they are. */
function valueText(value: Exclude<Value, undefined | Fault>): string {
  if (typeof value === 'number') return formatDecimal(value);
  return String(value);
}
