import { DEFAULT_ENGINE_OPTIONS, DUPLICATE_WINDOW_MS, MAX_RECENT_IDS, routeMessage, type ActionEffect, type DetectorSnapshot, type EngineOptions, type EvaluationTrace } from '../engine';
import { lifecycleGuard } from '../lifecycle';
import type { CompiledModel } from '../model';
import type { DetectorKey, StoredDetector } from '../ports';
import { evaluateDetector, type DetectorWork, type EvaluationSettings } from '../runtime/evaluate-detector';

/** A message to replay, its payload already parsed as typed JSON. */
export interface SimulatedMessage {
  readonly messageId: string;
  readonly inputName: string;
  readonly payload: unknown;
  readonly raw: string;
  /** Virtual time of arrival, epoch ms. */
  readonly timestamp: number;
}

/** What a replay produces, in order. */
export type SimulationEvent =
  | { readonly type: 'action'; readonly time: number; readonly effect: ActionEffect }
  | { readonly type: 'trace'; readonly trace: EvaluationTrace }
  | { readonly type: 'error'; readonly time: number; readonly messageId: string; readonly detectorModelName?: string; readonly message: string };

/**
 * Replays messages through detector models in virtual time: detectors live in memory, and every
 * timer fires exactly at its due time, between messages. Deterministic: the same models and
 * messages always give the same events.
 */
export class Simulator {
  private readonly detectors = new Map<string, { model: CompiledModel; key: DetectorKey; stored: StoredDetector }>();
  private readonly settings: EvaluationSettings;
  private clock = -Infinity;

  /**
   * @param options the engine's options; duplicate message ids and out-of-order lifecycle events
   *   are handled exactly as the deployed runtime does (`evaluateDetector`).
   */
  constructor(
    private readonly models: readonly CompiledModel[],
    options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  ) {
    this.settings = { engine: options, duplicateWindowMs: DUPLICATE_WINDOW_MS, maxRecentIds: MAX_RECENT_IDS, guard: lifecycleGuard };
  }

  /** Fires the timers due up to `message.timestamp`, then delivers the message to every model it reaches. */
  send(message: SimulatedMessage): SimulationEvent[] {
    // Virtual time never runs backwards: a message stamped in the past is processed "now".
    const now = Math.max(this.clock, message.timestamp);
    const events = this.advanceTo(now);
    if (message.payload === null || typeof message.payload !== 'object' || Array.isArray(message.payload)) {
      events.push({ type: 'error', time: message.timestamp, messageId: message.messageId, message: 'the payload must be a JSON object' });
      return events;
    }
    const routes = routeMessage(this.models, message.inputName, message.payload);
    if (!routes.length) {
      events.push({ type: 'error', time: message.timestamp, messageId: message.messageId, message: `no detector model reads input '${message.inputName}'` });
    }
    const work: DetectorWork = {
      kind: 'message',
      messageId: message.messageId,
      inputName: message.inputName,
      payload: message.payload as Record<string, unknown>,
      raw: message.raw,
      timestamp: message.timestamp,
    };
    for (const { model, key } of routes) {
      if (key.error !== undefined) {
        events.push({ type: 'error', time: message.timestamp, messageId: message.messageId, detectorModelName: model.name, message: key.error });
        continue;
      }
      events.push(...this.evaluate(model, { model: model.name, keyValue: key.keyValue }, work, now));
    }
    return events;
  }

  /** Fires, in due order, every timer due up to and including `time`. */
  advanceTo(time: number): SimulationEvent[] {
    const events: SimulationEvent[] = [];
    for (;;) {
      const next = this.nextDue(time);
      if (!next) break;
      const [entry, due] = next;
      events.push(...this.evaluate(entry.model, entry.key, { kind: 'wake' }, due));
    }
    this.clock = Math.max(this.clock, time);
    return events;
  }

  /** Every detector instance, in creation order. */
  snapshots(): DetectorSnapshot[] {
    return [...this.detectors.values()].map((entry) => entry.stored.snapshot);
  }

  private evaluate(model: CompiledModel, key: DetectorKey, work: DetectorWork, now: number): SimulationEvent[] {
    const id = `${key.model}\u0000${key.keyValue ?? ''}`;
    const stored = this.detectors.get(id)?.stored;
    const result = evaluateDetector(model, key, stored, [work], now, this.settings);
    if (result.snapshot) {
      const version = (stored?.version ?? 0) + 1;
      this.detectors.set(id, { model, key, stored: { key, version, snapshot: result.snapshot, recentIds: result.recentIds, traceCount: 0 } });
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
