import { UNRESOLVED_MARK, intrinsicName } from './intrinsic-name';
import type { Resolver } from './intrinsics';
import { isCfnObject, type CfnObject, type CfnValue } from './template';

/**
 * Evaluates a condition of a template (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`)
 * with the values the resolver knows: true or false, or undefined (an ERROR reported) when a value
 * it compares is one only a deployment knows.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
 */
export function decideCondition(resolver: Resolver, expression: CfnValue, path: string): boolean | undefined {
  const name = intrinsicName(expression) ?? (isCfnObject(expression) && Object.keys(expression).length === 1 && Object.hasOwn(expression, 'Condition') ? 'Condition' : undefined);
  const argument = name === undefined ? undefined : (expression as CfnObject)[name];
  const parts = Array.isArray(argument) ? argument : [];
  switch (name) {
    case 'Condition':
      return typeof argument === 'string' ? resolver.condition(argument, path) : undefined;
    case 'Fn::Equals': {
      const [a, b] = parts.map((part, i) => resolver.resolve(part, `${path}.Fn::Equals[${i}]`));
      if ([a, b].some((side) => typeof side === 'string' && side.includes(UNRESOLVED_MARK))) {
        return resolver.fail(path, 'the condition depends on a value only a deployment knows; pass --parameter NAME=VALUE');
      }
      return JSON.stringify(a) === JSON.stringify(b);
    }
    case 'Fn::Not': {
      const value = decideCondition(resolver, parts[0], `${path}.Fn::Not[0]`);
      return value === undefined ? undefined : !value;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const values = parts.map((part, i) => decideCondition(resolver, part, `${path}.${name}[${i}]`));
      if (values.some((value) => value === undefined)) return undefined;
      return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    default:
      return resolver.fail(path, 'a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition');
  }
}
