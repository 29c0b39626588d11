import type { LocalRule, RuleMessage, RuleTarget } from './types';

/** One action of a rule that failed for a message. */
export interface ActionFailure {
  readonly target: RuleTarget;
  /** The resource as the caller knows it: the deployed function name or the queue name. */
  readonly resource: string;
  readonly errorMessage: string;
}

/** The message AWS sends to a rule's error action (https://docs.aws.amazon.com/iot/latest/developerguide/rule-error-handling.html). */
export interface ErrorActionMessage {
  readonly ruleName: string;
  readonly topic: string;
  readonly cloudwatchTraceId: string;
  readonly clientId?: string;
  readonly base64OriginalPayload: string;
  readonly failures: readonly { readonly failedAction: string; readonly failedResource: string; readonly errorMessage: string }[];
}

/**
 * Builds the error-action message for a rule and a message whose actions failed. AWS sends one
 * message per rule and input message however many actions failed, so pass every failure at once.
 * `failedAction` follows AWS's naming (`S3Action` in its example): `LambdaAction`, `SqsAction`.
 */
export function errorActionMessage(rule: LocalRule, message: RuleMessage, failures: readonly ActionFailure[], traceId: string): ErrorActionMessage {
  return {
    ruleName: rule.ruleName,
    topic: message.topic,
    cloudwatchTraceId: traceId,
    ...(message.clientId === undefined ? {} : { clientId: message.clientId }),
    base64OriginalPayload: message.payload.toString('base64'),
    failures: failures.map((failure) => ({
      failedAction: failure.target.type === 'lambda' ? 'LambdaAction' : 'SqsAction',
      failedResource: failure.resource,
      errorMessage: failure.errorMessage,
    })),
  };
}
