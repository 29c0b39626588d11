import type { EvaluationTrace } from '../../../lib/engine';
import type { TraceStore } from '../../../lib/ports';

/** What every {@link TraceStore} does (in-memory fake and DynamoDB store alike); `fresh()` gives one keeping `depth` traces. */
export function traceStoreContract(fresh: (depth: number) => Promise<{ store: TraceStore; model: string; now: number }>): void {
  const trace = (model: string, keyValue: string, messageId: string, time: number): EvaluationTrace => ({
    time,
    logMessage: 'Summary of message evaluation',
    context: 'MessageEvaluation',
    status: 'Success',
    detectorModelName: model,
    detectorModelVersion: '1',
    keyValue,
    messageId,
    inputName: 'Count',
    triggerType: 'Message',
    timerName: undefined,
    messageType: 'CUSTOMER_MESSAGE',
    message: '{"n":1}',
    initialState: 'Counting',
    initialVariables: { count: 1n },
    finalState: 'Counting',
    finalVariables: { count: 2n },
    conditionEvaluationResults: [],
    actions: [],
    diagnostics: [],
  });

  it('reads a detector’s traces back along its pages, oldest first, the newest `depth` of them, in AWS’s log shape', async () => {
    // Arrange: three pages; detector a has traces on each, b only on the second.
    const { store, model, now } = await fresh(4);
    const a = { model, keyValue: 'a' };
    const b = { model, keyValue: 'b' };
    const [p1, p2, p3] = [store.newPage(), store.newPage(), store.newPage()];
    await store.append(p1, [{ key: a, traces: [trace(model, 'a', 'm1', now), trace(model, 'a', 'm2', now + 1)] }]);
    await store.append(p2, [
      { key: a, traces: [trace(model, 'a', 'm3', now + 2)], previous: p1 },
      { key: b, traces: [trace(model, 'b', 'x1', now + 2)] },
    ]);
    await store.append(p3, [{ key: a, traces: [trace(model, 'a', 'm4', now + 3), trace(model, 'a', 'm5', now + 4)], previous: p2 }]);

    // Act
    const latest = await store.recent(a, p3);
    const earlier = await store.recent(a, p2);
    const other = await store.recent(b, p2);

    // Assert
    expect(latest.map((record) => record.messageId)).toEqual(['m2', 'm3', 'm4', 'm5']);
    expect(earlier.map((record) => record.messageId)).toEqual(['m1', 'm2', 'm3']);
    expect(other).toHaveLength(1);
    expect(latest[0]).toMatchObject({ logMessage: 'Summary of message evaluation', context: 'MessageEvaluation', status: 'Success' });
  });

  it('has nothing for a detector without a page', async () => {
    // Arrange
    const { store, model } = await fresh(4);

    // Act
    const none = await store.recent({ model, keyValue: 'never' }, undefined);

    // Assert
    expect(none).toEqual([]);
  });
}
