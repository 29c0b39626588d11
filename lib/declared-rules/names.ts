import type { StackNames } from './types';

/** AWS IoT's rule name pattern and length (CreateTopicRule `ruleName`). */
export const RULE_NAME = /^[a-zA-Z0-9_]+$/;
export const MAX_RULE_NAME = 128;

/** The deployed RuleName: the stage's prefix, as Vigil's hand-written rules have, then the rule's name. */
export function deployedRuleName(name: string, stack: StackNames): string {
  return `${ruleWord(stack.service)}_${ruleWord(stack.stage)}_${name}`;
}

/**
 * The name a declaration without `name` gets: its input, then its topic filter with `+` as `any`,
 * `#` as `all` and every other character outside `[A-Za-z0-9_]` as `_` (`PressureInput_vigil_any_pressure`).
 */
export function defaultRuleName(inputName: string, topic: string): string {
  const words = topic.split('/').map((level) => (level === '+' ? 'any' : level === '#' ? 'all' : ruleWord(level)));
  return ruleWord([inputName, ...words].join('_'));
}

/** The CloudFormation logical id of a declared rule: `VigilRule`, then the name in PascalCase (`pressure_queue` → `VigilRulePressureQueue`). */
export function ruleLogicalId(name: string): string {
  return `VigilRule${name.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}`;
}

/** `text` with every run of characters a rule name cannot hold made one `_`, and none at the ends. */
function ruleWord(text: string): string {
  return text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
}
