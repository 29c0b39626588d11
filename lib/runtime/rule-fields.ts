import { originRefusal } from './ingest-source';

/**
 * Fields a topic rule adds to its SELECT output to address Vigil (see README, "Routing
 * telemetry"): which input the message is for, and optionally its id, its time, its raw bytes and
 * whether those bytes are a batch of messages.
 */
export const RULE_FIELDS = { input: 'vigilInputName', id: 'vigilMessageId', time: 'vigilTimestamp', raw: 'vigilRaw', batch: 'vigilBatchMode' } as const;

/** A message that can never be processed, and why. */
export interface Unreadable {
  readonly error: string;
  /**
   * Set for one element of a batch: the id it would have had and its JSON text, so it is
   * dead-lettered alone (the rest of its batch was processed).
   */
  readonly element?: { readonly messageId: string; readonly body: string };
}

/** A topic rule's output, or the payload of a message: a JSON object. */
export type Output = Record<string, unknown>;

/** Whether `name` is one of Vigil's {@link RULE_FIELDS}, which never reach a payload. */
export function isRuleField(name: string): boolean {
  return Object.values(RULE_FIELDS).includes(name as (typeof RULE_FIELDS)[keyof typeof RULE_FIELDS]);
}

/** Where the fields a rule chose send a message: its input, and the id and time the rule gave it, if any. */
export interface RuleAddress {
  readonly inputName: string;
  readonly messageId?: string;
  readonly timestamp?: number;
}

/**
 * Reads the input, id and time from the fields a rule chose, refusing a message that names no
 * input or a built-in lifecycle input (those come only from the lifecycle rule).
 */
export function ruleAddress(rule: Output): RuleAddress | Unreadable {
  const { [RULE_FIELDS.input]: inputName, [RULE_FIELDS.id]: id, [RULE_FIELDS.time]: time } = rule;
  if (typeof inputName !== 'string' || !inputName) {
    return { error: `the message names no input: add '<InputName>' AS ${RULE_FIELDS.input} to the topic rule's SELECT` };
  }
  const refusal = originRefusal('telemetry', inputName);
  if (refusal) return { error: refusal };
  const messageId = typeof id === 'string' && id ? id : typeof id === 'bigint' || typeof id === 'number' ? String(id) : undefined;
  const timestamp = typeof time === 'bigint' || typeof time === 'number' ? Number(time) : undefined;
  return { inputName, ...(messageId === undefined ? {} : { messageId }), ...(timestamp === undefined ? {} : { timestamp }) };
}
