/**
 * A local emulator of AWS IoT Core topic rules: discovers the rules of a resolved Serverless
 * configuration, compiles their AWS IoT SQL once, and evaluates each MQTT message against them
 * with AWS's semantics (topic filters, typed numbers, Undefined, binary payloads).
 */
export { applyRule } from './apply-rule';
export { compileSql, type CompiledQuery } from './compile-query';
export { compileRule } from './compile-rule';
export { discoverRules } from './discover-rules';
export { errorActionMessage, type ActionFailure, type ErrorActionMessage } from './error-action';
export { IotRuleConfigError, IotRuleError, IotSqlError } from './errors';
export { supportedFunctionNames } from './function-table';
export { parseBasicIngest, topicMatches, validateTopicFilter, type BasicIngestTopic } from './topic-filter';
export {
  DEFAULT_SQL_VERSION,
  SQL_VERSIONS,
  type ApplyOptions,
  type LocalRule,
  type RuleDefinition,
  type RuleMatch,
  type RuleMessage,
  type RuleOutcome,
  type RuleTarget,
  type SqlVersion,
} from './types';
