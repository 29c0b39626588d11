/**
 * Connection and request timeouts (ms) of every SDK client Vigil builds. Without them a stalled
 * socket hangs the invocation until Lambda kills it; with them it becomes a TimeoutError the SDK
 * (or the dispatcher) retries.
 */
export const HTTP_TIMEOUTS = { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true };
