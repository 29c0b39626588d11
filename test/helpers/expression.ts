import { compileExpression, parseTypedJson, type EvalContext, type TriggerType, type Value } from '../../lib/expression';

/** What a test may set in an evaluation context; payloads are JSON text, parsed losslessly. */
export interface ContextOptions {
  inputs?: Record<string, string>;
  variables?: Record<string, Value>;
  currentInput?: string;
  trigger?: TriggerType;
  expired?: string[];
}

/** Builds an evaluation context from JSON payload text. */
export function context(options: ContextOptions = {}): EvalContext & { checked: string[] } {
  const inputs: Record<string, unknown> = {};
  for (const [name, json] of Object.entries(options.inputs ?? {})) inputs[name] = parseTypedJson(json);
  const expired = new Set(options.expired ?? []);
  const checked: string[] = [];
  return {
    inputs,
    variables: options.variables ?? {},
    currentInput: options.currentInput ?? Object.keys(inputs)[0],
    trigger: options.trigger ?? 'Message',
    timeout: (name) => {
      checked.push(name);
      return expired.has(name);
    },
    checked,
  };
}

/** Compiles and evaluates `source` in one go. */
export function evaluate(source: string, options: ContextOptions = {}): Value {
  return compileExpression(source).evaluate(context(options));
}
