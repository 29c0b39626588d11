import { compileSql } from './compile-query';
import { IotRuleConfigError, IotSqlError } from './errors';
import { SQL_VERSIONS, type LocalRule, type RuleDefinition } from './types';

// https://docs.aws.amazon.com/iot/latest/apireference/API_CreateTopicRule.html: ruleName matches
// ^[a-zA-Z0-9_]+$ and has at most 128 characters.
const RULE_NAME = /^[a-zA-Z0-9_]{1,128}$/;

/**
 * Checks a rule definition and compiles its SQL once. Throws {@link IotRuleConfigError} naming the
 * rule when the name is invalid, the SQL version unknown, or the SQL cannot be evaluated by the
 * emulator (the {@link IotSqlError} is kept as `cause`).
 */
export function compileRule(definition: RuleDefinition): LocalRule {
  const { ruleName, source, sqlVersion } = definition;
  if (!RULE_NAME.test(ruleName)) {
    throw new IotRuleConfigError(ruleName, source, 'rule names may contain only letters, digits and underscores (at most 128)');
  }
  if (!SQL_VERSIONS.includes(sqlVersion)) {
    throw new IotRuleConfigError(ruleName, source, `unknown SQL version '${String(sqlVersion)}' (use ${SQL_VERSIONS.join(', ')})`);
  }
  try {
    return { ...definition, query: compileSql(definition.sql, sqlVersion) };
  } catch (error) {
    if (error instanceof IotSqlError) throw new IotRuleConfigError(ruleName, source, error.message, { cause: error });
    throw error;
  }
}
