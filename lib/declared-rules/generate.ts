import { deployedRuleName, ruleLogicalId } from './names';
import { readDeclaredRules } from './read-declarations';
import { statementShape } from './sql-shape';
import type { DeclaredRule, StackNames, TopicRuleResource } from './types';

/** The SQL version of every Vigil rule. */
const SQL_VERSION = '2016-03-23';

/**
 * The SQL a declared rule deploys: Vigil's fields first — the payload as `encode(*, 'base64') AS
 * vigilRaw` (numbers keep their exact JSON text, and no field the device writes can stand in for
 * one the rule chose), the input as a literal, then the message id expression and the batch flag
 * when declared — then the declaration's own items, FROM and WHERE as written. A `*` item is left
 * out: `vigilRaw` already carries the whole payload, and a copy would double the message on the
 * queue (SQS takes 256 KiB). Other items add fields to the payload or override its own
 * (`topic(3) AS motorid` binds the detector to the topic).
 */
export function declaredRuleSql(rule: DeclaredRule): string {
  const shape = statementShape(rule.sql);
  // readDeclaredRules checked the statement: this cannot happen for a rule it returned.
  if ('error' in shape) throw new Error(`${rule.path}: ${shape.error}`);
  const vigil = [`encode(*, 'base64') AS vigilRaw`, `'${rule.inputName}' AS vigilInputName`];
  if (rule.messageId !== undefined) vigil.push(`${rule.messageId} AS vigilMessageId`);
  if (rule.batchMode) vigil.push('true AS vigilBatchMode');
  const own = shape.items.filter((item) => !item.star).map((item) => item.text);
  return `${shape.head}SELECT ${[...vigil, ...own].join(', ')} FROM '${shape.topic}'${shape.tail}`;
}

/**
 * The `AWS::IoT::TopicRule` of a declared rule, exactly as Vigil's hand-written queue rule is: an
 * SQS action to the ingest queue and an error action to the ingest dead-letter queue, both with
 * `IotRuleRole` (which may send to those two queues only), the payload not re-encoded. `Metadata`
 * names the declaration, so the local rule emulator reports problems where the user wrote them.
 */
export function declaredRuleResource(rule: DeclaredRule, stack: StackNames): TopicRuleResource {
  const sqs = (queue: string) => ({ Sqs: { QueueUrl: { Ref: queue }, RoleArn: { 'Fn::GetAtt': ['IotRuleRole', 'Arn'] }, UseBase64: false } });
  return {
    Type: 'AWS::IoT::TopicRule',
    Metadata: { VigilDeclaredRule: rule.path },
    Properties: {
      RuleName: deployedRuleName(rule.name, stack),
      TopicRulePayload: {
        Description: `Vigil: ${rule.topic} to input ${rule.inputName} (serverless.yml ${rule.path})`,
        Sql: declaredRuleSql(rule),
        AwsIotSqlVersion: SQL_VERSION,
        RuleDisabled: false,
        Actions: [sqs('IngestQueue')],
        ErrorAction: sqs('IngestDeadLetterQueue'),
      },
    },
  };
}

/**
 * `custom.vigil.rules` as CloudFormation resources, by logical id (`VigilRule<Name>`): what the
 * serverless.yml `resources` entry `${file(./serverless/declared-rules.cjs):resources}` merges into
 * the template, for deploy and for the local stack alike. Throws `DeclaredRulesError` listing every
 * problem of the declarations. Pure.
 */
export function declaredRuleResources(declared: unknown, stack: StackNames): Record<string, TopicRuleResource> {
  return Object.fromEntries(readDeclaredRules(declared, stack).map((rule) => [ruleLogicalId(rule.name), declaredRuleResource(rule, stack)]));
}
