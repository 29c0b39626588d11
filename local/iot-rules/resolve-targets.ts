import { asRecord, cfnBoolean, flattenCfnString, getAtt, type JsonRecord, type PseudoParameters } from './cfn-values';
import type { RuleTarget } from './types';

/** What target resolution needs to know about the service. */
export interface ServiceIndex {
  /** Lambda logical id (`IngestLambdaFunction`) → function key. */
  readonly byLogicalId: ReadonlyMap<string, string>;
  /** Deployed function name (`vigil-dev-ingest`) → function key. */
  readonly byDeployedName: ReadonlyMap<string, string>;
  /** `resources.Resources`. */
  readonly resources: JsonRecord;
  readonly pseudo: PseudoParameters;
}

/** Reports a problem with the action at hand; never returns. */
export type Fail = (description: string) => never;

const SUPPORTED = 'supported: Lambda, Sqs';

/**
 * Resolves one entry of `Actions` (or the `ErrorAction`) to a local target. An entry holds exactly
 * one action type (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-iot-topicrule-action.html).
 */
export function resolveAction(action: unknown, where: string, service: ServiceIndex, fail: Fail): RuleTarget {
  const record = asRecord(action);
  const keys = record ? Object.keys(record) : [];
  if (!record || keys.length !== 1) fail(`${where} must hold exactly one action type (${SUPPORTED})`);
  const [type] = keys;
  const properties = asRecord(record[type]) ?? fail(`${where}.${type} must be an object`);
  if (type === 'Lambda') return { type: 'lambda', functionKey: resolveFunction(properties.FunctionArn, `${where}.Lambda.FunctionArn`, service, fail) };
  if (type === 'Sqs') {
    const useBase64 = properties.UseBase64 === undefined ? false : cfnBoolean(properties.UseBase64);
    if (useBase64 === undefined) fail(`${where}.Sqs.UseBase64 must be true or false`);
    return { type: 'sqs', queueName: resolveQueue(properties.QueueUrl, `${where}.Sqs.QueueUrl`, service, fail), useBase64 };
  }
  return fail(`unsupported action '${type}' in ${where} (${SUPPORTED})`);
}

// A FunctionArn is `Fn::GetAtt: [<Fn>LambdaFunction, Arn]` (what Serverless writes, joined with an
// alias name when the function has one), or an ARN whose function name is one of this service's.
function resolveFunction(arn: unknown, where: string, service: ServiceIndex, fail: Fail): string {
  const join = asRecord(arn)?.['Fn::Join'];
  const target = Array.isArray(join) && Array.isArray(join[1]) && getAtt(join[1][0]) ? join[1][0] : arn;
  const attribute = getAtt(target);
  if (attribute) {
    const [logicalId, name] = attribute;
    const key = service.byLogicalId.get(logicalId);
    if (key !== undefined && name === 'Arn') return key;
    if (asRecord(service.resources[logicalId])?.Type === 'AWS::Lambda::Function') {
      fail(`${where} points at ${logicalId}, a raw AWS::Lambda::Function resource; the local stack runs only the functions under 'functions'`);
    }
    return fail(`${where} points at ${logicalId}.${name}, which is not the Arn of a function of this service`);
  }
  const text = flattenCfnString(arn, service.pseudo) ?? fail(`${where} is neither Fn::GetAtt [<Fn>LambdaFunction, Arn] nor a literal ARN`);
  // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]; anything else: its last segment.
  const parts = text.split(':');
  const functionAt = parts.indexOf('function');
  const name = functionAt >= 0 && functionAt + 1 < parts.length ? parts[functionAt + 1] : parts[parts.length - 1];
  return service.byDeployedName.get(name) ?? fail(`${where} names function '${name}', which is not a function of this service`);
}

// A QueueUrl is `Ref: <Queue>` (a queue's Ref is its URL), `Fn::GetAtt: [<Queue>, QueueUrl]` or a
// URL whose last path segment is the queue name.
function resolveQueue(url: unknown, where: string, service: ServiceIndex, fail: Fail): string {
  const ref = asRecord(url)?.Ref;
  const attribute = getAtt(url);
  const logicalId = typeof ref === 'string' ? ref : attribute?.[1] === 'QueueUrl' ? attribute[0] : undefined;
  if (logicalId !== undefined) {
    const resource = asRecord(service.resources[logicalId]);
    if (resource?.Type !== 'AWS::SQS::Queue') fail(`${where} refers to ${logicalId}, which is not an AWS::SQS::Queue in resources.Resources`);
    const properties = asRecord(resource.Properties) ?? {};
    const name = flattenCfnString(properties.QueueName, service.pseudo);
    if (name === undefined) fail(`${where}: queue ${logicalId} needs a literal QueueName so the local stack can create it by name`);
    return checkStandard(name, cfnBoolean(properties.FifoQueue) === true, where, fail);
  }
  const text = flattenCfnString(url, service.pseudo) ?? fail(`${where} is neither Ref <Queue> nor a literal queue URL`);
  const name = text.replace(/\/+$/, '').split('/').pop() ?? '';
  if (name.length === 0 || text === name) fail(`${where} '${text}' is not a queue URL`);
  return checkStandard(name, false, where, fail);
}

// spec lifecycle-events.md §3.13: the IoT SQS action supports no FIFO queues.
function checkStandard(name: string, fifo: boolean, where: string, fail: Fail): string {
  if (fifo || name.endsWith('.fifo')) fail(`${where}: queue '${name}' is a FIFO queue, which the AWS IoT SQS action does not support`);
  return name;
}
