/**
 * A message on its way to the detectors through the ingest queue, as Vigil's own producers write
 * it (BatchPutMessage, the `iotEvents` action). Bodies without the envelope are taken to be the
 * output of an IoT topic rule (see `lib/runtime/rule-message.ts`).
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
}

/** True when a parsed queue body is an {@link IngestEnvelope}. */
export function isIngestEnvelope(body: unknown): body is IngestEnvelope {
  if (typeof body !== 'object' || body === null) return false;
  const envelope = body as Record<string, unknown>;
  // Typed JSON reads the version as a bigint.
  return (envelope.vigilEnvelope === 1 || envelope.vigilEnvelope === 1n) && typeof envelope.inputName === 'string' && typeof envelope.messageId === 'string' && typeof envelope.payload === 'string';
}
