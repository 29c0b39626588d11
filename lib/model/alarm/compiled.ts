import type { CompiledExpression } from '../../expression';
import type { CompiledExternalAction } from '../compiled';
import type { ComparisonOperator, CreateAlarmModelRequest, SSOIdentity } from './types';

/** One side of the rule: its text and compiled expression, and the input it reads (none for a number). */
export interface CompiledOperand {
  readonly source: string;
  readonly expression: CompiledExpression;
  /** The input whose attribute it reads; undefined for a number. */
  readonly input: string | undefined;
}

/** `inputProperty <operator> threshold`, compiled. */
export interface CompiledAlarmRule {
  /** Always an input attribute: evaluation happens when a message brings it new data. */
  readonly inputProperty: CompiledOperand & { readonly input: string };
  readonly operator: ComparisonOperator;
  readonly threshold: CompiledOperand;
}

/** An SMS notification, recipients still IAM Identity Center identities (the runtime resolves them). */
export interface CompiledSms {
  readonly senderId: string | undefined;
  readonly additionalMessage: string | undefined;
  readonly recipients: readonly SSOIdentity[];
}

/** An e-mail notification, recipients still IAM Identity Center identities. */
export interface CompiledEmail {
  readonly from: string;
  readonly subject: string | undefined;
  readonly additionalMessage: string | undefined;
  readonly recipients: readonly SSOIdentity[];
}

/** One notification action: the Lambda function to invoke (compiled as a `lambda` action) and what it sends. */
export interface CompiledNotification {
  /** JSON path of the notification action, e.g. `alarmNotification.notificationActions[0]`. */
  readonly path: string;
  readonly lambda: CompiledExternalAction;
  readonly sms: readonly CompiledSms[];
  readonly email: readonly CompiledEmail[];
}

/** What a SiteWise-backed alarm model (its rule reads `$sitewise`) reads of AWS IoT SiteWise. */
export interface CompiledSiteWise {
  /** The asset model whose property the rule reads; instances are keyed by asset id. */
  readonly assetModelId: string;
  /** The built-in inputs (`$sitewise/<model>/<property>`) of every property read anywhere in the model. */
  readonly inputs: readonly string[];
}

/**
 * An alarm model version ready to run: validated, its rule and action expressions compiled once,
 * defaults applied. Built by `compileAlarmModel`; read by the alarm engine on every message.
 */
export interface CompiledAlarmModel {
  readonly name: string;
  /** The version this compilation belongs to ("1", "2", …). */
  readonly version: string;
  /** Where the alarm key is in a message payload; undefined for a model with one instance. A SiteWise-backed model's is `assetId`. */
  readonly key: { readonly path: string; readonly segments: readonly string[] } | undefined;
  /** Set when the rule reads a SiteWise property. */
  readonly siteWise: CompiledSiteWise | undefined;
  /** Copied into every instance and payload; undefined when the model sets none. */
  readonly severity: number | undefined;
  readonly rule: CompiledAlarmRule;
  /** The inputs the rule reads: the inputs whose messages reach this model. */
  readonly inputs: ReadonlySet<string>;
  /** `alarmEventActions.alarmActions`, performed on every state change. */
  readonly actions: readonly CompiledExternalAction[];
  readonly notifications: readonly CompiledNotification[];
  /** `initializationConfiguration.disabledOnInitialization`; AWS's default TRUE. */
  readonly disabledOnInitialization: boolean;
  /** `acknowledgeFlow.enabled`; AWS's default TRUE. */
  readonly acknowledgeFlow: boolean;
  /** The request the model was compiled from, unchanged. */
  readonly request: CreateAlarmModelRequest;
}
