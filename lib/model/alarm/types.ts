/**
 * The AWS IoT Events alarm model shapes, with AWS's field names verbatim (botocore
 * `iotevents/2018-07-27`: CreateAlarmModelRequest and the structures below it). These describe JSON
 * as users wrote it for AWS; nothing here is validated yet — see `validateAlarmModel`.
 */
import type { Action, LambdaAction, Tag } from '../types';

/** The comparison of a simple rule: `inputProperty <operator> threshold`. */
export const COMPARISON_OPERATORS = ['GREATER', 'GREATER_OR_EQUAL', 'LESS', 'LESS_OR_EQUAL', 'EQUAL', 'NOT_EQUAL'] as const;

/** One of {@link COMPARISON_OPERATORS}. */
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** `{inputProperty, comparisonOperator, threshold}`: both sides are expressions (an input attribute or a number). */
export interface SimpleRule {
  inputProperty: string;
  comparisonOperator: ComparisonOperator;
  threshold: string;
}

/** When the alarm is invoked; today only a simple rule exists. */
export interface AlarmRule {
  simpleRule: SimpleRule;
}

/** An IAM Identity Center user: the only kind of notification recipient. */
export interface SSOIdentity {
  identityStoreId: string;
  userId?: string;
}

/** A notification recipient. */
export interface RecipientDetail {
  ssoIdentity?: SSOIdentity;
}

/** A text message notification. */
export interface SMSConfiguration {
  senderId?: string;
  /** Up to 200 characters. */
  additionalMessage?: string;
  recipients: RecipientDetail[];
}

/** The subject and extra text of an e-mail notification. */
export interface EmailContent {
  subject?: string;
  /** Up to 200 characters. */
  additionalMessage?: string;
}

/** Whom an e-mail notification goes to. */
export interface EmailRecipients {
  to?: RecipientDetail[];
}

/** An e-mail notification. */
export interface EmailConfiguration {
  from: string;
  content?: EmailContent;
  recipients: EmailRecipients;
}

/** The Lambda function that sends the notifications (AWS's own, or the user's). */
export interface NotificationTargetActions {
  lambdaAction?: LambdaAction;
}

/** One notification: the Lambda function to invoke and what it should send. */
export interface NotificationAction {
  action: NotificationTargetActions;
  smsConfigurations?: SMSConfiguration[];
  emailConfigurations?: EmailConfiguration[];
}

/** The notifications sent when the alarm changes state. */
export interface AlarmNotification {
  notificationActions?: NotificationAction[];
}

/**
 * An alarm action: exactly one member may be set. The same bodies as detector-model actions, but
 * only the nine that leave the alarm: an alarm has no variables and no timers.
 */
export type AlarmAction = Omit<Action, 'setVariable' | 'setTimer' | 'clearTimer' | 'resetTimer'>;

/** The alarm action members, in the order of the AlarmAction shape. */
export const ALARM_ACTION_TYPES = [
  'sns', 'iotTopicPublish', 'lambda', 'iotEvents', 'sqs', 'firehose', 'dynamoDB', 'dynamoDBv2', 'iotSiteWise',
] as const satisfies readonly (keyof AlarmAction)[];

/** One of {@link ALARM_ACTION_TYPES}. */
export type AlarmActionType = (typeof ALARM_ACTION_TYPES)[number];

/** The actions performed on every state change. */
export interface AlarmEventActions {
  alarmActions?: AlarmAction[];
}

/** Whether new alarm instances start DISABLED (AWS default: TRUE). */
export interface InitializationConfiguration {
  disabledOnInitialization: boolean;
}

/** Whether an alarm must be acknowledged before it returns to NORMAL (AWS default: TRUE). */
export interface AcknowledgeFlow {
  enabled: boolean;
}

/** The operator workflow switches. */
export interface AlarmCapabilities {
  initializationConfiguration?: InitializationConfiguration;
  acknowledgeFlow?: AcknowledgeFlow;
}

/** The body of CreateAlarmModel, which is also Vigil's alarm model file format. */
export interface CreateAlarmModelRequest {
  alarmModelName: string;
  alarmModelDescription?: string;
  roleArn?: string;
  tags?: Tag[];
  /** Path into the message payload that names the alarm instance; absent for a single instance. */
  key?: string;
  /** 0–2,147,483,647. */
  severity?: number;
  alarmRule: AlarmRule;
  alarmNotification?: AlarmNotification;
  alarmEventActions?: AlarmEventActions;
  alarmCapabilities?: AlarmCapabilities;
}

/** The body of UpdateAlarmModel: CreateAlarmModel without `key` and `tags` (neither can change). */
export type UpdateAlarmModelRequest = Omit<CreateAlarmModelRequest, 'key' | 'tags'>;
