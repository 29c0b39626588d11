/**
 * The CloudFormation resource specification of the IoT Events resources, as far as an import needs
 * it: the property names of every property type (documented, e.g.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-iotevents-detectormodel-action.html)
 * and the primitive type of those that are not strings. Keyed by the name of the API shape each
 * property type corresponds to (`lib/model/api-shapes.ts`), whose member it maps to: the member of
 * that shape with the same name, letter case aside — a test checks that every name here has
 * exactly one, and which API members CloudFormation lacks.
 */

/** A primitive property type; `string` for every one not listed with another. */
export type CfnPrimitive = 'string' | 'integer' | 'boolean';

/** Property name → its primitive type (`string` for structures and lists: the shape says what they hold). */
type PropertyTypes = Readonly<Record<string, CfnPrimitive>>;

const strings = (...names: string[]): PropertyTypes => Object.fromEntries(names.map((name) => [name, 'string' as const]));
const PAYLOAD_OWNER = (...names: string[]) => strings('Payload', ...names);
const TIMER = strings('TimerName');

/** The alarm actions: the detector model's external actions, under the same property names. */
const ALARM_ACTIONS = ['DynamoDB', 'DynamoDBv2', 'Firehose', 'IotEvents', 'IotSiteWise', 'IotTopicPublish', 'Lambda', 'Sns', 'Sqs'];

/** CloudFormation property names (and non-string primitive types) per API shape name. */
export const CFN_PROPERTIES: Readonly<Record<string, PropertyTypes>> = {
  // AWS::IoTEvents::DetectorModel
  CreateDetectorModelRequest: strings('DetectorModelName', 'DetectorModelDefinition', 'DetectorModelDescription', 'Key', 'RoleArn', 'EvaluationMethod', 'Tags'),
  DetectorModelDefinition: strings('InitialStateName', 'States'),
  State: strings('StateName', 'OnEnter', 'OnExit', 'OnInput'),
  OnInputLifecycle: strings('Events', 'TransitionEvents'),
  OnEnterLifecycle: strings('Events'),
  OnExitLifecycle: strings('Events'),
  Event: strings('EventName', 'Condition', 'Actions'),
  TransitionEvent: strings('EventName', 'Condition', 'NextState', 'Actions'),
  Action: strings('ClearTimer', 'ResetTimer', 'SetTimer', 'SetVariable', ...ALARM_ACTIONS),
  SetVariableAction: strings('VariableName', 'Value'),
  SetTimerAction: { TimerName: 'string', Seconds: 'integer', DurationExpression: 'string' },
  ClearTimerAction: TIMER,
  ResetTimerAction: TIMER,
  SNSTopicPublishAction: PAYLOAD_OWNER('TargetArn'),
  IotTopicPublishAction: PAYLOAD_OWNER('MqttTopic'),
  LambdaAction: PAYLOAD_OWNER('FunctionArn'),
  IotEventsAction: PAYLOAD_OWNER('InputName'),
  SqsAction: { ...PAYLOAD_OWNER('QueueUrl'), UseBase64: 'boolean' },
  FirehoseAction: PAYLOAD_OWNER('DeliveryStreamName', 'Separator'),
  DynamoDBAction: PAYLOAD_OWNER('HashKeyField', 'HashKeyType', 'HashKeyValue', 'Operation', 'PayloadField', 'RangeKeyField', 'RangeKeyType', 'RangeKeyValue', 'TableName'),
  DynamoDBv2Action: PAYLOAD_OWNER('TableName'),
  IotSiteWiseAction: strings('AssetId', 'EntryId', 'PropertyAlias', 'PropertyId', 'PropertyValue'),
  AssetPropertyValue: strings('Quality', 'Timestamp', 'Value'),
  AssetPropertyTimestamp: strings('OffsetInNanos', 'TimeInSeconds'),
  AssetPropertyVariant: strings('BooleanValue', 'DoubleValue', 'IntegerValue', 'StringValue'),
  // The content of a payload is an expression: its text is copied as written, never re-cased.
  Payload: strings('ContentExpression', 'Type'),
  Tag: strings('Key', 'Value'),
  // AWS::IoTEvents::AlarmModel (CloudFormation has no AlarmNotification)
  CreateAlarmModelRequest: { ...strings('AlarmModelName', 'AlarmModelDescription', 'RoleArn', 'Key', 'AlarmRule', 'AlarmEventActions', 'AlarmCapabilities', 'Tags'), Severity: 'integer' },
  AlarmRule: strings('SimpleRule'),
  SimpleRule: strings('InputProperty', 'ComparisonOperator', 'Threshold'),
  AlarmEventActions: strings('AlarmActions'),
  AlarmAction: strings(...ALARM_ACTIONS),
  AlarmCapabilities: strings('AcknowledgeFlow', 'InitializationConfiguration'),
  AcknowledgeFlow: { Enabled: 'boolean' },
  InitializationConfiguration: { DisabledOnInitialization: 'boolean' },
  // AWS::IoTEvents::Input
  CreateInputRequest: strings('InputName', 'InputDescription', 'InputDefinition', 'Tags'),
  InputDefinition: strings('Attributes'),
  Attribute: strings('JsonPath'),
};

/** API members that CloudFormation does not have, by shape: a template cannot set them. */
export const NOT_IN_CLOUDFORMATION: Readonly<Record<string, readonly string[]>> = {
  CreateAlarmModelRequest: ['alarmNotification'],
};

/** The three resource types an import reads, and what each becomes. */
export const IOT_EVENTS_TYPES = {
  detectorModel: 'AWS::IoTEvents::DetectorModel',
  alarmModel: 'AWS::IoTEvents::AlarmModel',
  input: 'AWS::IoTEvents::Input',
} as const;
