import type { Fault, TriggerType } from '../../expression';
import type { CompiledAlarmModel } from '../../model';
import { ActionIdSeries } from '../action-id';
import type { CycleTrigger } from '../cycle';
import { engineOptions, type EngineOptions } from '../options';
import { setOwn } from '../own';
import { ActionFailure, resolveAction, type ActionCycle } from '../resolve-action';
import type { Diagnostic } from '../trace';
import type { AlarmEffect } from './effects';
import type { AlarmEngineOptions } from './options';
import { alarmPayload, alarmStateJson } from './payload';
import type { AlarmSnapshot } from './snapshot';

/**
 * What caused a state change, for the actions' expressions and ids: the message (its input is the
 * only one `$input` can read), or an operator request or the snooze timeout (no input: `$input`
 * reads are undefined, and an action needing one fails with a diagnostic).
 */
export interface ChangeCause {
  readonly inputName?: string;
  readonly payload?: unknown;
  /** The message id, or `<ACTION>:<requestId>` for an operator request. */
  readonly messageId?: string;
  /** `snooze` for the snooze timeout. */
  readonly timerName?: string;
  readonly time: number;
}

/**
 * A state change seen as the evaluation cycle `resolveAction` expects: the alarm model as the
 * model, the instance as the detector (no variables, no timers), the cause's input as the inputs.
 */
class AlarmChange implements ActionCycle {
  inputs: Readonly<Record<string, unknown>> = {};
  readonly variables = {};
  currentInput: string | undefined = undefined;
  trigger: TriggerType = 'Message';
  readonly model = { name: '', version: '' };
  readonly detector: { keyValue: string | undefined; stateName: string; variables: Record<string, never>; timers: Record<string, never> } = {
    keyValue: undefined, stateName: '', variables: {}, timers: {},
  };
  cause: CycleTrigger = { triggerType: 'Message', time: 0 };
  diagnostics: Diagnostic[] = NONE;
  options: EngineOptions = engineOptions();

  /** Refills this change for one state change (one object serves them all: resolving is synchronous). */
  refill(model: CompiledAlarmModel, snapshot: AlarmSnapshot, cause: ChangeCause, options: EngineOptions): this {
    let inputs: Record<string, unknown> = NO_INPUTS;
    // A SiteWise-backed instance is its asset: `$sitewise….assetId` reads its key whatever caused
    // the change (an operator's acknowledgement writes the alarm state back to the same asset).
    if (model.siteWise && snapshot.keyValue !== undefined) {
      inputs = {};
      for (const input of model.siteWise.inputs) setOwn(inputs, input, { assetId: snapshot.keyValue });
    }
    if (cause.inputName !== undefined) setOwn(inputs === NO_INPUTS ? (inputs = {}) : inputs, cause.inputName, cause.payload);
    this.inputs = inputs;
    this.currentInput = cause.inputName;
    this.trigger = cause.timerName === undefined ? 'Message' : 'Timer';
    this.model.name = model.name;
    this.model.version = model.version;
    this.detector.keyValue = snapshot.keyValue;
    this.detector.stateName = snapshot.stateName;
    this.cause = { triggerType: this.trigger, inputName: cause.inputName, messageId: cause.messageId, timerName: cause.timerName, time: cause.time };
    this.diagnostics = NONE;
    this.options = options;
    return this;
  }

  timeout(): boolean {
    return false;
  }

  diagnose(level: Diagnostic['level'], code: string, message: string, path: string, fault?: Fault): void {
    if (this.diagnostics === NONE) this.diagnostics = [];
    this.diagnostics.push(fault ? { level, code, message, path, span: fault.span } : { level, code, message, path });
  }
}

const NONE: never[] = Object.freeze([]) as never[];
const NO_INPUTS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const change = new AlarmChange();
/** The action ids of the state change being resolved (one series serves them all: resolving is synchronous). */
const ids = new ActionIdSeries();

const optionsCache = new WeakMap<AlarmEngineOptions, EngineOptions>();

/** What a model version's state changes need, worked out once per compiled model. */
interface ModelNeeds {
  /** The model's name in its action ids: `alarm:<name>`, which no detector model can be called. */
  readonly idName: string;
  /** Some alarm action sends the default payload. */
  readonly payload: boolean;
  /** Some notification sends the default payload. */
  readonly notificationPayload: boolean;
  /** Some action is an iotSiteWise action (which may write the alarm state). */
  readonly siteWise: boolean;
}

const needsCache = new WeakMap<CompiledAlarmModel, ModelNeeds>();

function needsOf(model: CompiledAlarmModel): ModelNeeds {
  let needs = needsCache.get(model);
  if (!needs) {
    needs = {
      idName: `alarm:${model.name}`,
      payload: model.actions.some((action) => !action.payload),
      notificationPayload: model.notifications.some((notification) => !notification.lambda.payload),
      siteWise: model.actions.some((action) => action.type === 'iotSiteWise'),
    };
    needsCache.set(model, needs);
  }
  return needs;
}

/** What one state change produced: its effects, problems resolving them, and the next action number. */
export interface ChangeEffects {
  readonly effects: AlarmEffect[];
  readonly diagnostics: readonly Diagnostic[];
  readonly next: number;
}

/**
 * Resolves the effects of a state change to `snapshot.stateName`: every `alarmEventActions` action
 * (resolved exactly as a detector's; without a custom payload it sends {@link alarmPayload}, and an
 * iotSiteWise action without `propertyValue` writes {@link alarmStateJson} as its `stringValue`),
 * then every notification — unless the acknowledge flow is off and notifications with it
 * (`notifyWithoutAcknowledgeFlow`). Action ids continue from `first`. A failed action is skipped
 * with a diagnostic; the others still run.
 */
export function stateChangeEffects(
  model: CompiledAlarmModel,
  snapshot: AlarmSnapshot,
  cause: ChangeCause,
  first: number,
  now: number,
  options: AlarmEngineOptions,
): ChangeEffects {
  let engine = optionsCache.get(options);
  if (!engine) optionsCache.set(options, (engine = engineOptions({ maxPayloadBytes: options.maxPayloadBytes })));
  change.refill(model, snapshot, cause, engine);
  const notify = model.acknowledgeFlow || options.notifyWithoutAcknowledgeFlow;
  const needs = needsOf(model);
  // Built once per change, and only when an action sends it.
  const defaultPayload = {
    text: needs.payload || (notify && needs.notificationPayload) ? alarmPayload(snapshot, now) : '',
    siteWise: needs.siteWise ? alarmStateJson(snapshot) : '',
  };
  const effects: AlarmEffect[] = [];
  let number = first;
  const series = ids.begin(needs.idName, model.version, snapshot.keyValue, snapshot.sequence, cause.messageId, cause.timerName);
  for (const action of model.actions) {
    const id = series.id(number++);
    const effect = resolveAction(action, { cycle: change, actionExecutionId: id, eventName: snapshot.stateName, defaultPayload });
    if (effect instanceof ActionFailure) change.diagnose('ERROR', effect.code, `${action.type} action not run: ${effect.message}`, effect.path, effect.fault);
    else effects.push(effect);
  }
  if (notify) {
    for (const notification of model.notifications) {
      const id = series.id(number++);
      const resolved = resolveAction(notification.lambda, { cycle: change, actionExecutionId: id, eventName: snapshot.stateName, defaultPayload });
      if (resolved instanceof ActionFailure) {
        // The notification's Lambda function is a `lambda` action under the name `lambdaAction`.
        const path = resolved.path.replace(`${notification.path}.action.lambda`, `${notification.path}.action.lambdaAction`);
        change.diagnose('ERROR', resolved.code, `notification not sent: ${resolved.message}`, path, resolved.fault);
        continue;
      }
      if (resolved.type !== 'lambda') continue; // a notification is always a lambda action
      effects.push({
        type: 'alarmNotification',
        actionExecutionId: resolved.actionExecutionId,
        alarmModelName: model.name,
        alarmModelVersion: model.version,
        keyValue: snapshot.keyValue,
        time: now,
        path: notification.path,
        functionArn: resolved.functionArn,
        notificationEventPayload: resolved.payload.text,
        emailConfigurations: notification.email,
        smsConfigurations: notification.sms,
      });
    }
  }
  return { effects, diagnostics: change.diagnostics, next: number };
}
