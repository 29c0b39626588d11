import type { InputReference } from '../expression';
import { issue, isObject, type CheckedExpression, type ModelContext } from './check-context';
import { IDENTIFIER, checkEnum, checkObject, checkString, describeJson, type StringRule } from './check-fields';
import type { ModelIssue } from './issues';
import type { ActionType } from './types';

// Field rules from the SDK model and the API reference pages, e.g.
// https://docs.aws.amazon.com/iotevents/latest/apireference/API_Action.html

/** The field that says where each AWS-service action sends its data, and what it accepts. */
const TARGETS: Readonly<Partial<Record<ActionType, readonly [string, StringRule]>>> = {
  sns: ['targetArn', { required: true, min: 1, max: 2048 }],
  iotTopicPublish: ['mqttTopic', { required: true, min: 1, max: 128 }],
  lambda: ['functionArn', { required: true, min: 1, max: 2048 }],
  iotEvents: ['inputName', { ...IDENTIFIER, required: true }],
  sqs: ['queueUrl', { required: true, min: 1 }],
  firehose: ['deliveryStreamName', { required: true, min: 1 }],
  dynamoDB: ['tableName', { required: true }],
  dynamoDBv2: ['tableName', { required: true }],
};

/** DynamoDB fields besides `tableName`; all are expressions, so an empty one is a syntax error, not checked here. */
const DYNAMODB_FIELDS: readonly (readonly [string, boolean])[] = [
  ['hashKeyField', true], ['hashKeyValue', true], ['hashKeyType', false], ['rangeKeyField', false],
  ['rangeKeyValue', false], ['rangeKeyType', false], ['operation', false], ['payloadField', false],
];
const SITEWISE_VALUES = ['stringValue', 'integerValue', 'doubleValue', 'booleanValue'] as const;
const FIREHOSE_SEPARATORS = ['\n', '\t', '\r\n', ','];

/** Checks the body of an AWS-service action (everything but the variable and timer actions). */
export function checkServiceAction(type: ActionType, body: Record<string, unknown>, path: string, issues: ModelIssue[]): void {
  const target = TARGETS[type];
  if (target) issues.push(...checkString(body[target[0]], `${path}.${target[0]}`, target[1]));
  if (type === 'sqs' && body.useBase64 !== undefined && typeof body.useBase64 !== 'boolean') {
    issues.push(issue('structure', 'ERROR', `${path}.useBase64`, `useBase64 must be true or false, not ${describeJson(body.useBase64)}`));
  }
  if (type === 'firehose') issues.push(...checkEnum(body.separator, `${path}.separator`, FIREHOSE_SEPARATORS));
  if (type === 'dynamoDB') {
    for (const [field, required] of DYNAMODB_FIELDS) issues.push(...checkString(body[field], `${path}.${field}`, { required }));
  }
  if (type === 'iotSiteWise') checkSiteWise(body, path, issues);
  else checkPayload(body.payload, `${path}.payload`, type === 'dynamoDBv2', issues);
}

// https://docs.aws.amazon.com/iotevents/latest/apireference/API_Payload.html
function checkPayload(value: unknown, path: string, jsonOnly: boolean, issues: ModelIssue[]): void {
  const payload = checkObject(value, path, issues);
  if (!payload) return;
  const content = payload.contentExpression;
  if (typeof content !== 'string') {
    issues.push(...checkString(content, `${path}.contentExpression`, { required: true }));
  } else if (content.trim() === '') {
    issues.push(issue('expression-syntax', 'ERROR', `${path}.contentExpression`,
      'Customized Payloads must be non-empty: give an expression such as \'{"alarm": "on"}\', or remove payload to send the default one'));
  }
  issues.push(...checkEnum(payload.type, `${path}.type`, ['STRING', 'JSON'], true));
  if (jsonOnly && payload.type === 'STRING') {
    issues.push(issue('structure', 'ERROR', `${path}.type`, 'dynamoDBv2 writes each top-level payload attribute to its own column, so payload.type must be "JSON"'));
  }
}

// https://docs.aws.amazon.com/iotevents/latest/apireference/API_IotSiteWiseAction.html
function checkSiteWise(body: Record<string, unknown>, path: string, issues: ModelIssue[]): void {
  for (const field of ['entryId', 'assetId', 'propertyId', 'propertyAlias']) issues.push(...checkString(body[field], `${path}.${field}`, {}));
  const byIds = body.assetId !== undefined && body.propertyId !== undefined;
  if (body.propertyAlias === undefined && !byIds) {
    issues.push(issue('structure', 'ERROR', path, 'iotSiteWise must name the asset property: give propertyAlias, or both assetId and propertyId'));
  }
  // The SDK model leaves propertyValue optional, so its absence is only a warning: the action cannot send anything.
  const property = checkObject(body.propertyValue, `${path}.propertyValue`, issues);
  if (body.propertyValue === undefined) {
    issues.push(issue('structure', 'WARNING', `${path}.propertyValue`, 'propertyValue is missing, so the action has no value to send to AWS IoT SiteWise'));
  }
  if (!property) return;
  const value = checkObject(property.value, `${path}.propertyValue.value`, issues);
  if (property.value === undefined) {
    issues.push(issue('structure', 'WARNING', `${path}.propertyValue.value`, 'propertyValue.value is missing, so the action has no value to send to AWS IoT SiteWise'));
  }
  if (value) {
    const set = SITEWISE_VALUES.filter((slot) => value[slot] !== undefined);
    if (set.length !== 1) {
      const got = set.length ? `this one sets ${set.join(' and ')}` : 'this one sets none';
      issues.push(issue('structure', 'ERROR', `${path}.propertyValue.value`, `set exactly one of ${SITEWISE_VALUES.join(', ')}; ${got}`));
    }
    for (const slot of SITEWISE_VALUES) issues.push(...checkString(value[slot], `${path}.propertyValue.value.${slot}`, {}));
  }
  const timestamp = checkObject(property.timestamp, `${path}.propertyValue.timestamp`, issues);
  if (timestamp) {
    issues.push(...checkString(timestamp.timeInSeconds, `${path}.propertyValue.timestamp.timeInSeconds`, { required: true }));
    issues.push(...checkString(timestamp.offsetInNanos, `${path}.propertyValue.timestamp.offsetInNanos`, {}));
  }
  issues.push(...checkString(property.quality, `${path}.propertyValue.quality`, {}));
}

/** Where an action sends, by field: a device must not choose it (the message of decision D10). */
const CHOSEN_TARGETS: Readonly<Record<string, string>> = {
  targetArn: 'SNS topic',
  functionArn: 'Lambda function',
  queueUrl: 'SQS queue',
  mqttTopic: 'MQTT topic',
  tableName: 'DynamoDB table',
  deliveryStreamName: 'Firehose stream',
};

/**
 * Warns about action targets (`targetArn`, `functionArn`, `queueUrl`, `mqttTopic`, `tableName`,
 * `deliveryStreamName`) that are expressions reading message data — `$input`, or a variable set from
 * it, however indirectly: whoever sends that input then chooses where the action goes, among
 * everything the model's role allows. A WARNING, not an ERROR: AWS accepted such models, and the
 * input may come from a trusted source.
 */
export function checkDeviceChosenTargets(context: ModelContext): ModelIssue[] {
  const fromMessages = variablesFromMessages(context);
  return context.expressions.flatMap(({ site, references }) => {
    const field = site.path.slice(site.path.lastIndexOf('.') + 1);
    if ((site.role !== 'target' && site.role !== 'field') || !(field in CHOSEN_TARGETS) || !references) return [];
    const input = references.inputs[0];
    const variable = references.variables.find((reference) => fromMessages.has(reference.name));
    if (!input && !variable) return [];
    const source = input ? `reads ${describeInput(input)}` : `reads $variable.${variable?.name}, which is set from message data`;
    return [
      issue('referenced-resource', 'WARNING', site.path,
        `${field} ${source}, so whoever sends that input chooses the ${CHOSEN_TARGETS[field]} this action goes to (any the model's role allows); ` +
        'name the target literally, or build it only from values devices cannot set', (input ?? variable)?.span),
    ];
  });
}

/** The variables whose value can come from a message: set from `$input`, or from such a variable. */
function variablesFromMessages(context: ModelContext): Set<string> {
  const sets: { name: string; expression: CheckedExpression }[] = [];
  for (const expression of context.expressions) {
    const body = expression.site.role === 'value' ? expression.site.action?.action.setVariable : undefined;
    if (isObject(body) && typeof body.variableName === 'string') sets.push({ name: body.variableName, expression });
  }
  const tainted = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const { name, expression } of sets) {
      const references = expression.references;
      if (tainted.has(name) || !references) continue;
      if (references.inputs.length > 0 || references.variables.some((reference) => tainted.has(reference.name))) {
        tainted.add(name);
        grew = true;
      }
    }
  }
  return tainted;
}

function describeInput(reference: InputReference): string {
  return `$input.${reference.input}${reference.path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('')}`;
}
