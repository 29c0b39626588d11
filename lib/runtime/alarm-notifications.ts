import type { ActionEffect } from '../engine';
import { notificationEvent, type AlarmEffect, type AlarmNotificationEffect } from '../engine/alarm';
import type { SSOIdentity } from '../model';
import { recipientKey, type ActionIdentity, type RecipientDirectory, type Telemetry } from '../ports';
import type { Outbox } from './dispatch-outboxes';

/** What turning notifications into invocations needs. */
export interface NotificationDeps {
  /** Where recipients are looked up; without it, every recipient is left out (and said so). */
  readonly directory: RecipientDirectory | undefined;
  /** False when actions run with the dispatcher's own credentials (a local stack): lookups too. */
  readonly assumeRoles: boolean;
  readonly telemetry: Telemetry;
}

/**
 * Turns each `alarmNotification` of the outboxes into the `lambda` action AWS IoT Events performed:
 * the notification function invoked asynchronously with the event `notificationEvent` builds, its
 * IAM Identity Center recipients resolved to addresses and numbers — looked up as the alarm
 * model's role, as AWS did with the role's `sso-directory:DescribeUser`. A recipient the directory
 * does not know is left out, loudly. When a lookup fails for a reason that may pass, nothing from
 * that outbox on is returned, and `retryFrom` names it: the stream delivers it again.
 */
export async function notificationInvocations(outboxes: readonly Outbox[], deps: NotificationDeps): Promise<{ readonly outboxes: Outbox[]; readonly retryFrom: string | undefined }> {
  const ready: Outbox[] = [];
  for (const outbox of outboxes) {
    const notifications = outbox.effects.filter(isNotification);
    if (!notifications.length) {
      ready.push(outbox);
      continue;
    }
    let found: Map<string, unknown>;
    try {
      found = await lookUp(notifications, outbox, deps);
    } catch (error) {
      deps.telemetry.log('error', 'could not look up alarm notification recipients; the stream will deliver the outbox again', { outbox: outbox.id, error: (error as Error).message });
      return { outboxes: ready, retryFrom: outbox.id };
    }
    const effects = outbox.effects.map((effect) => (isNotification(effect) ? invocation(effect, found as Map<string, { email?: string; phoneNumber?: string } | undefined>, deps) : effect));
    ready.push({ ...outbox, effects: effects as ActionEffect[] });
  }
  return { outboxes: ready, retryFrom: undefined };
}

function isNotification(effect: AlarmEffect): effect is AlarmNotificationEffect {
  return effect.type === 'alarmNotification';
}

async function lookUp(notifications: readonly AlarmNotificationEffect[], outbox: Outbox, deps: NotificationDeps): Promise<Map<string, unknown>> {
  const identities = notifications.flatMap((effect) => [...effect.emailConfigurations, ...effect.smsConfigurations].flatMap((configuration) => configuration.recipients));
  const unique = [...new Map(identities.filter((identity) => identity.userId).map((identity) => [recipientKey(identity), identity])).values()];
  if (!unique.length || !deps.directory) return new Map();
  // Never with Vigil's own permissions where roles are assumed: without a role, nobody is looked up
  // (the invocation itself then fails for want of a role).
  if (deps.assumeRoles && !outbox.roleArn) return new Map();
  const as: ActionIdentity = deps.assumeRoles ? { kind: 'role', roleArn: outbox.roleArn as string, model: notifications[0].alarmModelName } : { kind: 'own' };
  return deps.directory.lookup(unique, as);
}

function invocation(effect: AlarmNotificationEffect, found: Map<string, { email?: string; phoneNumber?: string } | undefined>, deps: NotificationDeps): ActionEffect {
  const missing = new Set<string>();
  const resolve = (identity: SSOIdentity) => {
    const recipient = found.get(recipientKey(identity));
    if (!recipient) missing.add(recipientKey(identity));
    return recipient;
  };
  const text = notificationEvent(effect, resolve);
  if (missing.size) {
    deps.telemetry.count('NotificationRecipientsUnknown', missing.size);
    deps.telemetry.log('warn', 'alarm notification recipients not found; left out', { alarmModelName: effect.alarmModelName, keyValue: effect.keyValue, recipients: [...missing] });
  }
  return {
    type: 'lambda',
    functionArn: effect.functionArn,
    payload: { type: 'JSON', text },
    actionExecutionId: effect.actionExecutionId,
    eventName: 'alarmNotification',
    detectorModelName: effect.alarmModelName,
    detectorModelVersion: effect.alarmModelVersion,
    keyValue: effect.keyValue,
    time: effect.time,
    path: effect.path,
  };
}
