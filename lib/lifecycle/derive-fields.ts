import type { LifecycleInputName } from './lifecycle-input';
import { thingNameFromArn } from './thing-arn';
import type { TopicInfo } from './topic';

/** How a family spells its verb in the payload, and the constant `eventType` AWS sends with it. */
interface VerbRule {
  /** The payload field holding the verb. */
  readonly field: 'eventType' | 'operation';
  /** Registry payloads spell the topic's `created` as `CREATED`; lifecycle and job ones keep it. */
  readonly upperCase: boolean;
  readonly eventType?: string;
}

const VERB_RULES: Readonly<Record<LifecycleInputName, VerbRule | undefined>> = {
  AwsIotPresence: { field: 'eventType', upperCase: false },
  AwsIotConnectFailure: { field: 'eventType', upperCase: false },
  AwsIotSubscription: { field: 'eventType', upperCase: false },
  AwsIotThing: { field: 'operation', upperCase: true, eventType: 'THING_EVENT' },
  AwsIotThingType: { field: 'operation', upperCase: true, eventType: 'THING_TYPE_EVENT' },
  // One topic for both directions: the verb exists only in the payload's `operation`.
  AwsIotThingTypeAssociation: { field: 'operation', upperCase: true, eventType: 'THING_TYPE_ASSOCIATION_EVENT' },
  AwsIotThingGroup: { field: 'operation', upperCase: true, eventType: 'THING_GROUP_EVENT' },
  AwsIotThingGroupMembership: { field: 'operation', upperCase: true, eventType: 'THING_GROUP_MEMBERSHIP_EVENT' },
  AwsIotThingGroupHierarchy: { field: 'operation', upperCase: true, eventType: 'THING_GROUP_HIERARCHY_EVENT' },
  AwsIotJob: { field: 'operation', upperCase: false, eventType: 'JOB' },
  AwsIotJobExecution: { field: 'operation', upperCase: false, eventType: 'JOB_EXECUTION' },
  // The payload has no verb at all; `operation` mirrors the job families' lower-case topic verb.
  AwsIotCertificate: { field: 'operation', upperCase: false },
  AwsIotEvent: undefined,
};

const missing = (value: unknown): boolean => value === undefined || value === null;

/**
 * Fills in, on a copy of the payload, what AWS leaves to the topic: names carried by topic levels,
 * the verb, the family's constant `eventType`, a job's `status` and a job execution's `thingName`
 * (parsed from `thingArn`; spec §3.11: the topic does not name the thing). Values the payload
 * already has win: AWS sends both consistently, and the payload is the richer source.
 */
export function deriveFields(payload: Readonly<Record<string, unknown>>, topic: TopicInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { ...payload };
  for (const [name, value] of Object.entries(topic.names)) if (missing(out[name])) out[name] = value;
  const rule = VERB_RULES[topic.inputName];
  if (rule && topic.verb && missing(out[rule.field])) out[rule.field] = rule.upperCase ? topic.verb.toUpperCase() : topic.verb;
  if (rule?.eventType && missing(out.eventType)) out.eventType = rule.eventType;
  if ((topic.inputName === 'AwsIotJob' || topic.inputName === 'AwsIotJobExecution') && missing(out.status) && typeof out.operation === 'string') {
    // Documented one-to-one: `timed_out` → TIMED_OUT, `cancellation_in_progress` → CANCELLATION_IN_PROGRESS.
    out.status = out.operation.toUpperCase();
  }
  if (topic.inputName === 'AwsIotJobExecution' && missing(out.thingName) && typeof out.thingArn === 'string') {
    const thingName = thingNameFromArn(out.thingArn);
    if (thingName !== undefined) out.thingName = thingName;
  }
  return out;
}
