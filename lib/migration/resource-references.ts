import { member, type CfnObject, type CfnValue } from './template';

/** Resolves a property of the referenced resource to text, or undefined when it cannot. */
export type PropertyText = (value: CfnValue | undefined) => string | undefined;

/** What `Ref` and `Fn::GetAtt` of a resource give, built from its properties; undefined when they do not say. */
type Reference = (properties: CfnObject | undefined, text: PropertyText, logicalId: string) => string | undefined;

interface ResourceReferences {
  readonly ref: Reference;
  readonly attributes: Readonly<Record<string, Reference>>;
  /** The property holding the name; without it CloudFormation generates one and nothing can be said. */
  readonly nameProperty: string;
}

const named = (property: string): Reference => (properties, text) => text(member(properties, property));
const arn = (service: string, regional: boolean, prefix: string, property: string): Reference => (properties, text) => {
  const name = text(member(properties, property));
  return name === undefined ? undefined : `arn:\${AWS::Partition}:${service}:${regional ? '${AWS::Region}' : ''}:\${AWS::AccountId}:${prefix}${name}`;
};
const queueUrl: Reference = (properties, text) => {
  const name = text(member(properties, 'QueueName'));
  return name === undefined ? undefined : `https://sqs.\${AWS::Region}.amazonaws.com/\${AWS::AccountId}/${name}`;
};
const roleArn: Reference = (properties, text) => {
  const name = text(member(properties, 'RoleName'));
  const path = member(properties, 'Path') === undefined ? '/' : text(member(properties, 'Path'));
  return name === undefined || path === undefined ? undefined : `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role${path}${name}`;
};
// An IoT Events resource without a name is imported under its logical id (and a warning), so a
// reference to it names what the import wrote.
const iotEvents = (property: string): ResourceReferences => ({
  ref: (properties, text, logicalId) => (member(properties, property) === undefined ? logicalId : text(member(properties, property))),
  attributes: {},
  nameProperty: property,
});

/**
 * The resource types whose `Ref` and attributes the import can write without deploying, when the
 * template names the resource (their return values, from each type's CloudFormation reference):
 * the IoT Events resources themselves, and the targets and roles detector models name. An ARN is
 * written with Vigil's placeholders (`${AWS::Region}`, …), filled when the model is loaded.
 */
export const RESOURCE_REFERENCES: Readonly<Record<string, ResourceReferences>> = {
  'AWS::IoTEvents::Input': iotEvents('InputName'),
  'AWS::IoTEvents::DetectorModel': iotEvents('DetectorModelName'),
  'AWS::IoTEvents::AlarmModel': iotEvents('AlarmModelName'),
  'AWS::SNS::Topic': {
    ref: arn('sns', true, '', 'TopicName'),
    attributes: { TopicArn: arn('sns', true, '', 'TopicName'), TopicName: named('TopicName') },
    nameProperty: 'TopicName',
  },
  'AWS::SQS::Queue': {
    ref: queueUrl,
    attributes: { QueueUrl: queueUrl, Arn: arn('sqs', true, '', 'QueueName'), QueueName: named('QueueName') },
    nameProperty: 'QueueName',
  },
  'AWS::Lambda::Function': { ref: named('FunctionName'), attributes: { Arn: arn('lambda', true, 'function:', 'FunctionName') }, nameProperty: 'FunctionName' },
  'AWS::IAM::Role': { ref: named('RoleName'), attributes: { Arn: roleArn }, nameProperty: 'RoleName' },
  'AWS::DynamoDB::Table': { ref: named('TableName'), attributes: { Arn: arn('dynamodb', true, 'table/', 'TableName') }, nameProperty: 'TableName' },
  'AWS::KinesisFirehose::DeliveryStream': {
    ref: named('DeliveryStreamName'),
    attributes: { Arn: arn('firehose', true, 'deliverystream/', 'DeliveryStreamName') },
    nameProperty: 'DeliveryStreamName',
  },
};
