import { CONTEXT_FUNCTIONS } from './functions-context';
import { DATA_FUNCTIONS } from './functions-data';
import { MATH_FUNCTIONS } from './functions-math';
import { STRING_FUNCTIONS } from './functions-string';
import type { SqlFunction } from './sql-function';

const FUNCTIONS: Readonly<Record<string, SqlFunction>> = {
  ...CONTEXT_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...DATA_FUNCTIONS,
};

const AWS_SERVICE = 'it calls an AWS service the local stack does not emulate';

/**
 * Functions AWS documents that the emulator does not run, with the reason its error gives. A rule
 * using one fails at start-up instead of silently evaluating to Undefined.
 */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  aws_lambda: 'it invokes a Lambda function synchronously from the rules engine, which the local stack does not emulate',
  get_dynamodb: AWS_SERVICE,
  get_thing_shadow: AWS_SERVICE,
  get_secret: AWS_SERVICE,
  get_registry_data: AWS_SERVICE,
  machinelearning_predict: 'it calls Amazon Machine Learning, which the local stack does not emulate',
  get_mqtt_property: 'it reads MQTT 5 properties, and the local broker speaks MQTT 3.1.1',
  get_user_properties: 'it reads MQTT 5 user properties, and the local broker speaks MQTT 3.1.1',
  parse_time: 'Java date-time patterns are not emulated',
  time_to_epoch: 'Java date-time patterns are not emulated',
  get_or_default: 'the emulator does not implement it yet',
  md2: "Node's crypto has no MD2",
};

/** Result of looking a function name up: case-insensitive, as AWS's own examples (`Round`, `Nanvl`) show. */
export type FunctionLookup =
  | { readonly kind: 'known'; readonly name: string; readonly fn: SqlFunction }
  | { readonly kind: 'unsupported'; readonly name: string; readonly reason: string }
  | { readonly kind: 'unknown'; readonly name: string };

/** Finds a built-in function by name, in any letter case. */
export function lookupFunction(name: string): FunctionLookup {
  const key = name.toLowerCase();
  if (Object.hasOwn(FUNCTIONS, key)) return { kind: 'known', name: key, fn: FUNCTIONS[key] };
  if (Object.hasOwn(UNSUPPORTED, key)) return { kind: 'unsupported', name: key, reason: UNSUPPORTED[key] };
  return { kind: 'unknown', name: key };
}

/** Names of every function the emulator implements, sorted; for documentation and tests. */
export function supportedFunctionNames(): string[] {
  return [...Object.keys(FUNCTIONS), 'cast'].sort();
}
