import type { CompiledAlarmModel } from '../../model';
import { detectorKey } from '../routing';
import type { Diagnostic } from '../trace';
import { adoptAlarm } from './adopt';
import type { AlarmEffect } from './effects';
import { evaluateRule, retainThreshold, type RuleOutcome } from './evaluate-rule';
import { applyOperator, describe, refusal, type AlarmRefusal } from './operator';
import { DEFAULT_ALARM_OPTIONS, type AlarmEngineOptions } from './options';
import { isAlarmEnabled, type AlarmSnapshot, type AlarmStateName, type SimpleRuleEvaluation, type SystemEvent } from './snapshot';
import { stateChangeEffects, type ChangeCause } from './state-change-effects';
import type { AlarmMessage, AlarmTrigger } from './trigger';
import { toAlarmSnapshot, type WorkingAlarm } from './working';

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

const NONE: never[] = Object.freeze([]) as never[];
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
  if (!snapshot && trigger.type === 'wake') return { snapshot, effects: NONE, changed: false, stateChanges: NONE, wakeAt: undefined, diagnostics: NONE };
  let base: AlarmSnapshot;
  if (snapshot) base = adoptAlarm(snapshot, model);
  else {
    const key = detectorKey(model, (trigger as AlarmMessage).payload, 'alarm model');
    if (key.error !== undefined) return refusal('InvalidRequestException', key.error);
    base = newInstance(model, key.keyValue, now);
  }
  // A fresh copy, changed in place and returned as the new snapshot when anything changed.
  const alarm = toAlarmSnapshot(base) as WorkingAlarm;
  const run = new Transition(model, alarm, trigger, now, options);
  if (snapshot && base.stateName !== snapshot.stateName) {
    alarm.stateName = snapshot.stateName;
    run.enter(base.stateName, undefined);
  }

  switch (trigger.type) {
    case 'message':
      run.message(trigger);
      break;
    case 'operator': {
      const outcome = applyOperator(alarm, trigger, now, options);
      if (outcome.refused) return outcome;
      alarm.customerAction = outcome.customerAction;
      alarm.systemEvent = undefined;
      if (outcome.clearsEvaluation) alarm.ruleEvaluation = undefined;
      if (outcome.stateName === alarm.stateName) alarm.snoozeDueAt = outcome.snoozeDueAt;
      else run.enter(outcome.stateName, outcome.snoozeDueAt);
      run.changed = true;
      break;
    }
    case 'wake':
      if (alarm.stateName === 'SNOOZE_DISABLED' && alarm.snoozeDueAt !== undefined && now >= alarm.snoozeDueAt) run.enter('NORMAL', undefined, SNOOZE_TIMEOUT);
      break;
  }
  const changed = run.changed || base !== snapshot;
  if (!changed) return { snapshot, effects: NONE, changed, stateChanges: NONE, wakeAt: undefined, diagnostics: run.diagnostics };
  alarm.lastUpdateTime = now;
  const wakeAt = alarm.snoozeDueAt !== undefined && alarm.snoozeDueAt !== snapshot?.snoozeDueAt ? alarm.snoozeDueAt : undefined;
  return { snapshot: alarm, effects: run.effects, changed, stateChanges: run.changes, wakeAt, diagnostics: run.diagnostics };
}

/** A new instance: DISABLED unless the model says `disabledOnInitialization: false`. */
function newInstance(model: CompiledAlarmModel, keyValue: string | undefined, now: number): AlarmSnapshot {
  return toAlarmSnapshot({
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
  });
}

/** What caused the changes of a transition, for the actions' expressions and ids. */
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

/** The changes one transition makes to its working instance, and what they produce. */
class Transition {
  // Shared frozen empty arrays until the first push: most messages change no state.
  effects: AlarmEffect[] = NONE;
  changes: AlarmStateChange[] = NONE;
  diagnostics: Diagnostic[] = NONE;
  /** Whether anything was changed that must be stored. */
  changed = false;
  private number = 0;

  constructor(
    private readonly model: CompiledAlarmModel,
    private readonly alarm: WorkingAlarm,
    private readonly trigger: AlarmTrigger,
    private readonly now: number,
    private readonly options: AlarmEngineOptions,
  ) {}

  /** Moves the instance to state `to` and resolves the change's effects. A snooze due time is kept only in SNOOZE_DISABLED. */
  enter(to: AlarmStateName, snoozeDueAt: number | undefined, systemEvent?: SystemEvent): void {
    const alarm = this.alarm;
    const from = alarm.stateName;
    alarm.stateName = to;
    alarm.systemEvent = systemEvent;
    alarm.snoozeDueAt = to === 'SNOOZE_DISABLED' ? snoozeDueAt : undefined;
    alarm.sequence++;
    alarm.lastUpdateTime = this.now;
    this.changed = true;
    this.changes = this.changes.length ? [...this.changes, { from, to }] : [{ from, to }];
    const produced = stateChangeEffects(this.model, alarm, causeOf(this.trigger, this.now), this.number, this.now, this.options);
    this.effects = this.effects.length ? [...this.effects, ...produced.effects] : produced.effects;
    for (const diagnostic of produced.diagnostics) this.diagnose(diagnostic);
    this.number = produced.next;
  }

  diagnose(diagnostic: Diagnostic): void {
    if (this.diagnostics === NONE) this.diagnostics = [];
    this.diagnostics.push(diagnostic);
  }

  /** Applies a message: not evaluated while disabled (a threshold it carries is kept); else the rule decides (see {@link transitionAlarm}). */
  message(message: AlarmMessage): void {
    const alarm = this.alarm;
    const retained = alarm.threshold;
    if (!isAlarmEnabled(alarm.stateName)) {
      retainThreshold(this.model, message, alarm);
      if (alarm.threshold !== retained) this.changed = true;
      return;
    }
    const outcome = evaluateRule(this.model, message, alarm);
    if (alarm.threshold !== retained) this.changed = true;
    if (outcome.kind === 'invalid') this.diagnose(outcome.diagnostic);
    if (outcome.kind !== 'evaluated') return;
    if (!sameEvaluation(outcome.evaluation, alarm.ruleEvaluation)) {
      alarm.ruleEvaluation = outcome.evaluation;
      this.changed = true;
    }
    const to = nextState(alarm.stateName, outcome, this.model.acknowledgeFlow);
    if (to !== alarm.stateName) this.enter(to, undefined);
  }
}

/** The data rows of the transition table. */
function nextState(state: AlarmStateName, outcome: Extract<RuleOutcome, { kind: 'evaluated' }>, acknowledgeFlow: boolean): AlarmStateName {
  if (outcome.result) return state === 'NORMAL' || state === 'LATCHED' ? 'ACTIVE' : state;
  if (state === 'ACTIVE') return acknowledgeFlow ? 'LATCHED' : 'NORMAL';
  return state === 'ACKNOWLEDGED' ? 'NORMAL' : state;
}

function sameEvaluation(a: SimpleRuleEvaluation, b: SimpleRuleEvaluation | undefined): boolean {
  return b !== undefined && a.inputPropertyValue === b.inputPropertyValue && a.operator === b.operator && a.thresholdValue === b.thresholdValue;
}
