import type { IngestEnvelope } from './ingest-envelope';

/** Vigil's internal queue, for messages to deliver again later (narrowed retries of the direct path). */
export interface Requeue {
  /** Enqueues every envelope (visible after `delaySeconds`, at most 900), or throws: then none may be assumed enqueued. */
  send(envelopes: readonly IngestEnvelope[], delaySeconds?: number): Promise<void>;
}
