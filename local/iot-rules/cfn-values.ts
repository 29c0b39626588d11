/**
 * Reading the resolved Serverless configuration (`serverless print --format json`): plain JSON in
 * which CloudFormation intrinsics (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`) are still objects.
 */

/** A JSON object from the configuration. */
export type JsonRecord = Readonly<Record<string, unknown>>;

/** The value as an object, or undefined when it is not one (arrays and null excluded). */
export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/**
 * Serverless' logical id for a function key: first letter upper-cased, `-` → `Dash`,
 * `_` → `Underscore` (`lib/plugins/aws/lib/naming.js`, `getNormalizedFunctionName`).
 */
export function normalizedFunctionName(functionKey: string): string {
  const name = functionKey.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The logical id of a function's `AWS::Lambda::Function`: `<Normalized>LambdaFunction`. */
export function lambdaLogicalId(functionKey: string): string {
  return `${normalizedFunctionName(functionKey)}LambdaFunction`;
}

/** The logical id Serverless gives the n-th (1-based) `iot` event of a function: `<Normalized>IotTopicRule<n>`. */
export function iotLogicalId(functionKey: string, index: number): string {
  return `${normalizedFunctionName(functionKey)}IotTopicRule${index}`;
}

/** Values of the pseudo parameters in the local stack. */
export interface PseudoParameters {
  readonly region: string;
  readonly accountId: string;
}

/**
 * Reduces a CloudFormation string expression to its text when it only combines literals and
 * pseudo parameters (`Fn::Join`, `Fn::Sub`, `Ref: AWS::Region`); undefined when it depends on a
 * resource. Used to read ARNs and URLs written with the account and region spliced in.
 */
export function flattenCfnString(value: unknown, pseudo: PseudoParameters): string | undefined {
  if (typeof value === 'string') return value;
  const record = asRecord(value);
  if (!record) return undefined;
  const keys = Object.keys(record);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  const argument = record[key];
  if (key === 'Ref') return typeof argument === 'string' ? pseudoParameter(argument, pseudo) : undefined;
  if (key === 'Fn::Join') {
    if (!Array.isArray(argument) || typeof argument[0] !== 'string' || !Array.isArray(argument[1])) return undefined;
    const parts = (argument[1] as unknown[]).map((part) => flattenCfnString(part, pseudo));
    return parts.every((part) => part !== undefined) ? parts.join(argument[0]) : undefined;
  }
  if (key === 'Fn::Sub') {
    const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof template !== 'string') return undefined;
    const bindings = asRecord(variables) ?? {};
    let failed = false;
    const text = template.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => {
      const bound = Object.hasOwn(bindings, name) ? flattenCfnString(bindings[name], pseudo) : pseudoParameter(name, pseudo);
      if (bound === undefined) failed = true;
      return bound ?? '';
    });
    return failed ? undefined : text.replace(/\$\{!/g, '${');
  }
  return undefined;
}

function pseudoParameter(name: string, pseudo: PseudoParameters): string | undefined {
  switch (name) {
    case 'AWS::Region':
      return pseudo.region;
    case 'AWS::AccountId':
      return pseudo.accountId;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    default:
      return undefined;
  }
}

/** The `[logicalId, attribute]` of an `Fn::GetAtt`, in its array or dotted-string form. */
export function getAtt(value: unknown): readonly [string, string] | undefined {
  const argument = asRecord(value)?.['Fn::GetAtt'];
  if (Array.isArray(argument) && argument.length === 2 && argument.every((part) => typeof part === 'string')) {
    return [argument[0], argument[1]];
  }
  if (typeof argument === 'string' && argument.includes('.')) {
    const dot = argument.indexOf('.');
    return [argument.slice(0, dot), argument.slice(dot + 1)];
  }
  return undefined;
}

/** A CloudFormation Boolean: `true`/`false` or their strings; undefined for anything else. */
export function cfnBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}
