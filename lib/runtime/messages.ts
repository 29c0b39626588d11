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
}

/** The error codes of BatchPutMessage error entries (iotevents-data). */
export type RejectionCode = 'InvalidRequestException' | 'ResourceNotFoundException';
export type FailureCode = 'InternalFailureException' | 'ThrottlingException' | 'ServiceUnavailableException';

/**
 * What became of one message. `rejected` messages can never succeed (bad JSON, unknown input, no
 * key): report them, do not retry. `failed` ones hit a transient problem: retry them.
 */
export type MessageOutcome =
  | { readonly status: 'processed' }
  | { readonly status: 'rejected'; readonly code: RejectionCode; readonly message: string }
  | { readonly status: 'failed'; readonly code: FailureCode; readonly message: string };
