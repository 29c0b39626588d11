import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { Telemetry } from '../ports';

/** One Powertools logger and metrics buffer per container. */
export interface PowertoolsTelemetry extends Telemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * Telemetry on Powertools for AWS Lambda: JSON log lines (with the Lambda context once the
 * handler's middleware injects it) and CloudWatch metrics in Embedded Metric Format, flushed by
 * the handler's `logMetrics` middleware.
 */
export function powertoolsTelemetry(serviceName: string): PowertoolsTelemetry {
  const logger = new Logger({ serviceName });
  const metrics = new Metrics({ serviceName, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Vigil' });
  return {
    logger,
    metrics,
    log: (level, message, fields) => logger[level](message, fields ?? {}),
    count: (metric, value = 1) => metrics.addMetric(metric, MetricUnit.Count, value),
  };
}
