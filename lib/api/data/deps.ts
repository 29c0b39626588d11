import type { BatchDeps, BatchSettings } from '../../runtime/process-batch';

/** What the data-plane API uses: the message pipeline's dependencies and settings (the Runtime has both). */
export interface DataApiDeps extends BatchDeps {
  readonly settings: BatchSettings;
  /** Principals allowed to send built-in lifecycle inputs with BatchPutMessage (none by default). */
  readonly lifecyclePublishers?: readonly string[];
}

/** One entry of a batch operation's error list (`batchUpdateDetectorErrorEntries`, …). */
export interface BatchErrorEntry {
  readonly messageId: string;
  readonly errorCode: 'ResourceNotFoundException' | 'InvalidRequestException' | 'InternalFailureException' | 'ServiceUnavailableException' | 'ThrottlingException';
  readonly errorMessage: string;
}

/** The error code of an entry a store failure failed (throttling, unavailable, or internal). */
export { failureCode } from '../../errors';
