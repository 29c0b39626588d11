import { ACTION } from '../api-shapes';
import { SCALAR, listOf, readOnlyMembers, structure, type MembersOf, type StructureShape } from '../shape';
import type { Tag } from '../types';
import {
  ALARM_ACTION_TYPES,
  type AcknowledgeFlow, type AlarmAction, type AlarmCapabilities, type AlarmEventActions, type AlarmNotification, type AlarmRule,
  type CreateAlarmModelRequest, type EmailConfiguration, type EmailContent, type EmailRecipients, type InitializationConfiguration,
  type NotificationAction, type NotificationTargetActions, type RecipientDetail, type SimpleRule, type SMSConfiguration, type SSOIdentity,
  type UpdateAlarmModelRequest,
} from './types';

// One declaration per alarm model shape of the AWS IoT Events control plane (botocore
// iotevents/2018-07-27; https://docs.aws.amazon.com/iotevents/latest/apireference/API_CreateAlarmModel.html).
// `satisfies MembersOf<…>` ties each to its interface in types.ts, and a test compares them with the
// AWS SDK's own schemas. The action bodies are the detector model's own declarations.

const ACTION_BODIES = ACTION.members;

const ALARM_ACTION_BODIES = {
  sns: ACTION_BODIES.sns,
  iotTopicPublish: ACTION_BODIES.iotTopicPublish,
  lambda: ACTION_BODIES.lambda,
  iotEvents: ACTION_BODIES.iotEvents,
  sqs: ACTION_BODIES.sqs,
  firehose: ACTION_BODIES.firehose,
  dynamoDB: ACTION_BODIES.dynamoDB,
  dynamoDBv2: ACTION_BODIES.dynamoDBv2,
  iotSiteWise: ACTION_BODIES.iotSiteWise,
} satisfies MembersOf<AlarmAction>;

const DETECTOR_ONLY_ACTIONS: ReadonlySet<string> = new Set(['setVariable', 'setTimer', 'resetTimer', 'clearTimer']);

/** `AlarmAction`: an unknown member is an unsupported action type; a detector-only one says so. */
export const ALARM_ACTION = structure('AlarmAction', ALARM_ACTION_BODIES, {
  unknown: {
    type: 'supported-actions',
    describe: (member, near) =>
      DETECTOR_ONLY_ACTIONS.has(member)
        ? `${member} is a detector model action; an alarm has no variables or timers, so its actions are ${ALARM_ACTION_TYPES.join(', ')}`
        : `unknown alarm action type '${member}'; ${near ? `did you mean '${near}'?` : `supported: ${ALARM_ACTION_TYPES.join(', ')}`}`,
  },
});

const SIMPLE_RULE = structure('SimpleRule', { inputProperty: SCALAR, comparisonOperator: SCALAR, threshold: SCALAR } satisfies MembersOf<SimpleRule>);
const ALARM_RULE = structure('AlarmRule', { simpleRule: SIMPLE_RULE } satisfies MembersOf<AlarmRule>);

const RECIPIENT_DETAILS = listOf(structure('RecipientDetail', {
  ssoIdentity: structure('SSOIdentity', { identityStoreId: SCALAR, userId: SCALAR } satisfies MembersOf<SSOIdentity>),
} satisfies MembersOf<RecipientDetail>));

const NOTIFICATION_ACTION = structure('NotificationAction', {
  action: structure('NotificationTargetActions', { lambdaAction: ACTION_BODIES.lambda } satisfies MembersOf<NotificationTargetActions>),
  smsConfigurations: listOf(structure('SMSConfiguration', { senderId: SCALAR, additionalMessage: SCALAR, recipients: RECIPIENT_DETAILS } satisfies MembersOf<SMSConfiguration>)),
  emailConfigurations: listOf(structure('EmailConfiguration', {
    from: SCALAR,
    content: structure('EmailContent', { subject: SCALAR, additionalMessage: SCALAR } satisfies MembersOf<EmailContent>),
    recipients: structure('EmailRecipients', { to: RECIPIENT_DETAILS } satisfies MembersOf<EmailRecipients>),
  } satisfies MembersOf<EmailConfiguration>)),
} satisfies MembersOf<NotificationAction>);

const ALARM_NOTIFICATION = structure('AlarmNotification', { notificationActions: listOf(NOTIFICATION_ACTION) } satisfies MembersOf<AlarmNotification>);
const ALARM_EVENT_ACTIONS = structure('AlarmEventActions', { alarmActions: listOf(ALARM_ACTION) } satisfies MembersOf<AlarmEventActions>);
const ALARM_CAPABILITIES = structure('AlarmCapabilities', {
  initializationConfiguration: structure('InitializationConfiguration', { disabledOnInitialization: SCALAR } satisfies MembersOf<InitializationConfiguration>),
  acknowledgeFlow: structure('AcknowledgeFlow', { enabled: SCALAR } satisfies MembersOf<AcknowledgeFlow>),
} satisfies MembersOf<AlarmCapabilities>);

const UPDATE_MEMBERS = {
  alarmModelName: SCALAR, alarmModelDescription: SCALAR, roleArn: SCALAR, severity: SCALAR, alarmRule: ALARM_RULE,
  alarmNotification: ALARM_NOTIFICATION, alarmEventActions: ALARM_EVENT_ACTIONS, alarmCapabilities: ALARM_CAPABILITIES,
} satisfies MembersOf<UpdateAlarmModelRequest>;

const CREATE_MEMBERS = {
  ...UPDATE_MEMBERS,
  key: SCALAR,
  tags: listOf(structure('Tag', { key: SCALAR, value: SCALAR } satisfies MembersOf<Tag>)),
} satisfies MembersOf<CreateAlarmModelRequest>;

/** What DescribeAlarmModel returns (its response members are top level, unlike DescribeDetectorModel's). */
const DESCRIBE_ALARM_MODEL_RESPONSE = structure('DescribeAlarmModelResponse', {
  creationTime: SCALAR, alarmModelArn: SCALAR, alarmModelVersion: SCALAR, lastUpdateTime: SCALAR, status: SCALAR, statusMessage: SCALAR,
  ...UPDATE_MEMBERS,
  key: SCALAR,
});

// A file exported with DescribeAlarmModel carries its read-only members: harmless, so a warning
// rather than a refusal (docs/decisions.md D18).
const ALARM_READ_ONLY = {
  names: readOnlyMembers(DESCRIBE_ALARM_MODEL_RESPONSE, CREATE_MEMBERS),
  reason: 'read-only: DescribeAlarmModel returns it, CreateAlarmModel and UpdateAlarmModel do not take it',
};

/** The body of CreateAlarmModel (and of Vigil's alarm model files). */
export const CREATE_ALARM_MODEL_REQUEST = structure('CreateAlarmModelRequest', CREATE_MEMBERS, { ignored: ALARM_READ_ONLY });

/** The body of UpdateAlarmModel: no key and no tags (neither can change). `alarmModelName` is the path's. */
export const UPDATE_ALARM_MODEL_REQUEST = structure('UpdateAlarmModelRequest', UPDATE_MEMBERS, { ignored: ALARM_READ_ONLY });

/** Every top-level alarm model shape declared here (a test compares each with the SDK's schemas). */
export const ALARM_CONTROL_PLANE_SHAPES: readonly StructureShape[] = [CREATE_ALARM_MODEL_REQUEST, UPDATE_ALARM_MODEL_REQUEST, DESCRIBE_ALARM_MODEL_RESPONSE];
