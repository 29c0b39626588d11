import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  ExpressionError,
  Fault,
  collectReferences,
  compileExpression,
  formatValue,
  parseTypedJson,
  type EvalContext,
  type Value,
} from '../../lib/expression';
import { EXIT, UsageError, printExpressionError, type CommandIo } from '../io';

const HELP = `usage: vigil eval '<expression>' [options]

Evaluates one AWS IoT Events expression and prints the result as IoT Events literal text
(3, 50.018, 30.0, "text", true, null, undefined; invalid when an operation fails).

options:
  --input Name='<json>'   a message payload of input Name (repeatable)
  --var name=<literal>    a detector variable, as literal text: 3, 2.5, '"text"', true (repeatable)
  --trigger message|timer what started the evaluation (default: message)
  --current Name          the input of the current message (default: the only --input)
  --expired timerName     a timer that has expired, so timeout("timerName") is true (repeatable)

exit status: 0 evaluated, 1 the expression does not parse or compile, 2 bad command line.`;

/** `vigil eval`: evaluates one expression against inputs and variables given on the command line. */
export async function evalCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseEvalArgs({
    args: expressionsLast(args),
    allowPositionals: true,
    options: {
      input: { type: 'string', multiple: true, default: [] },
      var: { type: 'string', multiple: true, default: [] },
      trigger: { type: 'string', default: 'message' },
      current: { type: 'string' },
      expired: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  } as const);
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(`expected exactly one expression, got ${positionals.length}\n\n${HELP}`);
  const context = buildContext(values);
  let value: Value;
  try {
    value = compileExpression(positionals[0]).evaluate(context);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    printExpressionError(io, error);
    return EXIT.invalid;
  }
  io.out(formatValue(value));
  if (value instanceof Fault) io.err(`invalid: ${value.message} (at ${value.span.start})`);
  return EXIT.ok;
}

interface EvalOptions {
  input: string[];
  var: string[];
  trigger: string;
  current?: string;
  expired: string[];
}

function buildContext(options: EvalOptions): EvalContext {
  const inputs: Record<string, unknown> = {};
  for (const entry of options.input) {
    const [name, json] = splitAssignment(entry, '--input', 'Name=\'{"a": 1}\'');
    try {
      inputs[name] = parseTypedJson(json);
    } catch (error) {
      throw new UsageError(`--input ${name}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const variables: Record<string, Value> = {};
  for (const entry of options.var) {
    const [name, literal] = splitAssignment(entry, '--var', 'count=3');
    variables[name] = parseLiteral(literal, name);
  }
  const trigger = options.trigger.toLowerCase();
  if (trigger !== 'message' && trigger !== 'timer') throw new UsageError(`--trigger must be message or timer, not '${options.trigger}'`);
  const names = Object.keys(inputs);
  const currentInput = trigger === 'timer' ? undefined : (options.current ?? (names.length === 1 ? names[0] : undefined));
  const expired = new Set(options.expired);
  return {
    inputs,
    variables,
    currentInput,
    trigger: trigger === 'timer' ? 'Timer' : 'Message',
    timeout: (name) => expired.has(name),
  };
}

function splitAssignment(entry: string, option: string, example: string): [string, string] {
  const at = entry.indexOf('=');
  if (at <= 0) throw new UsageError(`${option} expects name=value, e.g. ${option} ${example}`);
  return [entry.slice(0, at), entry.slice(at + 1)];
}

/** A variable value is literal text of the language; anything that reads data is refused. */
function parseLiteral(text: string, name: string): Value {
  let compiled;
  try {
    compiled = compileExpression(text);
  } catch (error) {
    throw new UsageError(`--var ${name}: ${(error as Error).message}`);
  }
  const references = collectReferences(compiled.ast);
  if (references.inputs.length || references.variables.length || references.functions.length) {
    throw new UsageError(`--var ${name}: expected a literal such as 3, 2.5, '"text"' or true`);
  }
  const value = compiled.evaluate({ inputs: {}, variables: {}, currentInput: undefined, trigger: 'Message', timeout: () => false });
  if (value === undefined || value instanceof Fault) throw new UsageError(`--var ${name}: '${text}' is not a valid value`);
  return value;
}

/**
 * An expression such as `-7 / 2` or `-(1)` starts with '-' but cannot be an option (options are
 * letters): it is moved after `--`, so the shell line needs no `--` of its own.
 */
function expressionsLast(args: string[]): string[] {
  if (args.includes('--')) return args;
  const expressions = args.filter((arg) => /^-[^a-zA-Z-]/.test(arg));
  return expressions.length ? [...args.filter((arg) => !expressions.includes(arg)), '--', ...expressions] : args;
}

/** `parseArgs`, with a wrong option reported as a usage error that says how to pass `-true`. */
function parseEvalArgs<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; to evaluate an expression that starts with '-', put -- before it: vigil eval -- '-true'\n\n${HELP}`);
  }
}
