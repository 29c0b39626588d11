import { checkServiceAction } from '../check-action-targets';
import { issue } from '../check-context';
import { checkArray, checkObject, checkString } from '../check-fields';
import type { ModelIssue } from '../issues';

/** The AWS console's limit on notifications per alarm model (the API model sets none). */
const MAX_NOTIFICATIONS = 10;
const MESSAGE = { max: 200 } as const;

/**
 * Checks `alarmNotification` (API_AlarmNotification): at least one notification action, each
 * naming the Lambda function to invoke (checked as a detector's `lambda` action is), with optional
 * SMS and e-mail configurations whose recipients are IAM Identity Center users.
 */
export function checkAlarmNotification(value: unknown, issues: ModelIssue[]): void {
  const notification = checkObject(value, 'alarmNotification', issues);
  if (!notification) return;
  const path = 'alarmNotification.notificationActions';
  const actions = checkArray(notification.notificationActions, path, issues, true);
  if (actions?.length === 0) issues.push(issue('structure', 'ERROR', path, 'notificationActions is empty; give at least one, or remove alarmNotification'));
  if (actions && actions.length > MAX_NOTIFICATIONS) {
    issues.push(issue('service-limits', 'WARNING', path, `the model has ${actions.length} notifications; AWS IoT Events allowed up to ${MAX_NOTIFICATIONS}`));
  }
  actions?.forEach((action, i) => checkNotificationAction(action, `${path}[${i}]`, issues));
}

function checkNotificationAction(value: unknown, path: string, issues: ModelIssue[]): void {
  const notification = checkObject(value, path, issues, true);
  if (!notification) return;
  const target = checkObject(notification.action, `${path}.action`, issues, true);
  const lambda = target && checkObject(target.lambdaAction, `${path}.action.lambdaAction`, issues, true);
  if (lambda) checkServiceAction('lambda', lambda, `${path}.action.lambdaAction`, issues);
  const sms = checkArray(notification.smsConfigurations, `${path}.smsConfigurations`, issues);
  if (sms?.length === 0) issues.push(issue('structure', 'ERROR', `${path}.smsConfigurations`, 'smsConfigurations is empty; give at least one, or remove it'));
  sms?.forEach((config, i) => checkSms(config, `${path}.smsConfigurations[${i}]`, issues));
  const email = checkArray(notification.emailConfigurations, `${path}.emailConfigurations`, issues);
  if (email?.length === 0) issues.push(issue('structure', 'ERROR', `${path}.emailConfigurations`, 'emailConfigurations is empty; give at least one, or remove it'));
  email?.forEach((config, i) => checkEmail(config, `${path}.emailConfigurations[${i}]`, issues));
}

function checkSms(value: unknown, path: string, issues: ModelIssue[]): void {
  const sms = checkObject(value, path, issues, true);
  if (!sms) return;
  issues.push(...checkString(sms.senderId, `${path}.senderId`, {}));
  issues.push(...checkString(sms.additionalMessage, `${path}.additionalMessage`, MESSAGE));
  checkRecipients(sms.recipients, `${path}.recipients`, true, issues);
}

function checkEmail(value: unknown, path: string, issues: ModelIssue[]): void {
  const email = checkObject(value, path, issues, true);
  if (!email) return;
  issues.push(...checkString(email.from, `${path}.from`, { required: true, min: 1 }));
  const content = checkObject(email.content, `${path}.content`, issues);
  if (content) {
    issues.push(...checkString(content.subject, `${path}.content.subject`, {}));
    issues.push(...checkString(content.additionalMessage, `${path}.content.additionalMessage`, MESSAGE));
  }
  const recipients = checkObject(email.recipients, `${path}.recipients`, issues, true);
  if (recipients) checkRecipients(recipients.to, `${path}.recipients.to`, false, issues);
}

function checkRecipients(value: unknown, path: string, required: boolean, issues: ModelIssue[]): void {
  const recipients = checkArray(value, path, issues, required);
  if (recipients?.length === 0) issues.push(issue('structure', 'ERROR', path, 'the recipient list is empty; give at least one IAM Identity Center user'));
  recipients?.forEach((recipient, i) => {
    const at = `${path}[${i}]`;
    const detail = checkObject(recipient, at, issues, true);
    if (!detail) return;
    const identity = checkObject(detail.ssoIdentity, `${at}.ssoIdentity`, issues, true);
    if (!identity) return;
    issues.push(...checkString(identity.identityStoreId, `${at}.ssoIdentity.identityStoreId`, { required: true, min: 1 }));
    issues.push(...checkString(identity.userId, `${at}.ssoIdentity.userId`, { min: 1 }));
  });
}
