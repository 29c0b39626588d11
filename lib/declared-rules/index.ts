/**
 * Declared topic rules: `custom.vigil.rules` in serverless.yml, a list of `{ name?, topic? , sql?,
 * inputName, messageId?, batchMode? }`, turned into the `AWS::IoT::TopicRule` resources Vigil's
 * ingestion reads (see README, "Routing telemetry"). Pure: no I/O, no clock, no environment.
 */
export { DeclaredRulesError } from './errors';
export { declaredRuleResource, declaredRuleResources, declaredRuleSql } from './generate';
export { defaultRuleName, deployedRuleName, ruleLogicalId } from './names';
export { DECLARED_RULES_PATH, readDeclaredRules } from './read-declarations';
export type { DeclarationIssue, DeclaredRule, StackNames, TopicRuleResource } from './types';
