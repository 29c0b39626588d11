import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../../lib/wiring/container';

export { containerSetup } from '../../lib/wiring/container';

/**
 * Wraps a handler with the Powertools middlewares: the Lambda context on every log line, and the
 * metrics buffer flushed (as Embedded Metric Format) after every invocation.
 */
export function withTelemetry<E, R>(telemetry: PowertoolsTelemetry | undefined, handler: (event: E, context: Context) => Promise<R>) {
  const wrapped = middy(handler);
  if (telemetry) wrapped.use(injectLambdaContext(telemetry.logger)).use(logMetrics(telemetry.metrics));
  return wrapped;
}

/** A Lambda entry point that builds itself on first use; `init` builds it at once. */
export type LazyHandler<E, R> = ((event: E, context: Context) => Promise<R>) & {
  /** Builds the handler and its runtime now, as the first invocation would (the `lambdas` bench times it). */
  readonly init: () => void;
};

/**
 * A handler built lazily, so importing the module (in tests, or by the bundler) reads no
 * environment; the first invocation (or `init`) builds it once for the container.
 */
export function lazyHandler<E, R>(build: () => (event: E, context: Context) => Promise<R>): LazyHandler<E, R> {
  let built: ((event: E, context: Context) => Promise<R>) | undefined;
  const init = () => (built ??= build());
  return Object.assign((event: E, context: Context) => init()(event, context), { init: () => void init() });
}
