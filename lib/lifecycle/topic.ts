import type { LifecycleInputName } from './lifecycle-input';

/** Every lifecycle topic starts with these two levels. */
export const EVENTS_TOPIC_PREFIX = '$aws/events/';

/** What a `$aws/events/...` topic says: its input, the verb, and names carried in its levels. */
export interface TopicInfo {
  readonly inputName: LifecycleInputName;
  /** The verb level as published (`connected`, `created`, `timed_out`); `''` when the topic has none. */
  readonly verb: string;
  /** Payload fields the topic supplies, by field name (`clientId`, `thingName`, …). */
  readonly names: Readonly<Record<string, string>>;
}

type Matcher = (levels: readonly string[]) => TopicInfo | undefined;

const PRESENCE_VERBS = ['connected', 'disconnected'];
const SUBSCRIPTION_VERBS = ['subscribed', 'unsubscribed'];
const REGISTRY_VERBS = ['created', 'updated', 'deleted'];
const MEMBERSHIP_VERBS = ['added', 'removed'];
const JOB_VERBS = ['completed', 'canceled', 'deleted', 'cancellation_in_progress', 'deletion_in_progress'];
// The AWS example lists no `deleted`, but the topic exists (spec §3.11).
const JOB_EXECUTION_VERBS = ['succeeded', 'failed', 'rejected', 'canceled', 'timed_out', 'removed', 'deleted'];

/** `$aws/events/{family}/{verb}/{clientId}`; a client id may contain '/', so it takes every remaining level. */
function byClient(inputName: LifecycleInputName, verbs: readonly string[]): Matcher {
  return (levels) => {
    const clientId = levels.slice(4).join('/');
    return levels.length >= 5 && verbs.includes(levels[3]) && clientId ? { inputName, verb: levels[3], names: { clientId } } : undefined;
  };
}

/** `$aws/events/{family}/{name}/{verb}`. */
function byName(inputName: LifecycleInputName, name: string, verbs: readonly string[]): Matcher {
  return (levels) => (levels.length === 5 && levels[3] && verbs.includes(levels[4]) ? { inputName, verb: levels[4], names: { [name]: levels[3] } } : undefined);
}

/** `$aws/events/{family}/{kind1}/{name1}/{kind2}/{name2}/{verb}` (membership, hierarchy). */
function byPair(inputName: LifecycleInputName, kinds: [string, string], names: [string, string]): Matcher {
  return (levels) =>
    levels.length === 8 && levels[3] === kinds[0] && levels[5] === kinds[1] && levels[4] && levels[6] && MEMBERSHIP_VERBS.includes(levels[7])
      ? { inputName, verb: levels[7], names: { [names[0]]: levels[4], [names[1]]: levels[6] } }
      : undefined;
}

// Topic levels as in spec §3.13 (1-based there: `topic(5)` is levels[4] here).
const FAMILIES: Readonly<Record<string, Matcher>> = {
  // connect_failed has its own input: it carries no version, and the presence input's ordering
  // guard needs every event it keeps to have one.
  presence: (levels) => byClient('AwsIotPresence', PRESENCE_VERBS)(levels) ?? byClient('AwsIotConnectFailure', ['connect_failed'])(levels),
  subscriptions: byClient('AwsIotSubscription', SUBSCRIPTION_VERBS),
  thing: byName('AwsIotThing', 'thingName', REGISTRY_VERBS),
  thingType: byName('AwsIotThingType', 'thingTypeName', REGISTRY_VERBS),
  thingTypeAssociation: (levels) =>
    levels.length === 6 && levels[3] === 'thing' && levels[4] && levels[5]
      ? { inputName: 'AwsIotThingTypeAssociation', verb: '', names: { thingName: levels[4], thingTypeName: levels[5] } }
      : undefined,
  thingGroup: byName('AwsIotThingGroup', 'thingGroupName', REGISTRY_VERBS),
  thingGroupMembership: byPair('AwsIotThingGroupMembership', ['thingGroup', 'thing'], ['thingGroupName', 'thingName']),
  thingGroupHierarchy: byPair('AwsIotThingGroupHierarchy', ['thingGroup', 'childThingGroup'], ['thingGroupName', 'childGroupName']),
  job: byName('AwsIotJob', 'jobId', JOB_VERBS),
  jobExecution: byName('AwsIotJobExecution', 'jobId', JOB_EXECUTION_VERBS),
  certificates: (levels) =>
    levels.length === 5 && levels[3] === 'registered' && levels[4]
      ? { inputName: 'AwsIotCertificate', verb: 'registered', names: { caCertificateId: levels[4] } }
      : undefined,
};

/**
 * Classifies a `$aws/events/...` topic. A topic of a known family with a documented shape and
 * verb gets that family's input; anything else under `$aws/events/` — a new family, a verb AWS
 * adds later, an unexpected number of levels — gets `AwsIotEvent`, so nothing is dropped.
 *
 * @returns undefined when the topic is not under `$aws/events/`.
 */
export function classifyTopic(topic: string): TopicInfo | undefined {
  if (!topic.startsWith(EVENTS_TOPIC_PREFIX)) return undefined;
  const levels = topic.split('/');
  const matcher = Object.prototype.hasOwnProperty.call(FAMILIES, levels[2]) ? FAMILIES[levels[2]] : undefined;
  return matcher?.(levels) ?? { inputName: 'AwsIotEvent', verb: '', names: { eventFamily: levels[2] } };
}
