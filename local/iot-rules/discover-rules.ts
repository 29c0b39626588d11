import { compileRule } from './compile-rule';
import { asRecord, cfnBoolean, flattenCfnString, iotLogicalId, lambdaLogicalId, type JsonRecord } from './cfn-values';
import { IotRuleConfigError } from './errors';
import { resolveAction, type Fail, type ServiceIndex } from './resolve-targets';
import { DEFAULT_SQL_VERSION, type LocalRule, type RuleDefinition, type RuleTarget, type SqlVersion } from './types';

/**
 * Finds every enabled AWS IoT topic rule in a resolved Serverless configuration (the JSON that
 * `serverless print --format json` outputs) and compiles it:
 *
 * - each `functions.<key>.events[].iot` event, which Serverless deploys as a rule with one Lambda
 *   action for that function (`lib/plugins/aws/package/compile/events/iot.js`);
 * - each `resources.Resources.<Id>` of type `AWS::IoT::TopicRule`, with Lambda and Sqs actions
 *   and an optional ErrorAction.
 *
 * Disabled rules are skipped. Anything the emulator cannot perform — an unsupported action, a
 * target it cannot resolve, SQL it cannot parse or evaluate, two rules with one name — throws an
 * {@link IotRuleConfigError} naming the rule, so the local stack fails at start rather than drop it.
 */
export function discoverRules(config: unknown): LocalRule[] {
  const root = asRecord(config) ?? {};
  const service = indexService(root);
  const rules = [...eventRules(root, service), ...resourceRules(service)];
  const seen = new Map<string, string>();
  for (const rule of rules) {
    const earlier = seen.get(rule.ruleName);
    if (earlier) throw new IotRuleConfigError(rule.ruleName, rule.source, `the name is already used by the rule declared in ${earlier}`);
    seen.set(rule.ruleName, rule.source);
  }
  return rules;
}

function indexService(root: JsonRecord): ServiceIndex {
  const serviceName = typeof root.service === 'string' ? root.service : String(asRecord(root.service)?.name ?? '');
  const provider = asRecord(root.provider) ?? {};
  const stage = typeof provider.stage === 'string' ? provider.stage : 'dev';
  const byLogicalId = new Map<string, string>();
  const byDeployedName = new Map<string, string>();
  for (const [key, value] of Object.entries(asRecord(root.functions) ?? {})) {
    const name = asRecord(value)?.name;
    byLogicalId.set(lambdaLogicalId(key), key);
    byDeployedName.set(typeof name === 'string' ? name : `${serviceName}-${stage}-${key}`, key);
  }
  return {
    byLogicalId,
    byDeployedName,
    resources: asRecord(asRecord(root.resources)?.Resources) ?? {},
    pseudo: { region: typeof provider.region === 'string' ? provider.region : 'us-east-1', accountId: '000000000000' },
  };
}

function eventRules(root: JsonRecord, service: ServiceIndex): LocalRule[] {
  const rules: LocalRule[] = [];
  for (const [functionKey, value] of Object.entries(asRecord(root.functions) ?? {})) {
    const events = asRecord(value)?.events;
    let iotIndex = 0;
    (Array.isArray(events) ? events : []).forEach((event, i) => {
      const iot = asRecord(event)?.iot;
      if (iot === undefined) return;
      // Serverless numbers every iot event of a function, disabled ones included.
      iotIndex++;
      const source = `functions.${functionKey}.events[${i}].iot`;
      const logicalId = iotLogicalId(functionKey, iotIndex);
      if (Object.hasOwn(service.resources, logicalId)) {
        throw new IotRuleConfigError(logicalId, source, `resources.Resources.${logicalId} overrides this event's rule, which the emulator does not merge`);
      }
      const definition = eventDefinition(asRecord(iot), functionKey, logicalId, source);
      if (definition) rules.push(compileRule(definition));
    });
  }
  return rules;
}

// Serverless strips line breaks from name, sqlVersion and sql before deploying them.
function eventDefinition(iot: JsonRecord | undefined, functionKey: string, logicalId: string, source: string): RuleDefinition | undefined {
  const strip = (text: unknown) => (typeof text === 'string' ? text.replace(/\r?\n/g, '') : undefined);
  const ruleName = strip(iot?.name) ?? logicalId;
  const fail: Fail = (description) => {
    throw new IotRuleConfigError(ruleName, source, description);
  };
  if (!iot) fail('the iot event must be an object');
  if (iot.enabled === false) return undefined;
  const sql = strip(iot.sql) ?? fail('the iot event needs an sql string');
  const sqlVersion = (strip(iot.sqlVersion) ?? DEFAULT_SQL_VERSION) as SqlVersion;
  return { ruleName, sql, sqlVersion, actions: [{ type: 'lambda', functionKey }], source };
}

function resourceRules(service: ServiceIndex): LocalRule[] {
  const rules: LocalRule[] = [];
  for (const [logicalId, value] of Object.entries(service.resources)) {
    const resource = asRecord(value);
    if (resource?.Type !== 'AWS::IoT::TopicRule') continue;
    const definition = resourceDefinition(resource, logicalId, service);
    if (definition) rules.push(compileRule(definition));
  }
  return rules;
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iot-topicrule.html
function resourceDefinition(resource: JsonRecord, logicalId: string, service: ServiceIndex): RuleDefinition | undefined {
  // A rule generated from custom.vigil.rules names its declaration: problems are reported there.
  const declared = asRecord(resource.Metadata)?.VigilDeclaredRule;
  const source = typeof declared === 'string' ? declared : `resources.Resources.${logicalId}`;
  const properties = asRecord(resource.Properties) ?? {};
  // Without RuleName CloudFormation generates one; locally the logical id stands in for it.
  const ruleName = properties.RuleName === undefined ? logicalId : flattenCfnString(properties.RuleName, service.pseudo);
  const fail: Fail = (description) => {
    throw new IotRuleConfigError(ruleName ?? logicalId, source, description);
  };
  if (ruleName === undefined) fail('RuleName must be a literal string');
  const payload = asRecord(properties.TopicRulePayload) ?? fail('Properties.TopicRulePayload is missing');
  const disabled = payload.RuleDisabled === undefined ? false : cfnBoolean(payload.RuleDisabled);
  if (disabled === undefined) fail('TopicRulePayload.RuleDisabled must be true or false');
  if (disabled) return undefined;
  const sql = typeof payload.Sql === 'string' ? payload.Sql : fail('TopicRulePayload.Sql must be a literal string');
  const version = payload.AwsIotSqlVersion ?? DEFAULT_SQL_VERSION;
  if (typeof version !== 'string') fail('TopicRulePayload.AwsIotSqlVersion must be a literal string');
  if (!Array.isArray(payload.Actions)) fail('TopicRulePayload.Actions must be a list');
  const actions: RuleTarget[] = (payload.Actions as unknown[]).map((action, i) => resolveAction(action, `Actions[${i}]`, service, fail));
  const errorAction = payload.ErrorAction === undefined ? undefined : resolveAction(payload.ErrorAction, 'ErrorAction', service, fail);
  return { ruleName, sql, sqlVersion: version as SqlVersion, actions, ...(errorAction ? { errorAction } : {}), source };
}
