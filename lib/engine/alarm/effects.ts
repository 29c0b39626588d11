import type { CompiledEmail, CompiledSms } from '../../model';
import type { ActionEffect } from '../effects';

/**
 * An `alarmNotification` to send: the notification Lambda function to invoke, the inner payload
 * (AWS's `notificationEventPayload`) and the e-mail and SMS configurations with their recipients
 * still IAM Identity Center identities. The runtime resolves the recipients and invokes the
 * function with {@link notificationEvent}'s text, as a `lambda` action.
 */
export interface AlarmNotificationEffect {
  readonly type: 'alarmNotification';
  /** Name-based UUID of this invocation; the same input always gives the same id. */
  readonly actionExecutionId: string;
  readonly alarmModelName: string;
  readonly alarmModelVersion: string;
  readonly keyValue: string | undefined;
  /** When the state changed, epoch ms. */
  readonly time: number;
  /** JSON path of the notification action in the model. */
  readonly path: string;
  readonly functionArn: string;
  /** The JSON text the function receives as `notificationEventPayload`. */
  readonly notificationEventPayload: string;
  readonly emailConfigurations: readonly CompiledEmail[];
  readonly smsConfigurations: readonly CompiledSms[];
}

/**
 * What an alarm state change produces: `alarmEventActions` resolved exactly like detector actions
 * (their `detectorModelName` and `detectorModelVersion` name the alarm model and its version), and
 * notifications.
 */
export type AlarmEffect = ActionEffect | AlarmNotificationEffect;
