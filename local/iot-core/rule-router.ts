import { randomUUID } from 'node:crypto';
import { applyRule, errorActionMessage, type ActionFailure, type ApplyOptions, type LocalRule, type RuleMessage, type RuleTarget } from '../iot-rules';

/** Performs topic rule actions against the local services. */
export interface RuleActions {
  /**
   * Invokes a function of the service asynchronously, as the Lambda action does: resolves once
   * Lambda accepted the event, rejects when the function cannot be invoked.
   */
  lambda(functionKey: string, event: unknown): Promise<void>;
  /** Sends a message to a queue declared in `resources`. */
  sqs(queueName: string, body: string): Promise<void>;
  /** The resource an error message names: the deployed function name, or the queue name. */
  resourceName(target: RuleTarget): string;
}

/** What one rule did with one message. */
export interface RuleDelivery {
  readonly ruleName: string;
  readonly failures: readonly ActionFailure[];
  /** Whether the rule declares an error action (what takes the message when an action fails). */
  readonly hasErrorAction: boolean;
  /** Set when the error action itself could not be performed. */
  readonly errorActionFailure?: string;
}

/**
 * AWS IoT Core's rules engine for the local broker: every message goes through every rule; a rule
 * that selects it performs all its actions, and when any fail, its error action receives one
 * message listing every failure (https://docs.aws.amazon.com/iot/latest/developerguide/rule-error-handling.html).
 * Rules run independently of each other and of other messages; AWS guarantees no order either.
 */
export class RuleRouter {
  constructor(
    private current: readonly LocalRule[],
    private readonly actions: RuleActions,
    private readonly options: ApplyOptions = {},
  ) {}

  /** The rules, in the order they were declared. */
  get rules(): readonly LocalRule[] {
    return this.current;
  }

  /** Routes the next messages through these rules instead (serverless.yml was edited); messages in flight finish with the old ones. */
  replaceRules(rules: readonly LocalRule[]): void {
    this.current = rules;
  }

  /** Routes one message; resolves when every matching rule has performed its actions. */
  async route(message: RuleMessage): Promise<RuleDelivery[]> {
    // One trace id per message, so traceid() and the error message's cloudwatchTraceId agree.
    const traced: RuleMessage = { ...message, traceId: message.traceId ?? randomUUID() };
    const deliveries = await Promise.all(this.rules.map((rule) => this.deliver(rule, traced)));
    return deliveries.filter((delivery): delivery is RuleDelivery => delivery !== undefined);
  }

  private async deliver(rule: LocalRule, message: RuleMessage): Promise<RuleDelivery | undefined> {
    const outcome = applyRule(rule, message, this.options);
    if (!outcome.matched) return undefined;
    const results = await Promise.all(
      rule.actions.map(async (target): Promise<ActionFailure | undefined> => {
        try {
          if (target.type === 'lambda') {
            // AWS's Lambda action can only pass JSON; a binary payload fails the action.
            if (outcome.binary) throw new Error('the payload is not JSON: a Lambda action needs a JSON object (select fields, or encode(*, \'base64\'))');
            await this.actions.lambda(target.functionKey, JSON.parse(outcome.body.toString('utf8')));
          } else {
            await this.actions.sqs(target.queueName, target.useBase64 ? outcome.body.toString('base64') : outcome.body.toString('utf8'));
          }
          return undefined;
        } catch (error) {
          return { target, resource: this.actions.resourceName(target), errorMessage: (error as Error).message };
        }
      }),
    );
    const failures = results.filter((failure): failure is ActionFailure => failure !== undefined);
    const hasErrorAction = rule.errorAction !== undefined;
    if (!failures.length || !rule.errorAction) return { ruleName: rule.ruleName, failures, hasErrorAction };
    const report = errorActionMessage(rule, message, failures, message.traceId as string);
    try {
      const target = rule.errorAction;
      if (target.type === 'lambda') await this.actions.lambda(target.functionKey, report);
      else await this.actions.sqs(target.queueName, target.useBase64 ? Buffer.from(JSON.stringify(report)).toString('base64') : JSON.stringify(report));
      return { ruleName: rule.ruleName, failures, hasErrorAction };
    } catch (error) {
      return { ruleName: rule.ruleName, failures, hasErrorAction, errorActionFailure: (error as Error).message };
    }
  }
}
