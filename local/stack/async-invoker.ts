import { randomUUID } from 'node:crypto';
import { FunctionError, LambdaInvokeError } from './errors';
import type { LambdaApi } from './lambda-api';

/** AWS's defaults for asynchronous invocation: two retries, one minute then two minutes later. */
export const AWS_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

/**
 * The record Lambda sends to an on-failure destination when an asynchronous invocation failed for
 * good (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
export interface FailureRecord {
  readonly version: '1.0';
  readonly timestamp: string;
  readonly requestContext: { readonly requestId: string; readonly functionArn: string; readonly condition: 'RetriesExhausted'; readonly approximateInvokeCount: number };
  readonly requestPayload: unknown;
  readonly responseContext: { readonly statusCode: number; readonly executedVersion: '$LATEST'; readonly functionError: string };
  readonly responsePayload: unknown;
}

/** Where a failed invocation's record goes (the function's `destinations.onFailure`). */
export type FailureDestination = (record: FailureRecord) => Promise<void>;

/** How the invoker behaves; every field has a default. */
export interface AsyncInvokerOptions {
  readonly retryDelaysMs?: readonly number[];
  readonly functionArn?: (functionName: string) => string;
  readonly log?: (message: string, error?: Error) => void;
  readonly now?: () => number;
}

/**
 * Lambda's asynchronous invocation (what an IoT rule's Lambda action and EventBridge use), on top
 * of a synchronous Lambda API: the first attempt runs at once; a function error is retried after
 * each delay of `retryDelaysMs`, and then the failure record goes to the destination. The request
 * id stays the same across retries, as in Lambda.
 */
export class AsyncInvoker {
  private readonly controller = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly retryDelaysMs: readonly number[];
  private readonly functionArn: (functionName: string) => string;
  private readonly log: (message: string, error?: Error) => void;
  private readonly now: () => number;

  constructor(
    private readonly lambda: LambdaApi,
    options: AsyncInvokerOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? AWS_RETRY_DELAYS_MS;
    this.functionArn = options.functionArn ?? ((name) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`);
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
  }

  /**
   * Invokes a function asynchronously. Resolves once the first attempt ran (Lambda "accepted" the
   * event), whatever its outcome; retries continue in the background.
   *
   * @throws LambdaInvokeError when the function cannot be reached at all: that is what makes an
   *   IoT rule's Lambda action fail (and its error action run).
   */
  async invoke(functionName: string, event: unknown, onFailure?: FailureDestination): Promise<void> {
    const requestId = randomUUID();
    const first = await this.attempt(functionName, event);
    if (first instanceof LambdaInvokeError) throw first;
    if (first) this.retry(functionName, event, requestId, 1, first, onFailure);
  }

  /** True once {@link stop} was called: failures after it are the stop's doing. */
  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** Cancels pending retries and aborts running attempts. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.controller.abort();
  }

  /** Resolves when no attempt is running (tests use it to wait for background work). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  // Undefined when the function succeeded; the failure otherwise.
  private async attempt(functionName: string, event: unknown): Promise<FunctionError | LambdaInvokeError | undefined> {
    const call = this.lambda.invoke(functionName, event, this.controller.signal);
    this.running.add(call);
    try {
      const result = await call;
      return result.functionError === undefined ? undefined : new FunctionError(functionName, result.functionError, result.payload);
    } catch (error) {
      if (error instanceof LambdaInvokeError) return error;
      throw error;
    } finally {
      this.running.delete(call);
    }
  }

  private retry(functionName: string, event: unknown, requestId: string, count: number, failure: FunctionError | LambdaInvokeError, onFailure?: FailureDestination): void {
    if (this.controller.signal.aborted) return;
    if (count > this.retryDelaysMs.length) {
      this.log(`${functionName}: asynchronous invocation ${requestId} failed ${count} times; ${onFailure ? 'sent to its on-failure destination' : 'dropped (no on-failure destination)'}`, failure);
      if (onFailure) {
        const delivery = onFailure(this.failureRecord(functionName, event, requestId, count, failure)).catch((error: Error) => this.log(`${functionName}: could not deliver to the on-failure destination`, error));
        this.running.add(delivery);
        void delivery.finally(() => this.running.delete(delivery));
      }
      return;
    }
    this.log(`${functionName}: asynchronous invocation ${requestId} failed; retrying in ${this.retryDelaysMs[count - 1] / 1000} s`, failure);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const next = this.attempt(functionName, event)
        .then((again) => {
          if (again) this.retry(functionName, event, requestId, count + 1, again, onFailure);
        })
        .catch((error: Error) => this.log(`${functionName}: retry ${count} of ${requestId} could not run`, error));
      this.running.add(next);
      void next.finally(() => this.running.delete(next));
    }, this.retryDelaysMs[count - 1]);
    this.timers.add(timer);
  }

  private failureRecord(functionName: string, event: unknown, requestId: string, count: number, failure: FunctionError | LambdaInvokeError): FailureRecord {
    return {
      version: '1.0',
      timestamp: new Date(this.now()).toISOString(),
      requestContext: { requestId, functionArn: `${this.functionArn(functionName)}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: count },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: failure instanceof FunctionError ? failure.functionError : 'Unhandled' },
      responsePayload: failure instanceof FunctionError ? failure.payload : { errorMessage: failure.message },
    };
  }
}
