import type { IngestEnvelope } from '../ports';
import type { IncomingMessage } from './messages';

/**
 * A message as an {@link IngestEnvelope}, with the same id, payload, time and origin, for the
 * internal queue or a dead letter; `targets` narrows it to the detectors that still need it.
 */
export function envelopeOf(message: IncomingMessage, targets?: readonly string[]): IngestEnvelope {
  const narrowed = targets ?? message.targets;
  return {
    vigilEnvelope: 1,
    inputName: message.inputName,
    messageId: message.messageId,
    payload: message.payload,
    ...(message.timestamp === undefined ? {} : { timestamp: message.timestamp }),
    origin: message.origin ?? 'action',
    ...(narrowed ? { targets: narrowed } : {}),
  };
}
