/**
 * Where a message first entered Vigil, carried with it when it travels again as an envelope: it
 * decides which inputs the message may be for. `lifecycle` messages come from the `$aws/events/#`
 * rule (and only they may feed the built-in lifecycle inputs), `telemetry` from topic rules on
 * device topics, `action` from a detector model's `iotEvents` action.
 */
export type MessageOrigin = 'telemetry' | 'lifecycle' | 'action';

/**
 * A message on its way to the detectors through the internal queue, as Vigil's own producers
 * write it (the `iotEvents` action, retries narrowed to some detectors, `vigil redrive`). Only the
 * internal queue accepts envelopes: its writers are Vigil's functions and operators, never a
 * device. Bodies on the other queues are the output of an IoT topic rule (see
 * `lib/runtime/rule-message.ts`).
 */
export interface IngestEnvelope {
  /** Marks the body as an envelope; the format version. */
  readonly vigilEnvelope: 1;
  readonly inputName: string;
  readonly messageId: string;
  /** The message payload as JSON text, exactly as received (decimals keep `.0`). */
  readonly payload: string;
  /** When the message happened, epoch ms (BatchPutMessage `timestamp`). */
  readonly timestamp?: number;
  /** Where the message first entered; `action` when absent (the most restricted). */
  readonly origin?: MessageOrigin;
  /**
   * The detectors (`<model>|<key>` ids) still to receive it; absent: every detector its input
   * reaches. Set on a message some detectors already applied, so a retry or a replay reaches
   * only the others.
   */
  readonly targets?: readonly string[];
  /** Failed attempts so far: a retry of Vigil's, counted so that it ends in the dead-letter queue. */
  readonly attempt?: number;
  /**
   * Some detector outside `targets` may have applied it in a delivery that died (SQS delivered
   * it again): a replay from the dead-letter queue must then be a person's decision.
   */
  readonly uncertain?: boolean;
}

const ORIGINS: ReadonlySet<unknown> = new Set<MessageOrigin>(['telemetry', 'lifecycle', 'action']);

/** True when a parsed queue body is an {@link IngestEnvelope}. */
export function isIngestEnvelope(body: unknown): body is IngestEnvelope {
  if (typeof body !== 'object' || body === null) return false;
  const envelope = body as Record<string, unknown>;
  const { targets, origin, attempt, uncertain } = envelope;
  // Typed JSON reads the version as a bigint.
  return (
    (envelope.vigilEnvelope === 1 || envelope.vigilEnvelope === 1n) &&
    typeof envelope.inputName === 'string' &&
    typeof envelope.messageId === 'string' &&
    typeof envelope.payload === 'string' &&
    (origin === undefined || ORIGINS.has(origin)) &&
    (attempt === undefined || ((typeof attempt === 'number' || typeof attempt === 'bigint') && Number(attempt) >= 0)) &&
    (uncertain === undefined || typeof uncertain === 'boolean') &&
    (targets === undefined || (Array.isArray(targets) && targets.length > 0 && targets.every((target) => typeof target === 'string')))
  );
}
