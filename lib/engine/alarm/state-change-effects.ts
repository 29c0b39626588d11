import type { Fault, TriggerType } from '../../expression';
import type { CompiledAlarmModel } from '../../model';
import { actionExecutionId } from '../action-id';
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
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly variables = {};
  readonly currentInput: string | undefined;
  readonly trigger: TriggerType;
  readonly model: { readonly name: string; readonly version: string };
  readonly detector: ActionCycle['detector'];
  readonly cause: CycleTrigger;
  readonly diagnostics: Diagnostic[] = [];

  constructor(model: CompiledAlarmModel, snapshot: AlarmSnapshot, cause: ChangeCause, readonly options: EngineOptions) {
    const inputs: Record<string, unknown> = {};
    if (cause.inputName !== undefined) setOwn(inputs, cause.inputName, cause.payload);
    this.inputs = inputs;
    this.currentInput = cause.inputName;
    this.trigger = cause.timerName === undefined ? 'Message' : 'Timer';
    this.model = { name: model.name, version: model.version };
    this.detector = { keyValue: snapshot.keyValue, stateName: snapshot.stateName, variables: {}, timers: {} };
    this.cause = { triggerType: this.trigger, inputName: cause.inputName, messageId: cause.messageId, timerName: cause.timerName, time: cause.time };
  }

  timeout(): boolean {
    return false;
  }

  diagnose(level: Diagnostic['level'], code: string, message: string, path: string, fault?: Fault): void {
    this.diagnostics.push(fault ? { level, code, message, path, span: fault.span } : { level, code, message, path });
  }
}

const optionsCache = new WeakMap<AlarmEngineOptions, EngineOptions>();

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
  const change = new AlarmChange(model, snapshot, cause, engine);
  const defaultPayload = { text: alarmPayload(snapshot, now), siteWise: alarmStateJson(snapshot) };
  const effects: AlarmEffect[] = [];
  let number = first;
  const nextId = () =>
    actionExecutionId(`alarm:${model.name}`, model.version, snapshot.keyValue, snapshot.sequence, cause.messageId, cause.timerName, number++);
  for (const action of model.actions) {
    const effect = resolveAction(action, { cycle: change, actionExecutionId: nextId(), eventName: snapshot.stateName, defaultPayload });
    if (effect instanceof ActionFailure) change.diagnose('ERROR', effect.code, `${action.type} action not run: ${effect.message}`, effect.path, effect.fault);
    else effects.push(effect);
  }
  if (model.acknowledgeFlow || options.notifyWithoutAcknowledgeFlow) {
    for (const notification of model.notifications) {
      const resolved = resolveAction(notification.lambda, { cycle: change, actionExecutionId: nextId(), eventName: snapshot.stateName, defaultPayload });
      if (resolved instanceof ActionFailure) {
        change.diagnose('ERROR', resolved.code, `notification not sent: ${resolved.message}`, resolved.path, resolved.fault);
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
