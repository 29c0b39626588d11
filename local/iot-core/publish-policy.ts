import { parseBasicIngest, type LocalRule } from '../iot-rules';

/**
 * Whether `topic` is AWS IoT's lifecycle topic `$aws/events` or anything under it, in any letter
 * case: AWS IoT reserves every `$` topic, and a device may publish to none of these.
 */
export function isLifecycleTopic(topic: string): boolean {
  const lower = topic.toLowerCase();
  return lower === '$aws/events' || lower.startsWith('$aws/events/');
}

/** The names of the rules that read lifecycle events (their FROM is `$aws/events` or under it). */
export function lifecycleRuleNames(rules: readonly LocalRule[]): ReadonlySet<string> {
  return new Set(rules.filter((rule) => rule.query.topicFilter !== undefined && isLifecycleTopic(rule.query.topicFilter)).map((rule) => rule.ruleName));
}

/**
 * Why a client may not publish to `topic`, or undefined when it may. Refused, as AWS IoT Core
 * refuses them (and then disconnects the client): `$aws/events` and every topic under it. Refused
 * locally, where no policy can say it: Basic Ingest (`$aws/rules/<rule>/…`) into a rule that reads
 * lifecycle events, or with a lifecycle topic after the prefix (what `topic()` would then return).
 */
export function publishRefusal(clientId: string, topic: string, lifecycleRules: ReadonlySet<string>): string | undefined {
  if (isLifecycleTopic(topic)) return `client ${clientId} may not publish to ${topic}: $aws/events/… is reserved for the lifecycle events AWS IoT publishes`;
  const ingest = parseBasicIngest(topic);
  if (ingest && (lifecycleRules.has(ingest.ruleName) || isLifecycleTopic(ingest.topic))) {
    return `client ${clientId} may not publish to ${topic}: Basic Ingest may not feed lifecycle events to a rule`;
  }
  return undefined;
}
