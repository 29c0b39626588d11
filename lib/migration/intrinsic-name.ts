import { isCfnObject, type CfnValue } from './template';

/** The start of every placeholder written for a value the import could not resolve. */
export const UNRESOLVED_MARK = '<unresolved: ';

/** The placeholder of a value only a deployment knows: `<unresolved: !GetAtt Role.Arn>`. */
export function unresolved(shown: string): string {
  return `${UNRESOLVED_MARK}${shown}>`;
}

/** The long-form intrinsic a mapping is (`Ref` or `Fn::…`, its only key), or undefined. */
export function intrinsicName(value: CfnValue | undefined): string | undefined {
  if (!isCfnObject(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
}
