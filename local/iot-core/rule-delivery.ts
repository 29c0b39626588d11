import type { RuleMessage } from '../iot-rules';
import { UndeliveredMessageError } from './disconnect-reason';
import type { RuleDelivery, RuleRouter } from './rule-router';

/** Routes messages through the rules and says what they failed to deliver. */
export interface RuleDelivering {
  /** Routes one message; every failed action is logged. */
  route(message: RuleMessage): Promise<RuleDelivery[]>;
  /**
   * Routes a QoS 1 message before it is acknowledged. Resolves with the error that refuses the
   * PUBACK (and closes the connection) when a rule lost it, null when it was delivered. A will is
   * only routed: its client is gone, there is nothing to withhold.
   */
  routeBeforeAck(message: RuleMessage & { clientId: string }, will: boolean): Promise<Error | null>;
}

/** The routing of the local broker: {@link RuleRouter} plus the logging of what failed. */
export function ruleDelivering(router: RuleRouter, log: (message: string, error?: Error) => void): RuleDelivering {
  const route = (message: RuleMessage) =>
    router.route(message).then((deliveries) => {
      for (const delivery of deliveries) {
        for (const failure of delivery.failures) log(`rule ${delivery.ruleName}: ${failure.resource}: ${failure.errorMessage}${delivery.errorActionFailure === undefined ? '' : `; its error action failed too: ${delivery.errorActionFailure}`}`);
      }
      return deliveries;
    });
  return {
    route,
    async routeBeforeAck(message, will) {
      let lost: string | undefined;
      try {
        lost = undelivered(await route(message));
      } catch (error) {
        lost = (error as Error).message;
      }
      if (lost === undefined || will) return null;
      log(`QoS 1 message from ${message.clientId} on ${message.topic} not delivered (${lost}): PUBACK withheld and the client disconnected, so that it sends the message again`);
      return new UndeliveredMessageError(`message on ${message.topic} not delivered: ${lost}`);
    },
  };
}

/**
 * What was lost of a message the rules could not deliver: the rules where an action failed and no
 * error action took the message (none declared, or it failed too). Undefined when nothing was lost.
 */
export function undelivered(deliveries: readonly RuleDelivery[]): string | undefined {
  const lost = deliveries.filter((delivery) => delivery.failures.length > 0 && (!delivery.hasErrorAction || delivery.errorActionFailure !== undefined));
  if (!lost.length) return undefined;
  return lost
    .map((delivery) => `rule ${delivery.ruleName}: ${delivery.failures.map((failure) => `${failure.resource}: ${failure.errorMessage}`).join('; ')}${delivery.errorActionFailure === undefined ? ' (no error action)' : `; error action: ${delivery.errorActionFailure}`}`)
    .join(' | ');
}
