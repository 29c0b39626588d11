import type { ActionEffect } from '../../lib/engine';
import type { ActionDispatcher, ActionDispatchers, ActionFailureSink, DispatchOutcome } from '../../lib/ports';
import { dispatchOutboxes, type DispatchDeps } from '../../lib/runtime/dispatch-outboxes';
import { snsEffect } from '../adapters/dispatch/effects';
import { RecordingTelemetry } from '../support/recording-telemetry';

type Failure = Extract<DispatchOutcome, { ok: false }>;

/** A dispatcher that fails the effects whose event name is in `failing`, and records every call. */
function dispatcher(failing: string[] = []): ActionDispatcher & { calls: ActionEffect[][] } {
  const calls: ActionEffect[][] = [];
  return {
    calls,
    async dispatch(effects) {
      calls.push([...effects]);
      return effects.map((effect) => (failing.includes(effect.eventName) ? { effect, ok: false, attempts: 4, error: new Error(`${effect.eventName} refused`) } : { effect, ok: true, attempts: 1 }));
    },
  };
}

/** A failure sink that records what it is given, or fails on the call numbered `failOnCall` (1-based). */
function sink(failOnCall?: number): ActionFailureSink & { recorded: Failure[][] } {
  const recorded: Failure[][] = [];
  return {
    recorded,
    async record(failures) {
      if (recorded.length + 1 === failOnCall) throw new Error('dead-letter queue unreachable');
      recorded.push([...failures]);
    },
  };
}

/** Dispatch with one dispatcher for every identity, model roles ignored (as on the local stack). */
function deps(target: ActionDispatcher, failureSink: ActionFailureSink | undefined, telemetry: RecordingTelemetry): DispatchDeps {
  const dispatchers: ActionDispatchers = { forIdentity: () => target };
  return { dispatchers, roles: undefined, sink: failureSink, telemetry };
}

describe('dispatchOutboxes', () => {
  let telemetry: RecordingTelemetry;

  beforeEach(() => {
    telemetry = new RecordingTelemetry();
  });

  it('performs the actions of every outbox in one dispatch, in stream order, so targets get batched requests', async () => {
    // Arrange
    const [a, b, c] = [snsEffect({ eventName: 'a' }), snsEffect({ eventName: 'b' }), snsEffect({ eventName: 'c' })];
    const target = dispatcher();

    // Act
    const failed = await dispatchOutboxes([{ id: '1', effects: [a, b] }, { id: '2', effects: [] }, { id: '3', effects: [c] }], deps(target, sink(), telemetry));

    // Assert
    expect(failed).toBeUndefined();
    expect(target.calls).toEqual([[a, b, c]]);
    expect(telemetry.counts).toEqual({ ActionsDispatched: 3 });
    expect(telemetry.lines.filter((line) => line.message === 'action dispatched')).toHaveLength(3);
  });

  it('records actions that failed for good in the failure sink, and the state change stands', async () => {
    // Arrange
    const effects = [snsEffect({ eventName: 'ok' }), snsEffect({ eventName: 'bad' })];
    const failures = sink();

    // Act
    const failed = await dispatchOutboxes([{ id: '1', effects }], deps(dispatcher(['bad']), failures, telemetry));

    // Assert
    expect(failed).toBeUndefined();
    expect(failures.recorded).toEqual([[{ effect: effects[1], ok: false, attempts: 4, error: new Error('bad refused') }]]);
    expect(telemetry.counts).toEqual({ ActionsDispatched: 1, ActionsFailed: 1, ActionRetries: 3 });
    expect(telemetry.lines).toContainEqual({
      level: 'error',
      message: 'action failed',
      fields: expect.objectContaining({ eventName: 'bad', action: 'sns', actionExecutionId: effects[1].actionExecutionId, attempts: 4, error: 'bad refused' }),
    });
  });

  it('returns the first outbox with a failed action when the failures cannot be recorded, so the stream delivers it again', async () => {
    // Arrange
    const outboxes = [
      { id: 'seq-1', effects: [snsEffect({ eventName: 'fine' })] },
      { id: 'seq-2', effects: [snsEffect({ eventName: 'bad' })] },
      { id: 'seq-3', effects: [snsEffect({ eventName: 'bad' })] },
    ];
    const target = dispatcher(['bad']);

    // Act
    const failed = await dispatchOutboxes(outboxes, deps(target, sink(1), telemetry));

    // Assert
    expect(failed).toBe('seq-2');
    expect(target.calls).toHaveLength(1);
    expect(telemetry.messages('error')).toContain('could not record failed actions; the stream will deliver them again');
  });

  it('does not call the dispatcher for a batch of writes without actions', async () => {
    const target = dispatcher();
    expect(await dispatchOutboxes([{ id: '1', effects: [] }], deps(target, sink(), telemetry))).toBeUndefined();
    expect(target.calls).toEqual([]);
  });

  it('only logs and counts failures when no failure sink is configured', async () => {
    // Act
    const failed = await dispatchOutboxes([{ id: '1', effects: [snsEffect({ eventName: 'bad' })] }], deps(dispatcher(['bad']), undefined, telemetry));

    // Assert
    expect(failed).toBeUndefined();
    expect(telemetry.counts.ActionsFailed).toBe(1);
  });
});
