import type { SSOIdentity } from '../../model';
import type { AlarmNotificationEffect } from './effects';

/** An IAM Identity Center user's contact details, as the runtime looked them up. */
export interface ResolvedRecipient {
  readonly email?: string;
  readonly phoneNumber?: string;
}

/**
 * The event AWS IoT Events invoked the notification Lambda function with ([DG] lambda-support,
 * AWS's own handler): `notificationEventPayload` as a JSON *string*, and the configurations with
 * their recipients resolved to addresses and E.164 numbers (`cc` and `bcc` are always empty: the
 * model has only `to`). A recipient `resolve` does not know is left out. Pure.
 */
export function notificationEvent(effect: AlarmNotificationEffect, resolve: (identity: SSOIdentity) => ResolvedRecipient | undefined): string {
  const emails = (identities: readonly SSOIdentity[]) => identities.flatMap((identity) => resolve(identity)?.email ?? []);
  const phones = (identities: readonly SSOIdentity[]) => identities.flatMap((identity) => resolve(identity)?.phoneNumber ?? []);
  return JSON.stringify({
    notificationEventPayload: effect.notificationEventPayload,
    emailConfigurations: effect.emailConfigurations.map((email) => ({
      from: email.from,
      to: emails(email.recipients),
      cc: [],
      bcc: [],
      subject: email.subject,
      additionalMessage: email.additionalMessage,
    })),
    smsConfigurations: effect.smsConfigurations.map((sms) => ({
      phoneNumbers: phones(sms.recipients),
      senderId: sms.senderId,
      additionalMessage: sms.additionalMessage,
    })),
  });
}
