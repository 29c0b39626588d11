import type { CompiledModel } from '../model';
import {
  DEFAULT_ENGINE_OPTIONS,
  DUPLICATE_WINDOW_MS,
  RecentMessageIds,
  routeMessage,
  skippedTrace,
  step,
  type ActionEffect,
  type DetectorSnapshot,
  type EngineOptions,
  type EvaluationTrace,
} from '../engine';

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
  private readonly detectors = new Map<string, { model: CompiledModel; snapshot: DetectorSnapshot }>();
  /** Message ids each detector processed, to ignore redeliveries as AWS did. */
  private readonly recent = new Map<string, RecentMessageIds>();
  private clock = -Infinity;

  constructor(
    private readonly models: readonly CompiledModel[],
    private readonly options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  ) {}

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
    for (const { model, key } of routes) {
      if (key.error !== undefined) {
        events.push({ type: 'error', time: message.timestamp, messageId: message.messageId, detectorModelName: model.name, message: key.error });
        continue;
      }
      const id = `${model.name}\u0000${key.keyValue ?? ''}`;
      const existing = this.detectors.get(id)?.snapshot;
      let recent = this.recent.get(id);
      if (!recent) this.recent.set(id, (recent = new RecentMessageIds()));
      if (existing && recent.seen(message.messageId, now - DUPLICATE_WINDOW_MS)) {
        const reason = `message ${message.messageId} was already processed by this detector within ${DUPLICATE_WINDOW_MS / 1000} s`;
        events.push({ type: 'trace', trace: skippedTrace(model, existing, { type: 'message', inputName: message.inputName, messageId: message.messageId, payload: message.payload, raw: message.raw }, now, reason) });
        continue;
      }
      recent.remember(message.messageId, now);
      const trigger = {
        type: 'message' as const,
        inputName: message.inputName,
        messageId: message.messageId,
        payload: message.payload,
        raw: message.raw,
        timestamp: message.timestamp,
      };
      const result = step(model, existing, trigger, now, this.options);
      if (result.snapshot) this.detectors.set(id, { model, snapshot: result.snapshot });
      events.push(...collect(result.traces, result.effects, now));
    }
    return events;
  }

  /** Fires, in due order, every timer due up to and including `time`. */
  advanceTo(time: number): SimulationEvent[] {
    const events: SimulationEvent[] = [];
    for (;;) {
      const next = this.nextDue(time);
      if (!next) break;
      const [id, entry, due] = next;
      const result = step(entry.model, entry.snapshot, { type: 'wake' }, due, this.options);
      if (result.snapshot) this.detectors.set(id, { model: entry.model, snapshot: result.snapshot });
      events.push(...collect(result.traces, result.effects, due));
    }
    this.clock = Math.max(this.clock, time);
    return events;
  }

  /** Every detector instance, in creation order. */
  snapshots(): DetectorSnapshot[] {
    return [...this.detectors.values()].map((entry) => entry.snapshot);
  }

  private nextDue(limit: number): [string, { model: CompiledModel; snapshot: DetectorSnapshot }, number] | undefined {
    let best: [string, { model: CompiledModel; snapshot: DetectorSnapshot }, number] | undefined;
    for (const [id, entry] of this.detectors) {
      for (const timer of Object.values(entry.snapshot.timers)) {
        if (timer.dueAt <= limit && (!best || timer.dueAt < best[2])) best = [id, entry, timer.dueAt];
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
