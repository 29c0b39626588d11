import type { MessageOrigin } from '../ports';

/** A message to deliver to detectors, however it arrived (API, topic rule, queue, re-ingestion). */
export interface IncomingMessage {
  readonly messageId: string;
  readonly inputName: string;
  /** The payload as JSON text. */
  readonly payload: string;
  /** The payload already parsed as typed JSON, when whoever read the message had to parse it anyway. */
  readonly parsed?: Record<string, unknown>;
  /** When the message happened, epoch ms, if it says. */
  readonly timestamp?: number;
  /** Where it first entered Vigil (kept when it is retried or dead-lettered as an envelope). */
  readonly origin?: MessageOrigin;
  /** Only these detectors (`<model>|<key>` ids) are to receive it; absent: every detector it routes to. */
  readonly targets?: readonly string[];
  /**
   * True when it may already have been applied (a redelivery, a client retry, a replay): its id is
   * then checked against everything the detector remembers, not only its latest ids.
   */
  readonly possibleRepeat?: boolean;
  /** Failed attempts so far (a retry Vigil made from the internal queue). */
  readonly attempt?: number;
  /** Some detector it does not target may have applied it in a delivery that died. */
  readonly uncertain?: boolean;
}

/** The error codes of BatchPutMessage error entries (iotevents-data). */
export type RejectionCode = 'InvalidRequestException' | 'ResourceNotFoundException' | 'InternalFailureException';
export type FailureCode = 'InternalFailureException' | 'ThrottlingException' | 'ServiceUnavailableException';

/**
 * What became of one message. `rejected` messages can never succeed (bad JSON, unknown input, no
 * key, a detector that cannot be read or stored): report them, do not retry. `failed` ones hit a
 * transient problem: retry them. Either may be partial: `unapplied` then lists the detectors that
 * did not apply the message while others did, so a retry or a dead letter can be narrowed to them.
 */
export type MessageOutcome =
  | { readonly status: 'processed' }
  | { readonly status: 'rejected'; readonly code: RejectionCode; readonly message: string; readonly unapplied?: readonly string[] }
  | { readonly status: 'failed'; readonly code: FailureCode; readonly message: string; readonly unapplied?: readonly string[] };
