import { SCALAR, listOf, readOnlyMembers, structure, type MembersOf, type StructureShape } from './shape';
import type {
  Action,
  AssetPropertyValue,
  AssetPropertyVariant,
  Attribute,
  CreateDetectorModelRequest,
  CreateInputRequest,
  DetectorModelDefinition,
  DynamoDBAction,
  DynamoDBv2Action,
  Event,
  FirehoseAction,
  IotEventsAction,
  IotSiteWiseAction,
  IotTopicPublishAction,
  LambdaAction,
  Payload,
  SetTimerAction,
  SetVariableAction,
  SNSTopicPublishAction,
  SqsAction,
  State,
  Tag,
  TimerNameAction,
  TransitionEvent,
} from './types';
import { ACTION_TYPES } from './types';

// One declaration per shape of the AWS IoT Events control plane (botocore iotevents/2018-07-27;
// https://docs.aws.amazon.com/iotevents/latest/apireference/API_Types.html). `satisfies
// MembersOf<…>` ties each to its TypeScript interface in types.ts, and a test compares them with
// the AWS SDK's own schemas, so neither can drift.

const PAYLOAD = structure('Payload', { contentExpression: SCALAR, type: SCALAR } satisfies MembersOf<Payload>);
const TIMER_NAME = { timerName: SCALAR } satisfies MembersOf<TimerNameAction>;

const ASSET_PROPERTY_VALUE = structure('AssetPropertyValue', {
  value: structure('AssetPropertyVariant', { stringValue: SCALAR, integerValue: SCALAR, doubleValue: SCALAR, booleanValue: SCALAR } satisfies MembersOf<AssetPropertyVariant>),
  timestamp: structure('AssetPropertyTimestamp', { timeInSeconds: SCALAR, offsetInNanos: SCALAR } satisfies MembersOf<AssetPropertyValue['timestamp']>),
  quality: SCALAR,
} satisfies MembersOf<AssetPropertyValue>);

/** The body of each action type. */
const ACTION_BODIES = {
  setVariable: structure('SetVariableAction', { variableName: SCALAR, value: SCALAR } satisfies MembersOf<SetVariableAction>),
  sns: structure('SNSTopicPublishAction', { targetArn: SCALAR, payload: PAYLOAD } satisfies MembersOf<SNSTopicPublishAction>),
  iotTopicPublish: structure('IotTopicPublishAction', { mqttTopic: SCALAR, payload: PAYLOAD } satisfies MembersOf<IotTopicPublishAction>),
  setTimer: structure('SetTimerAction', { timerName: SCALAR, seconds: SCALAR, durationExpression: SCALAR } satisfies MembersOf<SetTimerAction>),
  clearTimer: structure('ClearTimerAction', TIMER_NAME),
  resetTimer: structure('ResetTimerAction', TIMER_NAME),
  lambda: structure('LambdaAction', { functionArn: SCALAR, payload: PAYLOAD } satisfies MembersOf<LambdaAction>),
  iotEvents: structure('IotEventsAction', { inputName: SCALAR, payload: PAYLOAD } satisfies MembersOf<IotEventsAction>),
  sqs: structure('SqsAction', { queueUrl: SCALAR, useBase64: SCALAR, payload: PAYLOAD } satisfies MembersOf<SqsAction>),
  firehose: structure('FirehoseAction', { deliveryStreamName: SCALAR, separator: SCALAR, payload: PAYLOAD } satisfies MembersOf<FirehoseAction>),
  dynamoDB: structure('DynamoDBAction', {
    hashKeyField: SCALAR, hashKeyValue: SCALAR, tableName: SCALAR, hashKeyType: SCALAR, rangeKeyType: SCALAR,
    rangeKeyField: SCALAR, rangeKeyValue: SCALAR, operation: SCALAR, payloadField: SCALAR, payload: PAYLOAD,
  } satisfies MembersOf<DynamoDBAction>),
  dynamoDBv2: structure('DynamoDBv2Action', { tableName: SCALAR, payload: PAYLOAD } satisfies MembersOf<DynamoDBv2Action>),
  iotSiteWise: structure('IotSiteWiseAction', {
    entryId: SCALAR, assetId: SCALAR, propertyId: SCALAR, propertyAlias: SCALAR, propertyValue: ASSET_PROPERTY_VALUE,
  } satisfies MembersOf<IotSiteWiseAction>),
} satisfies MembersOf<Action>;

/** `Action`: an unknown member is an unsupported action type, as AWS's analysis reported it. */
export const ACTION = structure('Action', ACTION_BODIES, {
  unknown: {
    type: 'supported-actions',
    describe: (member, near) => `unknown action type '${member}'; ${near ? `did you mean '${near}'?` : `supported: ${ACTION_TYPES.join(', ')}`}`,
  },
});

const ACTIONS = listOf(ACTION);
const EVENTS = listOf(structure('Event', { eventName: SCALAR, condition: SCALAR, actions: ACTIONS } satisfies MembersOf<Event>));
const TRANSITION_EVENTS = listOf(structure('TransitionEvent', { eventName: SCALAR, condition: SCALAR, nextState: SCALAR, actions: ACTIONS } satisfies MembersOf<TransitionEvent>));

const STATE = structure('State', {
  stateName: SCALAR,
  onInput: structure('OnInputLifecycle', { events: EVENTS, transitionEvents: TRANSITION_EVENTS } satisfies MembersOf<State['onInput']>),
  onEnter: structure('OnEnterLifecycle', { events: EVENTS } satisfies MembersOf<State['onEnter']>),
  onExit: structure('OnExitLifecycle', { events: EVENTS } satisfies MembersOf<State['onExit']>),
} satisfies MembersOf<State>);

/** `DetectorModelDefinition`; issues inside it have paths relative to it, as AWS's analysis reports them. */
const DETECTOR_MODEL_DEFINITION = structure('DetectorModelDefinition', { states: listOf(STATE), initialStateName: SCALAR } satisfies MembersOf<DetectorModelDefinition>, { pathRoot: true });

const TAGS = listOf(structure('Tag', { key: SCALAR, value: SCALAR } satisfies MembersOf<Tag>));

/** What DescribeDetectorModel returns about a version besides its definition. */
const DETECTOR_MODEL_CONFIGURATION = structure('DetectorModelConfiguration', {
  detectorModelName: SCALAR, detectorModelVersion: SCALAR, detectorModelDescription: SCALAR, detectorModelArn: SCALAR, roleArn: SCALAR,
  creationTime: SCALAR, lastUpdateTime: SCALAR, status: SCALAR, key: SCALAR, evaluationMethod: SCALAR,
});

const CREATE_DETECTOR_MODEL_MEMBERS = {
  detectorModelName: SCALAR, detectorModelDefinition: DETECTOR_MODEL_DEFINITION, detectorModelDescription: SCALAR,
  key: SCALAR, roleArn: SCALAR, tags: TAGS, evaluationMethod: SCALAR,
} satisfies MembersOf<CreateDetectorModelRequest>;

// A model file exported from AWS may carry what DescribeDetectorModel returned: harmless, since
// nothing reads it, so a warning rather than a refusal (docs/decisions.md D18).
const MODEL_READ_ONLY = {
  names: ['detectorModelConfiguration', ...readOnlyMembers(DETECTOR_MODEL_CONFIGURATION, CREATE_DETECTOR_MODEL_MEMBERS)],
  reason: 'read-only: DescribeDetectorModel returns it, CreateDetectorModel and UpdateDetectorModel do not take it',
};

/** The body of CreateDetectorModel (and Vigil's model file format). */
export const CREATE_DETECTOR_MODEL_REQUEST = structure('CreateDetectorModelRequest', CREATE_DETECTOR_MODEL_MEMBERS, { ignored: MODEL_READ_ONLY });

/** The body of UpdateDetectorModel: no key and no tags (neither can change). `detectorModelName` is the path's. */
export const UPDATE_DETECTOR_MODEL_REQUEST = structure('UpdateDetectorModelRequest', {
  detectorModelName: SCALAR, detectorModelDefinition: DETECTOR_MODEL_DEFINITION, detectorModelDescription: SCALAR, roleArn: SCALAR, evaluationMethod: SCALAR,
}, { ignored: MODEL_READ_ONLY });

/** The body of StartDetectorModelAnalysis. */
export const START_DETECTOR_MODEL_ANALYSIS_REQUEST = structure('StartDetectorModelAnalysisRequest', { detectorModelDefinition: DETECTOR_MODEL_DEFINITION });

const INPUT_DEFINITION = structure('InputDefinition', { attributes: listOf(structure('Attribute', { jsonPath: SCALAR } satisfies MembersOf<Attribute>)) });

/** What DescribeInput returns about an input besides its definition. */
const INPUT_CONFIGURATION = structure('InputConfiguration', {
  inputName: SCALAR, inputDescription: SCALAR, inputArn: SCALAR, creationTime: SCALAR, lastUpdateTime: SCALAR, status: SCALAR,
});

const CREATE_INPUT_MEMBERS = { inputName: SCALAR, inputDescription: SCALAR, inputDefinition: INPUT_DEFINITION, tags: TAGS } satisfies MembersOf<CreateInputRequest>;

const INPUT_READ_ONLY = {
  names: ['inputConfiguration', ...readOnlyMembers(INPUT_CONFIGURATION, CREATE_INPUT_MEMBERS)],
  reason: 'read-only: DescribeInput returns it, CreateInput and UpdateInput do not take it',
};

/** The body of CreateInput (and of each entry of Vigil's inputs files). */
export const CREATE_INPUT_REQUEST = structure('CreateInputRequest', CREATE_INPUT_MEMBERS, { ignored: INPUT_READ_ONLY });

/** The body of UpdateInput: no tags. `inputName` is the path's. */
export const UPDATE_INPUT_REQUEST = structure('UpdateInputRequest', { inputName: SCALAR, inputDefinition: INPUT_DEFINITION, inputDescription: SCALAR }, { ignored: INPUT_READ_ONLY });

/** The body of ListInputRoutings. */
export const LIST_INPUT_ROUTINGS_REQUEST = structure('ListInputRoutingsRequest', {
  inputIdentifier: structure('InputIdentifier', {
    iotEventsInputIdentifier: structure('IotEventsInputIdentifier', { inputName: SCALAR }),
    iotSiteWiseInputIdentifier: structure('IotSiteWiseInputIdentifier', {
      iotSiteWiseAssetModelPropertyIdentifier: structure('IotSiteWiseAssetModelPropertyIdentifier', { assetModelId: SCALAR, propertyId: SCALAR }),
    }),
  }),
  maxResults: SCALAR,
  nextToken: SCALAR,
});

/** Every top-level shape declared here: the request bodies and the Describe outputs whose members are read-only (a test compares each with the SDK's schemas). */
export const CONTROL_PLANE_SHAPES: readonly StructureShape[] = [
  CREATE_DETECTOR_MODEL_REQUEST, UPDATE_DETECTOR_MODEL_REQUEST, START_DETECTOR_MODEL_ANALYSIS_REQUEST,
  CREATE_INPUT_REQUEST, UPDATE_INPUT_REQUEST, LIST_INPUT_ROUTINGS_REQUEST, DETECTOR_MODEL_CONFIGURATION, INPUT_CONFIGURATION,
];
