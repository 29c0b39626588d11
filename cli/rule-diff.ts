import type { ApiTopicRulePayload, LiveRulePlan } from '../lib/migration';

/** A rule payload as one line per member (`sql: …`, `actions[1]: {…}`), for a readable diff. */
function lines(payload: ApiTopicRulePayload | undefined): string[] {
  if (!payload) return [];
  const { actions, errorAction } = payload;
  const members = (['sql', 'awsIotSqlVersion', 'ruleDisabled', 'description'] as const).filter((name) => payload[name] !== undefined);
  return [
    ...members.map((name) => `${name}: ${String(payload[name])}`),
    ...actions.map((action) => `action: ${JSON.stringify(action)}`),
    ...(errorAction ? [`errorAction: ${JSON.stringify(errorAction)}`] : []),
  ];
}

/** Lines of `before` not in `after` with `-`, lines of `after` not in `before` with `+`, unchanged ones with two spaces. */
export function payloadDiff(before: ApiTopicRulePayload | undefined, after: ApiTopicRulePayload): string[] {
  const old = lines(before);
  const now = lines(after);
  return [...old.map((line) => (now.includes(line) ? `    ${line}` : `  - ${line}`)), ...now.filter((line) => !old.includes(line)).map((line) => `  + ${line}`)];
}

/** The plan of one rule as text: what is created, then how the rule changes. */
export function planText(plan: LiveRulePlan): string[] {
  return [
    ...plan.create.flatMap((rule) => [`create rule ${rule.ruleName}:`, ...payloadDiff(undefined, rule.payload)]),
    `replace rule ${plan.ruleName}:`,
    ...payloadDiff(plan.before, plan.replace),
  ];
}
