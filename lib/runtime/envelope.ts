import type { IngestEnvelope } from '../ports';
import type { IncomingMessage } from './messages';

/**
 * A message as an {@link IngestEnvelope}, with the same id, payload, time and origin, for the
 * internal queue or a dead letter; `targets` narrows it to the detectors that still need it;
 * `retry` counts a failed attempt and records a doubt.
 */
export function envelopeOf(message: IncomingMessage, targets?: readonly string[], retry: { attempt?: number; uncertain?: boolean } = {}): IngestEnvelope {
  const narrowed = targets ?? message.targets;
  const attempt = retry.attempt ?? message.attempt;
  const uncertain = retry.uncertain || message.uncertain;
  return {
    vigilEnvelope: 1,
    inputName: message.inputName,
    messageId: message.messageId,
    payload: message.payload,
    ...(message.timestamp === undefined ? {} : { timestamp: message.timestamp }),
    origin: message.origin ?? 'action',
    ...(narrowed ? { targets: narrowed } : {}),
    ...(attempt ? { attempt } : {}),
    ...(uncertain ? { uncertain: true } : {}),
  };
}

/** How long retries from the internal queue wait after each failed attempt, seconds: backing off from an outage. */
export const RETRY_DELAYS_S: readonly number[] = [30, 120, 300, 600];

/** How long a retry waits after its `attempt`th failure (the last delay repeats). */
export function retryDelaySeconds(attempt: number, delays: readonly number[] = RETRY_DELAYS_S): number {
  return delays[Math.min(Math.max(attempt, 1), delays.length) - 1] ?? 0;
}
