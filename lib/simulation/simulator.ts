import { DEFAULT_ENGINE_OPTIONS, DUPLICATE_WINDOW_MS, MAX_RECENT_IDS, type ActionEffect, type DetectorSnapshot, type EngineOptions, type EvaluationTrace } from '../engine';
import { builtInInputs, lifecycleGuard } from '../lifecycle';
import type { CompiledModel } from '../model';
import type { DetectorKey } from '../ports';
import type { DetectorWork } from '../runtime/evaluate-detector';
import type { RejectionCode } from '../runtime/messages';
import { DEFAULT_MAX_MESSAGE_BYTES, checkMessage, type RoutingCatalog } from '../runtime/route-batch';
import { DetectorTable } from './detector-table';
import { DEFAULT_MAX_LOOPBACKS, loopBackMessage } from './loop-back';

/** A message to replay. */
export interface SimulatedMessage {
  readonly messageId: string;
  readonly inputName: string;
  /**
   * The payload already parsed as typed JSON, when the caller has it (it must be what `raw`
   * parses to). Left out, `raw` is parsed as the deployed runtime does, and a payload that is not
   * JSON rejects only this message.
   */
  readonly payload?: unknown;
  /** The payload as JSON text, as it would be sent. */
  readonly raw: string;
  /** Virtual time of arrival, epoch ms. */
  readonly timestamp: number;
}

/** What a replay produces, in order. */
export type SimulationEvent =
  | { readonly type: 'action'; readonly time: number; readonly effect: ActionEffect }
  | { readonly type: 'trace'; readonly trace: EvaluationTrace }
  | {
      readonly type: 'error';
      readonly time: number;
      readonly messageId: string;
      readonly detectorModelName?: string;
      /** The error code BatchPutMessage would answer, when the deployed system would refuse the whole message. */
      readonly code?: RejectionCode;
      readonly message: string;
    };

/** How a replay behaves besides the engine's options. */
export interface SimulationOptions {
  /** Most messages `iotEvents` actions may feed back for one message or timer firing (default 1000). */
  readonly maxLoopbacks?: number;
  /**
   * The inputs that exist (a message of any other is refused, as by the deployed system). Default:
   * every input the models read. Vigil's built-in lifecycle inputs always exist.
   */
  readonly inputs?: Iterable<string>;
  /** Largest payload accepted, in bytes, like the deployment's `MAX_PAYLOAD_BYTES` (default 128 KiB). */
  readonly maxMessageBytes?: number;
}

/**
 * Replays messages through detector models in virtual time: detectors live in memory, and every
 * timer fires exactly at its due time, between messages. Each message is checked and routed by
 * the deployed runtime's own code (`checkMessage`: payload size, known input, JSON object, keys)
 * and applied by its evaluation (`evaluateDetector`: duplicates, lifecycle order, `step`). A
 * message an `iotEvents` action sends is processed right after the evaluation that sent it, at
 * the same virtual time, as the deployed system feeds it back through its ingest queue.
 * Deterministic: the same models and messages always give the same events. The cost of a message
 * does not grow with the number of detectors (timers wait in a heap).
 */
export class Simulator {
  private readonly detectors: DetectorTable;
  private readonly catalog: RoutingCatalog;
  private readonly maxLoopbacks: number;
  private readonly maxMessageBytes: number;
  /** Messages sent by `iotEvents` actions, waiting for the evaluation that sent them to end. */
  private readonly fedBack: SimulatedMessage[] = [];
  private clock = -Infinity;

  /**
   * @param options the engine's options; duplicate message ids and out-of-order lifecycle events
   *   are handled exactly as the deployed runtime does (`evaluateDetector`).
   * @param simulation the inputs that exist, the payload limit, the bound on messages fed back.
   */
  constructor(models: readonly CompiledModel[], options: EngineOptions = DEFAULT_ENGINE_OPTIONS, simulation: SimulationOptions = {}) {
    // No message-ids table here: every id of the window stays with its detector (spillIds: false).
    this.detectors = new DetectorTable({ engine: options, duplicateWindowMs: DUPLICATE_WINDOW_MS, maxRecentIds: MAX_RECENT_IDS, spillIds: false, guard: lifecycleGuard });
    const inputs = new Set(simulation.inputs ?? models.flatMap((model) => [...model.inputs]));
    for (const input of builtInInputs()) inputs.add(input.inputName);
    this.catalog = { models, inputs };
    this.maxLoopbacks = simulation.maxLoopbacks ?? DEFAULT_MAX_LOOPBACKS;
    this.maxMessageBytes = simulation.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
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

  /** Fires, in due order, every timer due up to and including `time`, each followed by the messages it fed back. */
  advanceTo(time: number): SimulationEvent[] {
    const events: SimulationEvent[] = [];
    for (let next = this.detectors.nextDue(time); next; next = this.detectors.nextDue(time)) {
      const { detector, dueAt } = next;
      this.evaluate(detector.model, detector.key, WAKE, dueAt, events);
      this.drainFedBack(`a timer of ${detector.key.model}`, dueAt, events);
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

  /** Delivers one message; one the deployed runtime would reject is reported in its words. */
  private deliver(message: SimulatedMessage, now: number, events: SimulationEvent[]): void {
    const checked = checkMessage(
      { messageId: message.messageId, inputName: message.inputName, payload: message.raw, parsed: message.payload as Record<string, unknown> | undefined, timestamp: message.timestamp },
      this.catalog,
      this.maxMessageBytes,
    );
    if (checked.rejected && !checked.routes.length) {
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
      const fed = loopBackMessage(effect);
      if (fed) this.fedBack.push(fed);
    }
  }
}

const WAKE: DetectorWork = { kind: 'wake' };

/** A message refused, for one model or all, and why (made only when one is: no closure per message). */
function errorEvent({ message, text, detectorModelName, code }: { message: SimulatedMessage; text: string; detectorModelName?: string; code?: RejectionCode }): SimulationEvent {
  return {
    type: 'error',
    time: message.timestamp,
    messageId: message.messageId,
    ...(detectorModelName === undefined ? {} : { detectorModelName }),
    ...(code === undefined ? {} : { code }),
    message: text,
  };
}
