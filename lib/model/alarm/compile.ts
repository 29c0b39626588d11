import { compileExpression, isSiteWiseInputName, type CompiledExpression } from '../../expression';
import { compileForCheck } from '../check-context';
import { compileAction, type Compile } from '../compile';
import type { CompiledExternalAction } from '../compiled';
import { ModelValidationError } from '../errors';
import { parseAttributeJsonPath } from '../key-path';
import type { Action } from '../types';
import { alarmActionExpressions } from './check-alarm-actions';
import { ruleAssetModel } from './check-sitewise';
import type { CompiledAlarmModel, CompiledNotification, CompiledOperand, CompiledSiteWise } from './compiled';
import type { CreateAlarmModelRequest, RecipientDetail, SSOIdentity } from './types';
import { validateAlarmModel } from './validate';

/** Options of {@link compileAlarmModel}. */
export interface AlarmCompileOptions {
  /** The version being compiled; defaults to "1". */
  readonly version?: string;
}

/**
 * Validates a CreateAlarmModel body and compiles it for the alarm engine: the rule's two sides and
 * every action expression parsed and compiled once, AWS's defaults applied (new instances start
 * DISABLED, the acknowledge flow is on). A model whose rule reads a SiteWise property is keyed by
 * the notification's `assetId` (one instance per asset), whatever its `key` says. Pure.
 *
 * @throws ModelValidationError listing every ERROR-level issue, with JSON paths and positions.
 */
export function compileAlarmModel(request: CreateAlarmModelRequest, options: AlarmCompileOptions = {}): CompiledAlarmModel {
  const issues = validateAlarmModel(request);
  if (issues.some((issue) => issue.level === 'ERROR')) throw new ModelValidationError(issues, 'alarm model');

  const cache = new Map<string, CompiledExpression>();
  const compile: Compile = (source) => {
    let compiled = cache.get(source);
    if (!compiled) cache.set(source, (compiled = compileExpression(source)));
    return compiled;
  };
  const { simpleRule } = request.alarmRule;
  const inputProperty = operand(simpleRule.inputProperty, compile) as CompiledOperand & { input: string };
  const threshold = operand(simpleRule.threshold, compile);
  const capabilities = request.alarmCapabilities;
  const siteWise = siteWiseOf(request as unknown as Record<string, unknown>, [inputProperty.input, threshold.input]);
  return {
    name: request.alarmModelName,
    version: options.version ?? '1',
    key: siteWise ? ASSET_KEY : request.key === undefined ? undefined : { path: request.key, segments: parseAttributeJsonPath(request.key) },
    siteWise,
    severity: request.severity,
    rule: { inputProperty, operator: simpleRule.comparisonOperator, threshold },
    inputs: new Set([inputProperty.input, ...(threshold.input === undefined ? [] : [threshold.input])]),
    actions: (request.alarmEventActions?.alarmActions ?? []).map((action, i) =>
      compileAction(action as Action, `alarmEventActions.alarmActions[${i}]`, compile) as CompiledExternalAction),
    notifications: (request.alarmNotification?.notificationActions ?? []).map((notification, i): CompiledNotification => {
      const path = `alarmNotification.notificationActions[${i}]`;
      return {
        path,
        lambda: compileAction({ lambda: notification.action.lambdaAction }, `${path}.action`, compile) as CompiledExternalAction,
        sms: (notification.smsConfigurations ?? []).map((sms) => ({
          senderId: sms.senderId,
          additionalMessage: sms.additionalMessage,
          recipients: identities(sms.recipients),
        })),
        email: (notification.emailConfigurations ?? []).map((email) => ({
          from: email.from,
          subject: email.content?.subject,
          additionalMessage: email.content?.additionalMessage,
          recipients: identities(email.recipients.to),
        })),
      };
    }),
    // https://docs.aws.amazon.com/iotevents/latest/apireference/API_InitializationConfiguration.html: "The default value is TRUE."
    disabledOnInitialization: capabilities?.initializationConfiguration?.disabledOnInitialization ?? true,
    // SiteWise user guide, industrial-alarms: "The acknowledge flow is enabled by default."
    acknowledgeFlow: capabilities?.acknowledgeFlow?.enabled ?? true,
    request,
  };
}

/** A SiteWise property value notification's payload names its asset at its top (`lib/lifecycle/sitewise-notification.ts`). */
const ASSET_KEY = { path: 'assetId', segments: ['assetId'] } as const;

/** What a SiteWise-backed model reads of SiteWise: its asset model, and every property input its rule, actions and notifications read. */
function siteWiseOf(request: Record<string, unknown>, ruleInputs: readonly (string | undefined)[]): CompiledSiteWise | undefined {
  const assetModelId = ruleAssetModel(request);
  if (assetModelId === undefined) return undefined;
  const inputs = new Set(ruleInputs.filter((input): input is string => input !== undefined && isSiteWiseInputName(input)));
  for (const { source } of alarmActionExpressions(request)) {
    for (const reference of compileForCheck(source).references?.inputs ?? []) if (isSiteWiseInputName(reference.input)) inputs.add(reference.input);
  }
  return { assetModelId, inputs: [...inputs] };
}

/** A validated operand: an `$input` attribute (its input named) or a number. */
function operand(source: string, compile: Compile): CompiledOperand {
  const expression = compile(source);
  return { source, expression, input: expression.ast.kind === 'input' ? expression.ast.input : undefined };
}

function identities(recipients: readonly RecipientDetail[] | undefined): SSOIdentity[] {
  return (recipients ?? []).flatMap((recipient) => (recipient.ssoIdentity ? [recipient.ssoIdentity] : []));
}
