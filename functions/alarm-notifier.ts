import type { Context } from 'aws-lambda';
import { notifyAlarm, type NotificationReport } from '../lib/runtime/notify-alarm';
import { createAlarmNotifierRuntime, type AlarmNotifierRuntime } from '../lib/wiring/alarm-notifier';
import type { PowertoolsTelemetry } from '../lib/wiring/container';
import { containerSetup, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The alarm notification function a migrating team points its alarm models' `alarmNotification`
 * `lambdaAction.functionArn` at: it takes AWS IoT Events' documented event and sends the e-mail
 * (SES) and texts (SNS) it describes. Invoked asynchronously: an event it cannot read, or mail
 * that could not be sent for now, fails the invocation, so Lambda retries it and then hands it
 * to the function's failure destination (the notifications dead-letter queue).
 */
export function createHandler(runtime: AlarmNotifierRuntime, telemetry?: PowertoolsTelemetry) {
  return withTelemetry(telemetry, async (event: unknown, _context: Context): Promise<NotificationReport> => notifyAlarm(event, runtime));
}

export const handler = lazyHandler(() => {
  const { config, telemetry } = containerSetup();
  return createHandler(createAlarmNotifierRuntime(config, telemetry), telemetry);
});
