import { lifecycleInput } from './catalog';
import { deriveFields } from './derive-fields';
import { checkFieldValue } from './field-value';
import type { LifecycleAttribute, LifecycleInputName } from './lifecycle-input';
import { lifecycleMessageId } from './message-id';
import { describe, toEpochMillis } from './timestamp';
import { classifyTopic, type TopicInfo } from './topic';

/** A lifecycle message ready for the engine. */
export interface LifecycleEvent {
  readonly inputName: LifecycleInputName;
  /** Deterministic: the same AWS event always gets the same id (see `lifecycleMessageId`). */
  readonly messageId: string;
  /** Typed JSON (`bigint` Integers), timestamps in epoch ms, names and verb filled in, `topic` set. */
  readonly payload: Record<string, unknown>;
  /** The event's own `timestamp`, epoch ms, when it has one: the natural `eventTime` of its actions. */
  readonly timestamp: number | undefined;
}

/** The outcome of {@link normalizeLifecycleEvent}: never an exception. */
export type NormalizeResult = { readonly ok: true; readonly event: LifecycleEvent } | { readonly ok: false; readonly error: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns one `$aws/events/...` message (the output of a `SELECT *, topic() AS topic` rule) into the
 * payload of its built-in input. Pure; never throws.
 *
 * - The family comes from the topic; other `$aws/events/...` topics become `AwsIotEvent`.
 * - Names the payload lacks come from the topic (or a thing ARN), the verb and constant
 *   `eventType` are added, and `topic` is set to the full topic.
 * - Each documented field is checked: required ones must be present, present ones must have their
 *   type (`null` counts as absent for optional fields). Unknown fields are kept as they are.
 * - Timestamps become epoch-ms Integers; integers become `bigint`.
 *
 * @param topic the MQTT topic; when empty, the payload's own `topic` field is used.
 * @param payload the typed JSON object the rule produced.
 */
export function normalizeLifecycleEvent(topic: string, payload: unknown): NormalizeResult {
  const fullTopic = topic || (isObject(payload) && typeof payload.topic === 'string' ? payload.topic : '');
  const info = classifyTopic(fullTopic);
  if (!info) return { ok: false, error: `${describe(fullTopic)} is not an AWS IoT event topic: expected one starting with $aws/events/` };
  if (!isObject(payload)) return { ok: false, error: `${fullTopic}: the payload must be a JSON object, got ${describe(payload)}` };
  const fields = deriveFields(payload, info);
  const error = info.inputName === 'AwsIotEvent' ? passThrough(fields) : checkFields(fields, info);
  if (error) return { ok: false, error: `${fullTopic}: ${info.inputName} ${error}` };
  fields.topic = fullTopic;
  const timestamp = typeof fields.timestamp === 'bigint' ? Number(fields.timestamp) : undefined;
  return { ok: true, event: { inputName: info.inputName, messageId: lifecycleMessageId(info.inputName, fields), payload: fields, timestamp } };
}

/** Checks and normalises every documented field in place; returns the first problem. */
function checkFields(fields: Record<string, unknown>, info: TopicInfo): string | undefined {
  for (const attribute of lifecycleInput(info.inputName)?.attributes ?? []) {
    if (attribute.name === 'topic') continue;
    const value = fields[attribute.name];
    if (value === undefined || value === null) {
      if (isRequired(attribute, info.verb)) return `field '${attribute.name}' is required${value === null ? ', got null' : ''} (${attribute.description})`;
      continue;
    }
    const result = checkFieldValue(attribute.type, value);
    if (!result.ok) return `field '${attribute.name}' ${result.error}`;
    fields[attribute.name] = result.value;
  }
  return undefined;
}

function isRequired(attribute: LifecycleAttribute, verb: string): boolean {
  return attribute.required === 'always' || (attribute.required !== undefined && attribute.required.includes(verb));
}

/**
 * `AwsIotEvent` checks nothing, so no message of an unknown family is refused; a `timestamp` is
 * normalised only when it is a valid one, and otherwise kept as sent.
 */
function passThrough(fields: Record<string, unknown>): undefined {
  if (fields.timestamp !== undefined) {
    const result = toEpochMillis(fields.timestamp);
    if (result.ok) fields.timestamp = result.millis;
  }
  return undefined;
}
