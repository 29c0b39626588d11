import type { IngestEnvelope } from './ingest-envelope';

/** Vigil's internal queue, for messages to deliver again later (narrowed retries of the direct path). */
export interface Requeue {
  /** Enqueues every envelope, or throws: then none may be assumed enqueued. */
  send(envelopes: readonly IngestEnvelope[]): Promise<void>;
}
