import { signRequest, type SigningOptions } from '../auth/sign-request';
import { LambdaInvokeError } from './errors';

/** What one synchronous invocation returned. */
export interface InvokeResult {
  /** The function's response (parsed JSON), or its error payload when `functionError` is set. */
  readonly payload: unknown;
  /** `Unhandled` when the function threw; undefined when it returned. */
  readonly functionError: string | undefined;
}

/** The Lambda Invoke API, as much of it as the local stack needs. */
export interface LambdaApi {
  /**
   * Runs a function and waits for its result (`RequestResponse`).
   *
   * @throws LambdaInvokeError when the function could not be invoked at all.
   */
  invoke(functionName: string, event: unknown, signal?: AbortSignal): Promise<InvokeResult>;
}

/**
 * The local stack's Lambda API (`POST /2015-03-31/functions/<name>/invocations`, served by
 * serverless-offline behind the signing gateway), each request signed with SigV4 for `lambda`.
 * Always `RequestResponse`: offline runs an `Event` invocation without awaiting it, so a handler
 * that throws becomes an unhandled rejection that kills the whole offline process. Asynchronous
 * invocation is emulated by the caller instead (see `AsyncInvoker`).
 */
export function offlineLambdaApi(endpoint: string, signing: Omit<SigningOptions, 'service'>): LambdaApi {
  return {
    async invoke(functionName, event, signal) {
      const url = new URL(`${endpoint}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`);
      const body = toEventJson(event);
      let response: Response;
      try {
        const { host: _host, ...headers } = await signRequest({ method: 'POST', url, body, headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' } }, { ...signing, service: 'lambda' });
        response = await fetch(url, { method: 'POST', body, headers, signal });
      } catch (error) {
        throw new LambdaInvokeError(functionName, undefined, `serverless-offline did not answer at ${endpoint}: ${(error as Error).message}`, { cause: error });
      }
      const text = await response.text();
      if (response.status !== 200) throw new LambdaInvokeError(functionName, response.status, `HTTP ${response.status}: ${text.slice(0, 500)}`);
      return { payload: parseBody(text), functionError: response.headers.get('x-amz-function-error') ?? undefined };
    },
  };
}

/**
 * The JSON text Lambda would hand a function for this event. Binary values (DynamoDB `B`
 * attributes read with the SDK are `Uint8Array`s) become base64, as in real stream events.
 */
export function toEventJson(event: unknown): string {
  // `this[key]` is the value before `toJSON`: a Buffer would otherwise arrive as {type, data}.
  return (
    JSON.stringify(event, function replace(this: Record<string, unknown>, key: string, value: unknown) {
      const original = this[key];
      return original instanceof Uint8Array ? Buffer.from(original).toString('base64') : value;
    }) ?? 'null'
  );
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
