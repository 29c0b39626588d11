import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { powertoolsTelemetry, type PowertoolsTelemetry } from '../../lib/adapters/telemetry';
import { loadConfig } from '../../lib/config';
import { createRuntime, type Runtime } from '../../lib/wiring';

let shared: { runtime: Runtime; telemetry: PowertoolsTelemetry } | undefined;

/** The runtime of this container, built on first use from the environment. */
export function containerRuntime(): { runtime: Runtime; telemetry: PowertoolsTelemetry } {
  if (!shared) {
    const telemetry = powertoolsTelemetry(process.env.POWERTOOLS_SERVICE_NAME ?? 'vigil');
    shared = { runtime: createRuntime(loadConfig(), telemetry), telemetry };
  }
  return shared;
}

/**
 * Wraps a handler with the Powertools middlewares: the Lambda context on every log line, and the
 * metrics buffer flushed (as Embedded Metric Format) after every invocation.
 */
export function withTelemetry<E, R>(telemetry: PowertoolsTelemetry | undefined, handler: (event: E, context: Context) => Promise<R>) {
  const wrapped = middy(handler);
  if (telemetry) wrapped.use(injectLambdaContext(telemetry.logger)).use(logMetrics(telemetry.metrics));
  return wrapped;
}

/**
 * A handler built lazily, so importing the module (in tests, or by the bundler) reads no
 * environment; the first invocation builds it once for the container.
 */
export function lazyHandler<E, R>(build: () => (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  let built: ((event: E, context: Context) => Promise<R>) | undefined;
  return (event, context) => (built ??= build())(event, context);
}
