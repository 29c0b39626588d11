/**
 * Migrating from AWS IoT Events: CloudFormation, SAM and CDK templates read (`vigil import`), their
 * IoT Events resources mapped to the API bodies Vigil runs, topic rules rerouted to Vigil's
 * ingestion (`vigil migrate-rules`) or declared as `custom.vigil.rules` (`--declare`), and what
 * behaves differently on Vigil (the portability report). Pure: no I/O, no AWS SDK.
 */
export { CFN_TAG_FUNCTIONS, CFN_YAML_TAGS, intrinsicOfTag, tagOfIntrinsic } from './cfn-tags';
export { CFN_PROPERTIES, IOT_EVENTS_TYPES, NOT_IN_CLOUDFORMATION } from './cfn-spec';
export { TemplateError, formatTemplateIssue, type TemplateIssue, type TemplateIssueLevel } from './errors';
export { importTemplate, type ImportOptions, type ImportResult, type ImportedFile } from './import-template';
export { NO_VALUE, Resolver } from './intrinsics';
export { UNRESOLVED_MARK, intrinsicName } from './intrinsic-name';
export { MAX_TEMPLATE_BYTES, cfnObject, isCfnObject, member, parseTemplate, type CfnObject, type CfnValue, type ParsedTemplate } from './template';
export { RuleRewriteError, splitSql, substitutionToSql } from './iot-sql';
export { planLiveRule, type ApiRuleAction, type ApiTopicRulePayload, type LiveRulePlan } from './live-rule';
export { migrateTemplateRules, type MigratedTemplate } from './migrate-template';
export { declareTemplateRules, type DeclaredTemplate } from './declare-template';
export { planDeclaredRules, type DeclarePlan, type DeclaredRoute, type RuleDeclaration } from './declare-rules';
export { referencesTo } from './references-to';
export { planTemplateRules, type IngestTarget, type OutValue, type RuleEdit } from './template-rules';
export { VIGIL_COLUMNS, vigilRuleSql, type IotEventsTarget } from './vigil-rule-sql';
export { formatPortability, portabilityReport, type PortabilityFinding } from './portability';
