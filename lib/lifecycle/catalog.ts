import { CERTIFICATE_INPUT, GENERIC_EVENT_INPUT } from './inputs-other';
import { CONNECT_FAILURE_INPUT, PRESENCE_INPUT, SUBSCRIPTION_INPUT } from './inputs-connectivity';
import { THING_GROUP_HIERARCHY_INPUT, THING_GROUP_INPUT, THING_GROUP_MEMBERSHIP_INPUT } from './inputs-groups';
import { JOB_EXECUTION_INPUT, JOB_INPUT } from './inputs-jobs';
import { THING_INPUT, THING_TYPE_ASSOCIATION_INPUT, THING_TYPE_INPUT } from './inputs-things';
import type { LifecycleInput, LifecycleInputName } from './lifecycle-input';

/**
 * Every built-in lifecycle input, in the order of spec §3.2–3.12, the catch-all last: name, topic
 * filters, the event configuration that enables it, its natural key and its documented attributes.
 * The single source for CreateInput declarations, payload validation and the README table.
 */
export const LIFECYCLE_INPUTS: readonly LifecycleInput[] = [
  PRESENCE_INPUT, CONNECT_FAILURE_INPUT, SUBSCRIPTION_INPUT, THING_INPUT, THING_TYPE_INPUT, THING_TYPE_ASSOCIATION_INPUT, THING_GROUP_INPUT,
  THING_GROUP_MEMBERSHIP_INPUT, THING_GROUP_HIERARCHY_INPUT, JOB_INPUT, JOB_EXECUTION_INPUT, CERTIFICATE_INPUT,
  GENERIC_EVENT_INPUT,
];

const BY_NAME = new Map<string, LifecycleInput>(LIFECYCLE_INPUTS.map((input) => [input.inputName, input]));

/** The built-in input called `name`, or undefined when `name` is not one. */
export function lifecycleInput(name: string): LifecycleInput | undefined {
  return BY_NAME.get(name);
}

/** True when `name` is one of the built-in lifecycle input names. */
export function isLifecycleInputName(name: string): name is LifecycleInputName {
  return BY_NAME.has(name);
}
