import { awsNotificationClients, awsNotificationSender } from '../adapters/notify/aws-notification-sender';
import type { Config } from '../config';
import { lazily } from '../lazily';
import type { NotificationSender, Telemetry } from '../ports';
import { queuesOnDemand } from './queues';

/** What the alarmNotifier function uses. */
export interface AlarmNotifierRuntime {
  readonly sender: NotificationSender;
  readonly telemetry: Telemetry;
}

/**
 * Builds the alarmNotifier function's runtime: SES and SNS (`NOTIFICATIONS=send`), or the inbox
 * queue (`record`), each client loaded when the first notification needs it.
 */
export function createAlarmNotifierRuntime(config: Config, telemetry: Telemetry): AlarmNotifierRuntime {
  if (config.notifications === 'send') return { sender: awsNotificationSender(awsNotificationClients()), telemetry };
  const queues = queuesOnDemand(config);
  const inbox = lazily(async () => (await import('../adapters/notify/inbox-notification-sender')).inboxNotificationSender(await queues.client(), await queues.url(config.notificationsInbox as string)));
  return {
    sender: { email: async (message) => (await inbox()).email(message), text: async (message) => (await inbox()).text(message) },
    telemetry,
  };
}
