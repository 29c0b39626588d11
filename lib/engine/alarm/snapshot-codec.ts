import { MAX_STORED_JSON_DEPTH, parseTypedJson, stringifyTypedJson } from '../../expression';
import { COMPARISON_OPERATORS } from '../../model';
import { toAlarmSnapshot } from './working';
import { ALARM_STATES, type AlarmSnapshot, type CustomerAction, type CustomerActionName, type RetainedThreshold } from './snapshot';

/** Format version of the serialised alarm snapshot; bump when the layout changes. */
const FORMAT = 1n;
const CONFIGURATION: Readonly<Record<CustomerActionName, string>> = {
  ACKNOWLEDGE: 'acknowledgeActionConfiguration',
  SNOOZE: 'snoozeActionConfiguration',
  DISABLE: 'disableActionConfiguration',
  ENABLE: 'enableActionConfiguration',
  RESET: 'resetActionConfiguration',
};

/**
 * Serialises an alarm snapshot to compact typed JSON for storage: one-letter members, the state
 * and operator as their index, the customer action as a tuple, members without a value left out,
 * the retained threshold keeping its Integer/Decimal type. An instance stays near 150 bytes, so
 * its item and outbox fit one DynamoDB write unit. The inverse of {@link deserializeAlarmSnapshot}.
 */
export function serializeAlarmSnapshot(snapshot: AlarmSnapshot): string {
  const rule = snapshot.ruleEvaluation;
  const action = snapshot.customerAction;
  return stringifyTypedJson({
    f: FORMAT,
    m: snapshot.alarmModelName,
    v: snapshot.alarmModelVersion,
    k: snapshot.keyValue,
    s: BigInt(ALARM_STATES.indexOf(snapshot.stateName)),
    p: snapshot.severity === undefined ? undefined : BigInt(snapshot.severity),
    r: rule && [rule.inputPropertyValue, BigInt(COMPARISON_OPERATORS.indexOf(rule.operator)), rule.thresholdValue],
    a: action && customerActionTuple(action),
    e: snapshot.systemEvent ? 1n : undefined,
    z: snapshot.snoozeDueAt === undefined ? undefined : BigInt(snapshot.snoozeDueAt),
    t: snapshot.threshold && [snapshot.threshold.source, snapshot.threshold.value],
    n: BigInt(snapshot.sequence),
    c: BigInt(snapshot.creationTime),
    u: BigInt(snapshot.lastUpdateTime),
  });
}

function customerActionTuple(action: CustomerAction): unknown[] {
  const configuration = (action as unknown as Record<string, { note?: string; snoozeDuration?: number }>)[CONFIGURATION[action.actionName]];
  const tuple: unknown[] = [action.actionName, configuration.note ?? null];
  if (configuration.snoozeDuration !== undefined) tuple.push(BigInt(configuration.snoozeDuration));
  return tuple;
}

/** Reads a snapshot written by {@link serializeAlarmSnapshot}. @throws SyntaxError on corrupt data. */
export function deserializeAlarmSnapshot(text: string): AlarmSnapshot {
  const raw = parseTypedJson(text, MAX_STORED_JSON_DEPTH) as Record<string, unknown>;
  if (raw.f !== FORMAT) throw new SyntaxError(`unknown alarm snapshot format ${String(raw.f)}`);
  const stateName = ALARM_STATES[Number(raw.s)];
  if (stateName === undefined) throw new SyntaxError(`unknown alarm state ${String(raw.s)}`);
  const rule = raw.r as [string, bigint, string] | undefined;
  const threshold = raw.t as [string, RetainedThreshold['value']] | undefined;
  return toAlarmSnapshot({
    alarmModelName: raw.m as string,
    alarmModelVersion: raw.v as string,
    keyValue: raw.k as string | undefined,
    stateName,
    severity: raw.p === undefined ? undefined : Number(raw.p),
    ruleEvaluation: rule && { inputPropertyValue: rule[0], operator: COMPARISON_OPERATORS[Number(rule[1])], thresholdValue: rule[2] },
    customerAction: raw.a === undefined ? undefined : customerAction(raw.a as [CustomerActionName, string | null, bigint?]),
    systemEvent: raw.e === undefined ? undefined : { eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } },
    snoozeDueAt: raw.z === undefined ? undefined : Number(raw.z),
    threshold: threshold && { source: threshold[0], value: threshold[1] },
    sequence: Number(raw.n),
    creationTime: Number(raw.c),
    lastUpdateTime: Number(raw.u),
  });
}

function customerAction([actionName, note, snoozeDuration]: [CustomerActionName, string | null, bigint?]): CustomerAction {
  if (!(actionName in CONFIGURATION)) throw new SyntaxError(`unknown customer action ${String(actionName)}`);
  const configuration = {
    ...(snoozeDuration === undefined ? {} : { snoozeDuration: Number(snoozeDuration) }),
    ...(note === null ? {} : { note }),
  };
  return { actionName, [CONFIGURATION[actionName]]: configuration } as unknown as CustomerAction;
}
