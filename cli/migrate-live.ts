import type { IoTClient, TopicRulePayload } from '@aws-sdk/client-iot';
import { RuleRewriteError, planLiveRule, type ApiTopicRulePayload, type IngestTarget, type LiveRulePlan } from '../lib/migration';
import { EXIT, type CommandIo } from './io';
import { planText } from './rule-diff';

/** How a live migration runs. */
export interface LiveOptions {
  readonly region: string;
  readonly apply: boolean;
  /** Only these rules (all when empty). */
  readonly rules: readonly string[];
}

/**
 * Migrates the topic rules of a live account: lists them (ListTopicRules, every page), reads each
 * (GetTopicRule), plans every one with an iotEvents action ({@link planLiveRule}) and prints the
 * plan as a diff per rule. With `apply`, and only when every rule could be planned, carries it out
 * rule by rule: companion rules first (CreateTopicRule), then the rule itself (ReplaceTopicRule),
 * so no message goes unrouted between the two; a failure stops there and says what was done.
 */
export async function migrateLiveRules(io: CommandIo, target: IngestTarget, options: LiveOptions): Promise<number> {
  const { CreateTopicRuleCommand, GetTopicRuleCommand, IoTClient, ListTopicRulesCommand, ReplaceTopicRuleCommand } = await import('@aws-sdk/client-iot');
  const iot: IoTClient = new IoTClient({ region: options.region });
  try {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await iot.send(new ListTopicRulesCommand({ nextToken }));
      names.push(...(page.rules ?? []).map((rule) => rule.ruleName as string));
      nextToken = page.nextToken;
    } while (nextToken);
    const unknown = options.rules.filter((name) => !names.includes(name));
    if (unknown.length) io.err(`vigil migrate-rules: no rule named ${unknown.join(', ')} in ${options.region}`);
    const plans: LiveRulePlan[] = [];
    let refused = unknown.length;
    for (const name of names.filter((found) => !options.rules.length || options.rules.includes(found))) {
      const { rule } = await iot.send(new GetTopicRuleCommand({ ruleName: name }));
      if (!rule) continue;
      try {
        const current: ApiTopicRulePayload = {
          sql: rule.sql ?? '',
          actions: (rule.actions ?? []) as unknown as ApiTopicRulePayload['actions'],
          ...(rule.description === undefined ? {} : { description: rule.description }),
          ...(rule.ruleDisabled === undefined ? {} : { ruleDisabled: rule.ruleDisabled }),
          ...(rule.awsIotSqlVersion === undefined ? {} : { awsIotSqlVersion: rule.awsIotSqlVersion }),
          ...(rule.errorAction === undefined ? {} : { errorAction: rule.errorAction as unknown as ApiTopicRulePayload['errorAction'] }),
        };
        const plan = planLiveRule(name, current, target, new Set(names));
        if (plan) plans.push(plan);
      } catch (error) {
        if (!(error instanceof RuleRewriteError)) throw error;
        refused++;
        io.out(`rule ${name}: cannot be migrated: ${error.message}`);
      }
    }
    for (const plan of plans) planText(plan).forEach((line) => io.out(line));
    io.err(`${plans.length} rule(s) feed AWS IoT Events${refused ? `, ${refused} cannot be migrated` : ''}`);
    if (!options.apply) {
      if (plans.length) io.err('dry run: nothing changed; --apply carries this out');
      return refused ? EXIT.invalid : EXIT.ok;
    }
    if (refused) {
      io.err('vigil migrate-rules: nothing applied: port the rules above by hand, or leave them out with --rule');
      return EXIT.invalid;
    }
    for (const plan of plans) {
      try {
        for (const rule of plan.create) {
          await iot.send(new CreateTopicRuleCommand({ ruleName: rule.ruleName, topicRulePayload: payload(rule.payload) }));
          io.err(`created rule ${rule.ruleName}`);
        }
        await iot.send(new ReplaceTopicRuleCommand({ ruleName: plan.ruleName, topicRulePayload: payload(plan.replace) }));
        io.err(`replaced rule ${plan.ruleName}`);
      } catch (error) {
        io.err(`vigil migrate-rules: rule ${plan.ruleName}: ${(error as Error).name}: ${(error as Error).message}; the rules before it were migrated, it and those after it were not`);
        return EXIT.unavailable;
      }
    }
    return EXIT.ok;
  } finally {
    iot.destroy();
  }
}

/** A payload as ReplaceTopicRule and CreateTopicRule take it (GetTopicRule's extra members left out). */
function payload(rule: ApiTopicRulePayload): TopicRulePayload {
  return {
    sql: rule.sql,
    actions: rule.actions as unknown as TopicRulePayload['actions'],
    ...(rule.description === undefined ? {} : { description: rule.description }),
    ...(rule.ruleDisabled === undefined ? {} : { ruleDisabled: rule.ruleDisabled }),
    ...(rule.awsIotSqlVersion === undefined ? {} : { awsIotSqlVersion: rule.awsIotSqlVersion }),
    ...(rule.errorAction === undefined ? {} : { errorAction: rule.errorAction as unknown as TopicRulePayload['errorAction'] }),
  };
}
