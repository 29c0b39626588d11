import type { CompiledAlarmModel } from '../../model';
import { detectorKey } from '../routing';
import type { Diagnostic } from '../trace';
import { adoptAlarm } from './adopt';
import type { AlarmEffect } from './effects';
import { evaluateRule, type RuleOutcome } from './evaluate-rule';
import { applyOperator, describe, refusal, type AlarmRefusal } from './operator';
import { DEFAULT_ALARM_OPTIONS, type AlarmEngineOptions } from './options';
import { isEnabled, type AlarmSnapshot, type AlarmStateName, type RetainedThreshold, type SimpleRuleEvaluation, type SystemEvent } from './snapshot';
import { stateChangeEffects, type ChangeCause } from './state-change-effects';
import type { AlarmMessage, AlarmTrigger } from './trigger';

/** One state change of a transition. */
export interface AlarmStateChange {
  readonly from: AlarmStateName;
  readonly to: AlarmStateName;
}

/** What one {@link transitionAlarm} produced. */
export interface AlarmResult {
  readonly refused?: undefined;
  /** The instance after the transition; undefined only when a wake-up found no instance. */
  readonly snapshot: AlarmSnapshot | undefined;
  /** Actions and notifications to perform, in order, after the snapshot is stored. */
  readonly effects: readonly AlarmEffect[];
  /** False when nothing needs storing (data ignored, nothing new, a wake-up with nothing due). */
  readonly changed: boolean;
  /** The state changes, in order: a new version's release of a latch first, then the trigger's. */
  readonly stateChanges: readonly AlarmStateChange[];
  /** When this transition started (or restarted) a snooze: the time its wake-up must fire, epoch ms. */
  readonly wakeAt: number | undefined;
  /** Why the rule could not be evaluated, or an action not resolved. */
  readonly diagnostics: readonly Diagnostic[];
}

const SNOOZE_TIMEOUT: SystemEvent = { eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } };

/**
 * Processes one message, operator action or snooze wake-up for one alarm instance. **Pure**: it
 * reads only its arguments, never throws for any payload, and returns effects as data. Every row of
 * the transition table (spec §1.3, docs/decisions.md):
 * - the first message for a key creates the instance, DISABLED or NORMAL per
 *   `disabledOnInitialization` (a model without a key has one instance); a NORMAL one evaluates it;
 * - data is evaluated only when it brings the input property, and only when enabled:
 *   NORMAL → ACTIVE when the rule is true; ACTIVE → LATCHED (acknowledge flow on) or NORMAL (off)
 *   when false; ACKNOWLEDGED → NORMAL when false; LATCHED → ACTIVE when true. DISABLED and
 *   SNOOZE_DISABLED ignore data;
 * - operator actions as `applyOperator` says, refused (as data) where the state does not accept
 *   them or the instance does not exist;
 * - a wake-up at or after the snooze's due time: SNOOZE_DISABLED → NORMAL, systemEvent SNOOZE_TIMEOUT.
 * Every state change performs the model's alarm actions and notifications. An instance of an
 * older version is first adopted ({@link adoptAlarm}).
 *
 * @param snapshot the stored instance, or undefined when this key has none yet.
 * @param now processing time, epoch ms.
 */
export function transitionAlarm(
  model: CompiledAlarmModel,
  snapshot: AlarmSnapshot | undefined,
  trigger: AlarmTrigger,
  now: number,
  options: AlarmEngineOptions = DEFAULT_ALARM_OPTIONS,
): AlarmResult | AlarmRefusal {
  if (!snapshot && trigger.type === 'operator') {
    return refusal('ResourceNotFoundException', `${describe({ alarmModelName: model.name, keyValue: trigger.keyValue })} does not exist`);
  }
  if (!snapshot && trigger.type === 'wake') return { snapshot, effects: [], changed: false, stateChanges: [], wakeAt: undefined, diagnostics: [] };
  const run = new Transition(model, causeOf(trigger, now), now, options);
  let current: AlarmSnapshot;
  if (snapshot) {
    current = adoptAlarm(snapshot, model);
    if (current.stateName !== snapshot.stateName) current = run.enter({ ...current, stateName: snapshot.stateName }, current.stateName, undefined);
  } else {
    const key = detectorKey(model, (trigger as AlarmMessage).payload, 'alarm model');
    if (key.error !== undefined) return refusal('InvalidRequestException', key.error);
    current = newInstance(model, key.keyValue, now);
  }

  switch (trigger.type) {
    case 'message':
      current = run.message(current, trigger);
      break;
    case 'operator': {
      const outcome = applyOperator(current, trigger, now, options);
      if (outcome.refused) return outcome;
      const base: AlarmSnapshot = {
        ...current,
        customerAction: outcome.customerAction,
        systemEvent: undefined,
        ruleEvaluation: outcome.clearsEvaluation ? undefined : current.ruleEvaluation,
        lastUpdateTime: now,
      };
      current = outcome.stateName === current.stateName
        ? { ...base, snoozeDueAt: outcome.snoozeDueAt }
        : run.enter(base, outcome.stateName, outcome.snoozeDueAt);
      break;
    }
    case 'wake':
      if (current.stateName === 'SNOOZE_DISABLED' && current.snoozeDueAt !== undefined && now >= current.snoozeDueAt) {
        current = run.enter(current, 'NORMAL', undefined, SNOOZE_TIMEOUT);
      }
      break;
  }
  const changed = current !== snapshot;
  const wakeAt = current.snoozeDueAt !== undefined && current.snoozeDueAt !== snapshot?.snoozeDueAt ? current.snoozeDueAt : undefined;
  return { snapshot: current, effects: run.effects, changed, stateChanges: run.changes, wakeAt, diagnostics: run.diagnostics };
}

/** A new instance: DISABLED unless the model says `disabledOnInitialization: false`. */
function newInstance(model: CompiledAlarmModel, keyValue: string | undefined, now: number): AlarmSnapshot {
  return {
    alarmModelName: model.name,
    alarmModelVersion: model.version,
    keyValue,
    stateName: model.disabledOnInitialization ? 'DISABLED' : 'NORMAL',
    severity: model.severity,
    ruleEvaluation: undefined,
    customerAction: undefined,
    systemEvent: undefined,
    snoozeDueAt: undefined,
    threshold: undefined,
    sequence: 0,
    creationTime: now,
    lastUpdateTime: now,
  };
}

function causeOf(trigger: AlarmTrigger, now: number): ChangeCause {
  switch (trigger.type) {
    case 'message':
      return { inputName: trigger.inputName, payload: trigger.payload, messageId: trigger.messageId, time: trigger.timestamp ?? now };
    case 'operator':
      return { messageId: `${trigger.action}:${trigger.requestId}`, time: now };
    case 'wake':
      return { timerName: 'snooze', time: now };
  }
}

/** The state changes of one transition and what they produce. */
class Transition {
  readonly effects: AlarmEffect[] = [];
  readonly changes: AlarmStateChange[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private number = 0;

  constructor(
    private readonly model: CompiledAlarmModel,
    private readonly cause: ChangeCause,
    private readonly now: number,
    private readonly options: AlarmEngineOptions,
  ) {}

  /** Moves `from` to state `to` and resolves the change's effects. A snooze due time is kept only in SNOOZE_DISABLED. */
  enter(from: AlarmSnapshot, to: AlarmStateName, snoozeDueAt: number | undefined, systemEvent?: SystemEvent): AlarmSnapshot {
    const next: AlarmSnapshot = {
      ...from,
      stateName: to,
      systemEvent,
      snoozeDueAt: to === 'SNOOZE_DISABLED' ? snoozeDueAt : undefined,
      sequence: from.sequence + 1,
      lastUpdateTime: this.now,
    };
    this.changes.push({ from: from.stateName, to });
    const produced = stateChangeEffects(this.model, next, this.cause, this.number, this.now, this.options);
    for (const effect of produced.effects) this.effects.push(effect);
    for (const diagnostic of produced.diagnostics) this.diagnostics.push(diagnostic);
    this.number = produced.next;
    return next;
  }

  /** Applies a message: ignored while disabled; else the rule decides (see {@link transitionAlarm}). */
  message(current: AlarmSnapshot, message: AlarmMessage): AlarmSnapshot {
    if (!isEnabled(current.stateName)) return current;
    const { outcome, threshold } = evaluateRule(this.model, message, current.threshold);
    const base = sameThreshold(threshold, current.threshold) ? current : { ...current, threshold, lastUpdateTime: this.now };
    if (outcome.kind === 'invalid') this.diagnostics.push(outcome.diagnostic);
    if (outcome.kind !== 'evaluated') return base;
    const evaluated = sameEvaluation(outcome.evaluation, base.ruleEvaluation) ? base : { ...base, ruleEvaluation: outcome.evaluation, lastUpdateTime: this.now };
    const to = nextState(current.stateName, outcome, this.model.acknowledgeFlow);
    return to === current.stateName ? evaluated : this.enter(evaluated, to, undefined);
  }
}

/** The data rows of the transition table. */
function nextState(state: AlarmStateName, outcome: Extract<RuleOutcome, { kind: 'evaluated' }>, acknowledgeFlow: boolean): AlarmStateName {
  if (outcome.result) return state === 'NORMAL' || state === 'LATCHED' ? 'ACTIVE' : state;
  if (state === 'ACTIVE') return acknowledgeFlow ? 'LATCHED' : 'NORMAL';
  return state === 'ACKNOWLEDGED' ? 'NORMAL' : state;
}

function sameThreshold(a: RetainedThreshold | undefined, b: RetainedThreshold | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.source === b.source && a.value === b.value);
}

function sameEvaluation(a: SimpleRuleEvaluation, b: SimpleRuleEvaluation | undefined): boolean {
  return b !== undefined && a.inputPropertyValue === b.inputPropertyValue && a.operator === b.operator && a.thresholdValue === b.thresholdValue;
}
