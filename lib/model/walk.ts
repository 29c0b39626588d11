import type { Action, ActionType, DetectorModelDefinition, Event, ExternalActionType, Payload, State, TransitionEvent } from './types';
import { ACTION_TYPES } from './types';

/** The three lifecycles of a state, by their AWS names. */
export type LifecycleName = 'onEnter' | 'onInput' | 'onExit';

/** An event or transition event, where it sits, and its JSON path (AWS analysis style). */
export interface EventSite {
  readonly state: State;
  readonly stateIndex: number;
  readonly lifecycle: LifecycleName;
  readonly transition: boolean;
  readonly event: Event | TransitionEvent;
  readonly index: number;
  /** e.g. `states[1].onInput.transitionEvents[0]`. */
  readonly path: string;
}

/** An action object inside an event. `type` is its first set member, if any. */
export interface ActionSite {
  readonly event: EventSite;
  readonly action: Action;
  readonly index: number;
  readonly path: string;
  /** The action members that are set (exactly one in a valid model). */
  readonly types: readonly ActionType[];
}

/** What an expression is used for; decides how its result is checked. */
export type ExpressionRole = 'condition' | 'value' | 'duration' | 'payload' | 'field' | 'target';

/** One expression in a model: its text, role and JSON path. */
export interface ExpressionSite {
  readonly path: string;
  readonly source: string;
  readonly role: ExpressionRole;
  readonly event: EventSite;
  readonly action?: ActionSite;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** Every event and transition event of a definition, in document order. Tolerates malformed JSON. */
export function listEvents(definition: DetectorModelDefinition): EventSite[] {
  const sites: EventSite[] = [];
  list<State>(definition?.states).forEach((state, stateIndex) => {
    if (!isObject(state)) return;
    const base = `states[${stateIndex}]`;
    const push = (lifecycle: LifecycleName, transition: boolean, events: unknown) =>
      list<Event>(events).forEach((event, index) => {
        if (!isObject(event)) return;
        const member = transition ? 'transitionEvents' : 'events';
        sites.push({ state, stateIndex, lifecycle, transition, event, index, path: `${base}.${lifecycle}.${member}[${index}]` });
      });
    push('onEnter', false, isObject(state.onEnter) ? state.onEnter.events : undefined);
    push('onInput', false, isObject(state.onInput) ? state.onInput.events : undefined);
    push('onInput', true, isObject(state.onInput) ? state.onInput.transitionEvents : undefined);
    push('onExit', false, isObject(state.onExit) ? state.onExit.events : undefined);
  });
  return sites;
}

/** Every action object of a definition, in document order. */
export function listActions(definition: DetectorModelDefinition): ActionSite[] {
  return listEvents(definition).flatMap((event) =>
    list<Action>(event.event.actions)
      .map((action, index) => ({ action, index }))
      .filter(({ action }) => isObject(action))
      .map(({ action, index }) => ({
        event,
        action,
        index,
        path: `${event.path}.actions[${index}]`,
        types: ACTION_TYPES.filter((type) => action[type] !== undefined),
      })),
  );
}

/**
 * Fields that AWS examples write as plain text (an ARN, a URL, a name) but that the docs allow to
 * be expressions. They are treated as expressions only when they look like one (spec §5.0).
 */
export const TARGET_FIELDS: Readonly<Partial<Record<ExternalActionType, string>>> = {
  sns: 'targetArn',
  iotTopicPublish: 'mqttTopic',
  lambda: 'functionArn',
  iotEvents: 'inputName',
  sqs: 'queueUrl',
  firehose: 'deliveryStreamName',
};

/** Fields that are always expressions (DynamoDB, DynamoDBv2 and SiteWise: "you must use expressions"). */
export const EXPRESSION_FIELDS: Readonly<Partial<Record<ExternalActionType, readonly string[]>>> = {
  dynamoDB: ['hashKeyType', 'hashKeyField', 'hashKeyValue', 'rangeKeyType', 'rangeKeyField', 'rangeKeyValue', 'operation', 'payloadField', 'tableName'],
  dynamoDBv2: ['tableName'],
  iotSiteWise: [
    'entryId', 'assetId', 'propertyId', 'propertyAlias',
    'propertyValue.value.stringValue', 'propertyValue.value.integerValue', 'propertyValue.value.doubleValue',
    'propertyValue.value.booleanValue', 'propertyValue.timestamp.timeInSeconds', 'propertyValue.timestamp.offsetInNanos',
    'propertyValue.quality',
  ],
};

/**
 * True when a target field's text is an expression: it starts with a quote, `$`, `(` or a function
 * call. `arn:aws:sns:…`, `https://sqs…`, `hvac/Heating/Off` are literals;
 * `'alerts/' + $variable.id` is an expression.
 */
export function looksLikeExpression(text: string): boolean {
  return /^\s*(['"$(]|[a-zA-Z]\w*\s*\()/.test(text);
}

/** Reads a dotted field path inside an action body. */
export function readField(body: unknown, field: string): unknown {
  let target = body;
  for (const key of field.split('.')) target = isObject(target) ? target[key] : undefined;
  return target;
}

/** Every expression in a definition with its role and path: conditions first, then action fields. */
export function listExpressions(definition: DetectorModelDefinition): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  for (const event of listEvents(definition)) {
    const { condition } = event.event;
    if (typeof condition === 'string') sites.push({ path: `${event.path}.condition`, source: condition, role: 'condition', event });
  }
  for (const action of listActions(definition)) {
    const add = (field: string, role: ExpressionRole, source: unknown) => {
      if (typeof source === 'string') sites.push({ path: `${action.path}.${field}`, source, role, event: action.event, action });
    };
    for (const type of action.types) {
      const body = action.action[type] as Record<string, unknown> | undefined;
      if (!isObject(body)) continue;
      if (type === 'setVariable') add('setVariable.value', 'value', body.value);
      if (type === 'setTimer') add('setTimer.durationExpression', 'duration', body.durationExpression);
      for (const found of actionExpressions(type, body)) add(found.field, found.role, found.source);
    }
  }
  return sites;
}

/** An expression inside an action body: its field path (`sns.payload.contentExpression`), role and text. */
export interface ActionExpression {
  readonly field: string;
  readonly role: ExpressionRole;
  readonly source: string;
}

/**
 * The expressions of an external action's body (detector or alarm action): a target field that
 * looks like an expression, the fields that always are, and the custom payload.
 */
export function actionExpressions(type: ActionType, body: Record<string, unknown>): ActionExpression[] {
  const found: ActionExpression[] = [];
  const add = (field: string, role: ExpressionRole, source: unknown) => {
    if (typeof source === 'string') found.push({ field, role, source });
  };
  const target = TARGET_FIELDS[type as ExternalActionType];
  if (target && typeof body[target] === 'string' && looksLikeExpression(body[target] as string)) add(`${type}.${target}`, 'target', body[target]);
  for (const field of EXPRESSION_FIELDS[type as ExternalActionType] ?? []) add(`${type}.${field}`, 'field', readField(body, field));
  if (isObject(body.payload)) add(`${type}.payload.contentExpression`, 'payload', (body.payload as Partial<Payload>).contentExpression);
  return found;
}
