/**
 * The AWS IoT Events control-plane shapes, with AWS's field names verbatim (botocore
 * `iotevents/2018-07-27`). These describe JSON as users wrote it for AWS; nothing here is
 * validated yet — see `validateModel` and `validateInput`.
 */

/** `{contentExpression, type}`: a custom action payload. */
export interface Payload {
  contentExpression: string;
  type: 'STRING' | 'JSON';
}

export interface SetVariableAction {
  variableName: string;
  value: string;
}

export interface SetTimerAction {
  timerName: string;
  /** Deprecated by AWS but still accepted: a whole number of seconds. */
  seconds?: number;
  durationExpression?: string;
}

export interface TimerNameAction {
  timerName: string;
}

export interface SNSTopicPublishAction {
  targetArn: string;
  payload?: Payload;
}

export interface IotTopicPublishAction {
  mqttTopic: string;
  payload?: Payload;
}

export interface LambdaAction {
  functionArn: string;
  payload?: Payload;
}

export interface IotEventsAction {
  inputName: string;
  payload?: Payload;
}

export interface SqsAction {
  queueUrl: string;
  useBase64?: boolean;
  payload?: Payload;
}

export interface FirehoseAction {
  deliveryStreamName: string;
  separator?: string;
  payload?: Payload;
}

export interface DynamoDBAction {
  hashKeyType?: string;
  hashKeyField: string;
  hashKeyValue: string;
  rangeKeyType?: string;
  rangeKeyField?: string;
  rangeKeyValue?: string;
  operation?: string;
  payloadField?: string;
  tableName: string;
  payload?: Payload;
}

export interface DynamoDBv2Action {
  tableName: string;
  payload?: Payload;
}

export interface AssetPropertyVariant {
  stringValue?: string;
  integerValue?: string;
  doubleValue?: string;
  booleanValue?: string;
}

export interface AssetPropertyValue {
  value?: AssetPropertyVariant;
  timestamp?: { timeInSeconds: string; offsetInNanos?: string };
  quality?: string;
}

export interface IotSiteWiseAction {
  entryId?: string;
  assetId?: string;
  propertyId?: string;
  propertyAlias?: string;
  propertyValue?: AssetPropertyValue;
}

/** An action object: exactly one member may be set. */
export interface Action {
  setVariable?: SetVariableAction;
  sns?: SNSTopicPublishAction;
  iotTopicPublish?: IotTopicPublishAction;
  setTimer?: SetTimerAction;
  clearTimer?: TimerNameAction;
  resetTimer?: TimerNameAction;
  lambda?: LambdaAction;
  iotEvents?: IotEventsAction;
  sqs?: SqsAction;
  firehose?: FirehoseAction;
  dynamoDB?: DynamoDBAction;
  dynamoDBv2?: DynamoDBv2Action;
  iotSiteWise?: IotSiteWiseAction;
}

/** The action members AWS IoT Events knows, in the order of the API reference. */
export const ACTION_TYPES = [
  'setVariable', 'sns', 'iotTopicPublish', 'setTimer', 'clearTimer', 'resetTimer', 'lambda',
  'iotEvents', 'sqs', 'firehose', 'dynamoDB', 'dynamoDBv2', 'iotSiteWise',
] as const satisfies readonly (keyof Action)[];

/** One of the action member names. */
export type ActionType = (typeof ACTION_TYPES)[number];

/** The actions that leave the detector: everything but variables and timers. */
export type ExternalActionType = Exclude<ActionType, 'setVariable' | 'setTimer' | 'resetTimer' | 'clearTimer'>;

export interface Event {
  eventName: string;
  /** Missing means "true". */
  condition?: string;
  actions?: Action[];
}

export interface TransitionEvent {
  eventName: string;
  condition: string;
  actions?: Action[];
  nextState: string;
}

export interface State {
  stateName: string;
  onInput?: { events?: Event[]; transitionEvents?: TransitionEvent[] };
  onEnter?: { events?: Event[] };
  onExit?: { events?: Event[] };
}

export interface DetectorModelDefinition {
  states: State[];
  initialStateName: string;
}

export interface Tag {
  key: string;
  value: string;
}

/** The body of CreateDetectorModel, which is also the model file format of Vigil. */
export interface CreateDetectorModelRequest {
  detectorModelName: string;
  detectorModelDefinition: DetectorModelDefinition;
  detectorModelDescription?: string;
  /** Path into the message payload that names the detector instance; absent for a singleton. */
  key?: string;
  roleArn?: string;
  tags?: Tag[];
  evaluationMethod?: 'BATCH' | 'SERIAL';
}

/** One attribute an input declares: a dotted path with backtick-quoted segments. */
export interface Attribute {
  jsonPath: string;
}

/** The body of CreateInput. */
export interface CreateInputRequest {
  inputName: string;
  inputDescription?: string;
  inputDefinition: { attributes: Attribute[] };
  tags?: Tag[];
}
