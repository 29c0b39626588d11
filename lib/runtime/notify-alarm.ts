import { AppError, transientKind } from '../errors';
import type { NotificationSender, Telemetry } from '../ports';
import { readNotificationEvent, type AlarmNotificationPayload, type Composer } from './alarm-notification-event';

/** What became of one notification event. */
export interface NotificationReport {
  /** Mails and texts handed to the sender. */
  readonly sent: number;
  /** Those refused as written or by the service, for good (logged; retrying cannot help). */
  readonly refused: readonly string[];
}

/**
 * Some mails or texts could not be sent for a reason that may pass (throttling, an outage): the
 * invocation fails, so Lambda retries it and then hands it to the function's failure destination.
 * A retry sends the event again whole: a notification is delivered at least once.
 */
export class NotificationDeliveryError extends AppError {
  constructor(readonly failures: readonly string[], cause: unknown) {
    super(`${failures.length} notification(s) not sent, to be retried: ${failures.join('; ')}`, { cause });
  }
}

const OPERATORS: Readonly<Record<string, string>> = { GREATER: '>', GREATER_OR_EQUAL: '>=', LESS: '<', LESS_OR_EQUAL: '<=', EQUAL: '=', NOT_EQUAL: '!=' };

/** The words of a notification, as AWS's own notifier wrote them: the alarm's model, key, state, severity and rule. */
export const DEFAULT_COMPOSER: Composer = {
  subject: (alarm) => `Alarm ${alarm.alarmModelName} ${alarm.keyValue ?? 'Singleton'} is ${alarm.alarmState?.stateName ?? 'changed'}`,
  email: (alarm, note) => {
    const [condition, at] = [rule(alarm), time(alarm)];
    return [
      ...(note ? [note, ''] : []),
      `Alarm model: ${alarm.alarmModelName}`,
      `Key: ${alarm.keyValue ?? 'Singleton'}`,
      `State: ${alarm.alarmState?.stateName ?? 'unknown'}`,
      ...(alarm.severity === undefined ? [] : [`Severity: ${alarm.severity}`]),
      ...(condition ? [`Rule: ${condition}`] : []),
      ...(at ? [`Time: ${at}`] : []),
    ].join('\n');
  },
  text: (alarm, note) => {
    const condition = rule(alarm);
    return (
      `${note ? `${note} ` : ''}${alarm.alarmModelName} ${alarm.keyValue ?? 'Singleton'}: ${alarm.alarmState?.stateName ?? 'changed'}` +
      `${alarm.severity === undefined ? '' : `, severity ${alarm.severity}`}${condition ? `, ${condition}` : ''}`
    );
  },
};

/**
 * Sends the mails and texts an alarm notification event asks for. Each goes on its own: one
 * refused (a bad number, an unverified sender) is logged and counted and the others are sent.
 * Failures that may pass are tried all the same, then thrown together, so Lambda retries.
 *
 * @throws NotificationEventError when the event is not a notification event (nothing is sent);
 *   NotificationDeliveryError when some could not be sent for now.
 */
export async function notifyAlarm(event: unknown, deps: { readonly sender: NotificationSender; readonly telemetry: Telemetry; readonly composer?: Composer }): Promise<NotificationReport> {
  const request = readNotificationEvent(event, deps.composer ?? DEFAULT_COMPOSER);
  const refused = [...request.refused];
  const failed: { what: string; error: Error }[] = [];
  let sent = 0;
  const attempt = async (what: string, send: () => Promise<void>) => {
    try {
      await send();
      sent++;
    } catch (error) {
      if (transientKind(error)) failed.push({ what, error: error as Error });
      else refused.push(`${what}: ${(error as Error).name}: ${(error as Error).message}`);
    }
  };
  await Promise.all([
    ...request.emails.map((mail) => attempt(`e-mail to ${[...mail.to, ...mail.cc, ...mail.bcc].join(', ')}`, () => deps.sender.email(mail))),
    ...request.texts.map((text) => attempt(`text to ${text.phoneNumber}`, () => deps.sender.text(text))),
  ]);
  const alarm = { alarmModelName: request.payload.alarmModelName, keyValue: request.payload.keyValue, state: request.payload.alarmState?.stateName };
  if (sent) deps.telemetry.count('NotificationsSent', sent);
  if (refused.length) {
    deps.telemetry.count('NotificationsRefused', refused.length);
    deps.telemetry.log('error', 'alarm notifications refused', { ...alarm, refused });
  }
  deps.telemetry.log('info', 'alarm notification handled', { ...alarm, sent, refused: refused.length, failed: failed.length });
  if (failed.length) throw new NotificationDeliveryError(failed.map((failure) => `${failure.what}: ${failure.error.message}`), failed[0].error);
  return { sent, refused };
}

function rule(alarm: AlarmNotificationPayload): string | undefined {
  const simple = alarm.alarmState?.ruleEvaluation?.simpleRule;
  if (!simple) return undefined;
  return `${String(simple.inputProperty)} ${OPERATORS[simple.operator ?? ''] ?? simple.operator ?? '?'} ${String(simple.threshold)}`;
}

function time(alarm: AlarmNotificationPayload): string | undefined {
  const at = alarm.stateUpdateTime;
  return typeof at === 'number' && Number.isFinite(at) && Math.abs(at) <= 8.64e15 ? new Date(at).toISOString() : undefined;
}
