import { DEFAULT_ENGINE_OPTIONS, DUPLICATE_WINDOW_MS, MAX_RECENT_IDS, type ActionEffect, type DetectorSnapshot, type EngineOptions } from '../engine';
import { DEFAULT_ALARM_OPTIONS, type AlarmSnapshot } from '../engine/alarm';
import { builtInInputs, lifecycleGuard } from '../lifecycle';
import type { CompiledAlarmModel, CompiledModel } from '../model';
import type { AlarmKey, DetectorKey } from '../ports';
import type { AlarmWork } from '../runtime/evaluate-alarm';
import type { DetectorWork, EvaluationSettings } from '../runtime/evaluate-detector';
import type { RejectionCode } from '../runtime/messages';
import { unknownAlarmModel } from '../runtime/operate-alarms';
import { DEFAULT_MAX_MESSAGE_BYTES, checkMessage, type RoutingCatalog } from '../runtime/route-batch';
import { alarmEvents } from './alarm-events';
import { AlarmTable } from './alarm-table';
import { DetectorTable } from './detector-table';
import type { AlarmCause, SimulatedMessage, SimulationEvent, SimulationOptions } from './events';
import { DEFAULT_MAX_LOOPBACKS, loopBackMessage } from './loop-back';
import type { SimulatedOperatorAction } from './operator-line';

/**
 * Replays messages, and operator actions on alarms, through detector and alarm models in virtual
 * time: detectors and alarm instances live in memory, and every timer and snooze ends exactly at
 * its due time, between messages. Each message is checked and routed by the deployed runtime's own
 * code (`checkMessage`: payload size, known input, JSON object, keys; one message reaches every
 * detector model and alarm model reading its input) and applied by its evaluations
 * (`evaluateDetector`: duplicates, lifecycle order, `step`; `evaluateAlarm`: duplicates, the alarm
 * engine). Operator actions are applied as the data API applies them (`evaluateAlarm`, refusals as
 * its error entries). A message an `iotEvents` action sends — a detector's or an alarm's — is
 * processed right after the evaluation that sent it, at the same virtual time, as the deployed
 * system feeds it back through its ingest queue. Deterministic: the same models and messages
 * always give the same events. The cost of a message does not grow with the number of detectors
 * or alarms (timers and snoozes wait in heaps).
 */
export class Simulator {
  private readonly detectors: DetectorTable;
  private readonly alarms: AlarmTable;
  private readonly alarmModels: ReadonlyMap<string, CompiledAlarmModel>;
  private readonly catalog: RoutingCatalog;
  private readonly maxLoopbacks: number;
  private readonly maxMessageBytes: number;
  /** Messages sent by `iotEvents` actions, waiting for the evaluation that sent them to end. */
  private readonly fedBack: SimulatedMessage[] = [];
  private clock = -Infinity;
  /** How alarm evaluations become events: traced or not, their actions fed back. */
  private readonly alarmOutput: Parameters<typeof alarmEvents>[3];

  /**
   * @param options the engine's options; duplicate message ids and out-of-order lifecycle events
   *   are handled exactly as the deployed runtime does (`evaluateDetector`). Alarm evaluations are
   *   traced when `options.traces` is.
   * @param simulation the inputs that exist, the payload limit, the bound on messages fed back, the alarm models.
   */
  constructor(models: readonly CompiledModel[], options: EngineOptions = DEFAULT_ENGINE_OPTIONS, simulation: SimulationOptions = {}) {
    // No message-ids table here: every id of the window stays with its detector (spillIds: false).
    const settings: EvaluationSettings = {
      engine: options, duplicateWindowMs: DUPLICATE_WINDOW_MS, maxRecentIds: MAX_RECENT_IDS, spillIds: false, guard: lifecycleGuard, alarms: simulation.alarms ?? DEFAULT_ALARM_OPTIONS,
    };
    this.detectors = new DetectorTable(settings);
    this.alarms = new AlarmTable(settings);
    const alarmModels = simulation.alarmModels ?? [];
    this.alarmModels = new Map(alarmModels.map((model) => [model.name, model]));
    const inputs = new Set(simulation.inputs ?? [...models, ...alarmModels].flatMap((model) => [...model.inputs]));
    for (const input of builtInInputs()) inputs.add(input.inputName);
    this.catalog = { models, alarmModels, inputs };
    this.maxLoopbacks = simulation.maxLoopbacks ?? DEFAULT_MAX_LOOPBACKS;
    this.maxMessageBytes = simulation.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.alarmOutput = { traces: options.traces, onAction: (effect) => this.feedBack(effect) };
  }

  /** Replays one item of a replay file: a message ({@link send}) or an operator action ({@link operate}). */
  replay(item: SimulatedMessage | SimulatedOperatorAction): SimulationEvent[] {
    return 'operator' in item ? this.operate(item) : this.send(item);
  }

  /**
   * Fires the timers due up to `message.timestamp`, then delivers the message to every model it
   * reaches, then the messages its `iotEvents` actions feed back.
   */
  send(message: SimulatedMessage): SimulationEvent[] {
    // Virtual time never runs backwards: a message stamped in the past is processed "now".
    const now = Math.max(this.clock, message.timestamp);
    const events = this.advanceTo(now);
    this.deliver(message, now, events);
    this.drainFedBack(`message ${message.messageId}`, now, events);
    return events;
  }

  /**
   * Fires the timers due up to the action's time, then applies it as the data API's batch call
   * would: to the instance it names, or refused (an unknown model or instance, a state that does
   * not accept it, a snooze out of bounds) with the error entry the call would answer.
   */
  operate(action: SimulatedOperatorAction): SimulationEvent[] {
    const now = Math.max(this.clock, action.timestamp);
    const events = this.advanceTo(now);
    const { alarmModelName, keyValue, action: request } = action.operator;
    const cause: AlarmCause = { operatorAction: request.action, requestId: request.requestId };
    const model = this.alarmModels.get(alarmModelName);
    const outcome = model && this.alarms.evaluate(model, { model: alarmModelName, keyValue }, { kind: 'operator', action: request }, now);
    const refusal = outcome ? outcome.evaluation.refusals.get(request.requestId) : { code: 'ResourceNotFoundException' as const, message: unknownAlarmModel(alarmModelName) };
    if (refusal) {
      const entry = { requestId: request.requestId, errorCode: refusal.code, errorMessage: refusal.message };
      events.push({ type: 'refusal', time: now, line: action.line, operatorAction: request.action, alarmModelName, ...(keyValue === undefined ? {} : { keyValue }), entry });
    }
    if (outcome) alarmEvents(outcome, cause, now, this.alarmOutput, events);
    this.drainFedBack(`the operator action on line ${action.line}`, now, events);
    return events;
  }

  /** Fires, in due order, every timer and snooze end due up to and including `time`, each followed by the messages it fed back. */
  advanceTo(time: number): SimulationEvent[] {
    const events: SimulationEvent[] = [];
    for (;;) {
      const detectorDue = this.detectors.firstDue(time);
      const alarmDue = this.alarms.firstDue(time);
      if (detectorDue === undefined && alarmDue === undefined) break;
      // A detector's timer before a snooze due at the same time.
      if (alarmDue === undefined || (detectorDue !== undefined && detectorDue <= alarmDue)) {
        const { detector, dueAt } = this.detectors.nextDue(time) as NonNullable<ReturnType<DetectorTable['nextDue']>>;
        this.evaluate(detector.model, detector.key, WAKE, dueAt, events);
        this.drainFedBack(`a timer of ${detector.key.model}`, dueAt, events);
      } else {
        const { alarm, dueAt } = this.alarms.nextDue(time) as NonNullable<ReturnType<AlarmTable['nextDue']>>;
        this.evaluateAlarm(alarm.model, alarm.key, ALARM_WAKE, SNOOZE_TIMEOUT, dueAt, events);
        this.drainFedBack(`the snooze of ${alarm.key.model}`, dueAt, events);
      }
    }
    this.clock = Math.max(this.clock, time);
    return events;
  }

  /** Every detector instance, in creation order. */
  snapshots(): DetectorSnapshot[] {
    return [...this.detectors.snapshots()];
  }

  /** Every detector instance, in creation order, one at a time. */
  eachSnapshot(): Iterable<DetectorSnapshot> {
    return this.detectors.snapshots();
  }

  /** Every alarm instance, in creation order, one at a time. */
  eachAlarm(): Iterable<AlarmSnapshot> {
    return this.alarms.snapshots();
  }

  /** Delivers one message; one the deployed runtime would reject is reported in its words. */
  private deliver(message: SimulatedMessage, now: number, events: SimulationEvent[]): void {
    const checked = checkMessage(
      { messageId: message.messageId, inputName: message.inputName, payload: message.raw, parsed: message.payload as Record<string, unknown> | undefined, timestamp: message.timestamp },
      this.catalog,
      this.maxMessageBytes,
    );
    if (checked.rejected && !checked.routes.length && !checked.alarmRoutes?.length) {
      events.push(errorEvent({ message, text: checked.rejected.message, code: checked.rejected.code }));
      return;
    }
    // A model that finds no key in the message is skipped, the others get it (D8); when none does,
    // the deployed runtime refuses the message, and each model's reason is said on its own line.
    const code = checked.rejected?.code;
    for (const { model, key } of checked.routes) {
      if (key.error !== undefined) events.push(errorEvent({ message, text: key.error, detectorModelName: model.name, code }));
      else if (!checked.rejected) this.evaluate(model, { model: model.name, keyValue: key.keyValue }, checked.work, now, events);
    }
    for (const { model, key } of checked.alarmRoutes ?? []) {
      if (key.error !== undefined) events.push(errorEvent({ message, text: key.error, alarmModelName: model.name, code }));
      else if (!checked.rejected) this.evaluateAlarm(model, { model: model.name, keyValue: key.keyValue }, checked.work, { messageId: message.messageId, inputName: message.inputName }, now, events);
    }
  }

  /**
   * Delivers the messages fed back since the last drain, and those they feed back in turn, until
   * none is left or more than `maxLoopbacks` came from one origin: a model whose `iotEvents`
   * actions feed each other forever would otherwise never end the replay.
   */
  private drainFedBack(origin: string, now: number, events: SimulationEvent[]): void {
    for (let delivered = 0; this.fedBack.length; delivered++) {
      const message = this.fedBack.shift() as SimulatedMessage;
      if (delivered === this.maxLoopbacks) {
        const dropped = this.fedBack.length + 1;
        this.fedBack.length = 0;
        events.push({
          type: 'error',
          time: now,
          messageId: message.messageId,
          message: `iotEvents loop-back limit reached: ${origin} led to more than ${this.maxLoopbacks} messages sent by iotEvents actions; ` +
            `dropped the ${dropped} not yet delivered (do the model's iotEvents actions feed each other in a loop?)`,
        });
        return;
      }
      this.deliver(message, now, events);
    }
  }

  private evaluate(model: CompiledModel, key: DetectorKey, work: DetectorWork, now: number, events: SimulationEvent[]): void {
    const result = this.detectors.evaluate(model, key, work, now);
    // Traces come first so a reader sees why the actions that follow happened.
    for (const trace of result.traces) events.push({ type: 'trace', trace });
    for (const effect of result.effects) {
      events.push({ type: 'action', time: now, effect });
      this.feedBack(effect);
    }
  }

  private evaluateAlarm(model: CompiledAlarmModel, key: AlarmKey, work: AlarmWork, cause: AlarmCause, now: number, events: SimulationEvent[]): void {
    alarmEvents(this.alarms.evaluate(model, key, work, now), cause, now, this.alarmOutput, events);
  }

  /** Queues the message an `iotEvents` action sends, to be delivered once the evaluation that sent it ends. */
  private feedBack(effect: ActionEffect): void {
    const fed = loopBackMessage(effect);
    if (fed) this.fedBack.push(fed);
  }
}

const WAKE: DetectorWork = { kind: 'wake' };
const ALARM_WAKE: AlarmWork = { kind: 'wake' };
const SNOOZE_TIMEOUT: AlarmCause = { triggerType: 'SNOOZE_TIMEOUT' };

/** A message refused, for one model or all, and why (made only when one is: no closure per message). */
function errorEvent({ message, text, detectorModelName, alarmModelName, code }: { message: SimulatedMessage; text: string; detectorModelName?: string; alarmModelName?: string; code?: RejectionCode }): SimulationEvent {
  return {
    type: 'error',
    time: message.timestamp,
    messageId: message.messageId,
    ...(detectorModelName === undefined ? {} : { detectorModelName }),
    ...(alarmModelName === undefined ? {} : { alarmModelName }),
    ...(code === undefined ? {} : { code }),
    message: text,
  };
}
