import { DEFAULT_ENGINE_OPTIONS, DUPLICATE_WINDOW_MS, MAX_RECENT_IDS, routeMessage, type ActionEffect, type DetectorSnapshot, type EngineOptions, type EvaluationTrace } from '../engine';
import { parseTypedJson } from '../expression';
import { lifecycleGuard } from '../lifecycle';
import type { CompiledModel } from '../model';
import type { DetectorKey, StoredDetector } from '../ports';
import { evaluateDetector, type DetectorWork, type EvaluationSettings } from '../runtime/evaluate-detector';
import { DEFAULT_MAX_LOOPBACKS, loopBackMessage } from './loop-back';

/** A message to replay. */
export interface SimulatedMessage {
  readonly messageId: string;
  readonly inputName: string;
  /**
   * The payload already parsed as typed JSON, when the caller has it. Left out, `raw` is parsed
   * as the deployed runtime does, and a payload that is not JSON rejects only this message.
   */
  readonly payload?: unknown;
  readonly raw: string;
  /** Virtual time of arrival, epoch ms. */
  readonly timestamp: number;
}

/** What a replay produces, in order. */
export type SimulationEvent =
  | { readonly type: 'action'; readonly time: number; readonly effect: ActionEffect }
  | { readonly type: 'trace'; readonly trace: EvaluationTrace }
  | { readonly type: 'error'; readonly time: number; readonly messageId: string; readonly detectorModelName?: string; readonly message: string };

/** How a replay behaves besides the engine's options. */
export interface SimulationOptions {
  /** Most messages `iotEvents` actions may feed back for one message or timer firing (default 1000). */
  readonly maxLoopbacks?: number;
}

/**
 * Replays messages through detector models in virtual time: detectors live in memory, and every
 * timer fires exactly at its due time, between messages. A message an `iotEvents` action sends is
 * processed right after the evaluation that sent it, at the same virtual time, as the deployed
 * system feeds it back through its ingest queue. Deterministic: the same models and messages
 * always give the same events.
 */
export class Simulator {
  private readonly detectors = new Map<string, { model: CompiledModel; key: DetectorKey; stored: StoredDetector }>();
  private readonly settings: EvaluationSettings;
  private readonly maxLoopbacks: number;
  /** Messages sent by `iotEvents` actions, waiting for the evaluation that sent them to end. */
  private readonly fedBack: SimulatedMessage[] = [];
  private clock = -Infinity;

  /**
   * @param options the engine's options; duplicate message ids and out-of-order lifecycle events
   *   are handled exactly as the deployed runtime does (`evaluateDetector`).
   * @param simulation the bound on messages fed back by `iotEvents` actions.
   */
  constructor(
    private readonly models: readonly CompiledModel[],
    options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
    simulation: SimulationOptions = {},
  ) {
    // No message-ids table here: every id of the window stays with its detector.
    this.settings = { engine: options, duplicateWindowMs: DUPLICATE_WINDOW_MS, maxRecentIds: MAX_RECENT_IDS, spillIds: false, guard: lifecycleGuard };
    this.maxLoopbacks = simulation.maxLoopbacks ?? DEFAULT_MAX_LOOPBACKS;
  }

  /**
   * Fires the timers due up to `message.timestamp`, then delivers the message to every model it
   * reaches, then the messages its `iotEvents` actions feed back.
   */
  send(message: SimulatedMessage): SimulationEvent[] {
    // Virtual time never runs backwards: a message stamped in the past is processed "now".
    const now = Math.max(this.clock, message.timestamp);
    const events = this.advanceTo(now);
    events.push(...this.deliver(message, now), ...this.drainFedBack(`message ${message.messageId}`, now));
    return events;
  }

  /** Fires, in due order, every timer due up to and including `time`, each followed by the messages it fed back. */
  advanceTo(time: number): SimulationEvent[] {
    const events: SimulationEvent[] = [];
    for (;;) {
      const next = this.nextDue(time);
      if (!next) break;
      const [entry, due] = next;
      events.push(...this.evaluate(entry.model, entry.key, { kind: 'wake' }, due), ...this.drainFedBack(`a timer of ${entry.key.model}`, due));
    }
    this.clock = Math.max(this.clock, time);
    return events;
  }

  /** Every detector instance, in creation order. */
  snapshots(): DetectorSnapshot[] {
    return [...this.detectors.values()].map((entry) => entry.stored.snapshot);
  }

  /** Delivers one message; a payload the deployed runtime would reject is reported with its words. */
  private deliver(message: SimulatedMessage, now: number): SimulationEvent[] {
    const reject = (text: string, detectorModelName?: string): SimulationEvent => ({
      type: 'error',
      time: message.timestamp,
      messageId: message.messageId,
      ...(detectorModelName === undefined ? {} : { detectorModelName }),
      message: text,
    });
    let payload = message.payload;
    if (payload === undefined) {
      try {
        payload = parseTypedJson(message.raw);
      } catch (error) {
        return [reject(`payload is not valid JSON: ${(error as Error).message}`)];
      }
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return [reject('payload must be a JSON object')];
    const routes = routeMessage(this.models, message.inputName, payload);
    if (!routes.length) return [reject(`no detector model reads input '${message.inputName}'`)];
    const work: DetectorWork = { kind: 'message', messageId: message.messageId, inputName: message.inputName, payload: payload as Record<string, unknown>, raw: message.raw, timestamp: message.timestamp };
    return routes.flatMap(({ model, key }) =>
      key.error === undefined ? this.evaluate(model, { model: model.name, keyValue: key.keyValue }, work, now) : [reject(key.error, model.name)],
    );
  }

  /**
   * Delivers the messages fed back since the last drain, and those they feed back in turn, until
   * none is left or more than `maxLoopbacks` came from one origin: a model whose `iotEvents`
   * actions feed each other forever would otherwise never end the replay.
   */
  private drainFedBack(origin: string, now: number): SimulationEvent[] {
    const events: SimulationEvent[] = [];
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
        break;
      }
      events.push(...this.deliver(message, now));
    }
    return events;
  }

  private evaluate(model: CompiledModel, key: DetectorKey, work: DetectorWork, now: number): SimulationEvent[] {
    const id = `${key.model}\u0000${key.keyValue ?? ''}`;
    const stored = this.detectors.get(id)?.stored;
    const result = evaluateDetector(model, key, stored, [work], now, this.settings);
    if (result.snapshot) {
      const version = (stored?.version ?? 0) + 1;
      this.detectors.set(id, { model, key, stored: { key, version, snapshot: result.snapshot, recentIds: result.recentIds } });
    }
    for (const effect of result.effects) {
      const fed = loopBackMessage(effect);
      if (fed) this.fedBack.push(fed);
    }
    return collect(result.traces, result.effects, now);
  }

  private nextDue(limit: number): [{ model: CompiledModel; key: DetectorKey }, number] | undefined {
    let best: [{ model: CompiledModel; key: DetectorKey }, number] | undefined;
    for (const entry of this.detectors.values()) {
      for (const timer of Object.values(entry.stored.snapshot.timers)) {
        if (timer.dueAt <= limit && (!best || timer.dueAt < best[1])) best = [entry, timer.dueAt];
      }
    }
    return best;
  }
}

function collect(traces: readonly EvaluationTrace[], effects: readonly ActionEffect[], time: number): SimulationEvent[] {
  const events: SimulationEvent[] = [];
  // Traces come first so a reader sees why the actions that follow happened.
  for (const trace of traces) events.push({ type: 'trace', trace });
  for (const effect of effects) events.push({ type: 'action', time, effect });
  return events;
}
