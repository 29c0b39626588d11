import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDetectorScan } from '../../../lib/adapters/dynamodb/detector-scan';
import { DynamoSchedulerState } from '../../../lib/adapters/dynamodb/scheduler-state';
import { DynamoSweepState } from '../../../lib/adapters/dynamodb/sweep-state';
import { VirtualClock } from '../../../local/virtual-clock';
import type { CreateDetectorModelRequest } from '../../../lib/model';
import { detectorId } from '../../../lib/ports';
import { processBatch } from '../../../lib/runtime/process-batch';
import { nextWholeHour } from '../../support/test-time';
import { createTestStack, type TestStack } from '../stack';

/** Sets timer `t` when a message asks for it (`seconds`); a message without keeps no timer. */
const maybeTimer: CreateDetectorModelRequest = {
  detectorModelName: 'maybeTimer',
  key: 'id',
  detectorModelDefinition: {
    initialStateName: 'A',
    states: [{ stateName: 'A', onInput: { events: [{ eventName: 'arm', condition: 'currentInput("Arm") && $input.Arm.seconds > 0', actions: [{ setTimer: { timerName: 't', durationExpression: '$input.Arm.seconds' } }] }] } }],
  },
};

describe('timer sweep storage on DynamoDB Local', () => {
  let stack: TestStack;
  const T0 = nextWholeHour();

  beforeAll(async () => {
    stack = await createTestStack({ MIN_TIMER_SECONDS: '60' });
    await stack.seed([maybeTimer], [{ inputName: 'Arm', inputDefinition: { attributes: [{ jsonPath: 'id' }] } }]);
  });

  it('scans, segment by segment and page by page, exactly the detectors that hold timers', async () => {
    // Arrange: 30 detectors with a timer, 20 without (5 of which retain a payload member that looks
    // like the snapshot's timers, which the filter cannot tell apart), one whose snapshot is corrupt.
    const runtime = stack.runtime({ clock: new VirtualClock(T0) });
    const messages = Array.from({ length: 50 }, (_, n) => ({
      messageId: `m${n}`,
      inputName: 'Arm',
      payload: JSON.stringify(n < 30 ? { id: `d${n}`, seconds: 60 + n } : { id: `d${n}`, seconds: 0, ...(n < 35 ? { t: { x: 1 } } : {}) }),
    }));
    expect((await processBatch(messages, runtime, runtime.settings)).every((outcome) => outcome.status === 'processed')).toBe(true);
    await stack.clients.dynamodb.send(
      new PutItemCommand({ TableName: stack.config.detectorsTable, Item: { pk: { S: 'maybeTimer|broken' }, model: { S: 'maybeTimer' }, keyValue: { S: 'broken' }, version: { N: '1' }, snapshot: { S: '{"t":{"oops' } } }),
    );
    const scan = new DynamoDetectorScan(stack.clients.dynamodb, stack.config.detectorsTable);

    // Act: three segments, four detectors a page.
    const found: string[] = [];
    const unreadable: string[] = [];
    let scanned = 0;
    let readUnits = 0;
    let pages = 0;
    for (let segment = 0; segment < 3; segment++) {
      let position: string | undefined;
      do {
        const page = await scan.timers(segment, 3, position, 4);
        found.push(...page.detectors.map((detector) => `${detectorId(detector.key)}@${detector.timers.t.dueAt}`));
        unreadable.push(...page.unreadable.map((entry) => detectorId(entry.key)));
        scanned += page.scanned;
        readUnits += page.readUnits;
        pages++;
        position = page.next;
      } while (position);
    }

    // Assert
    expect(found.sort()).toEqual(Array.from({ length: 30 }, (_, n) => `maybeTimer|d${n}@${T0 + (60 + n) * 1000}`).sort());
    expect(unreadable).toEqual(['maybeTimer|broken']);
    expect(scanned).toBe(51);
    expect(pages).toBeGreaterThanOrEqual(13);
    expect(readUnits).toBeGreaterThan(0);
  });

  it('keeps one sweep at a time, its positions and counts, and the record of the last one', async () => {
    // Arrange
    const sweeps = new DynamoSweepState(stack.clients.dynamodb, stack.config.timersTable);
    const requests = new DynamoSchedulerState(stack.clients.dynamodb, stack.config.timersTable);
    const counts = { scanned: 10, overdue: 2, fired: 1, failed: 1, readUnits: 2.5 };

    // Act and assert, step by step.
    await requests.requestSweep(T0, 'the watermark is old');
    await requests.requestSweep(T0 - 1000, 'an earlier request, arriving late');
    expect(await sweeps.status()).toEqual({ requestedAt: T0, requestReason: 'the watermark is old' });

    expect(await sweeps.start({ startedAt: T0 + 1, reason: 'requested', segments: 3 }, T0 + 100)).toBe(true);
    expect(await sweeps.start({ startedAt: T0 + 2, reason: 'twice', segments: 3 }, T0 + 100)).toBe(false);
    expect(await sweeps.claim(T0 + 1, T0 + 50, T0 + 200)).toBe(false);
    expect(await sweeps.progress(T0 + 1, 2, 'maybeTimer|d7', counts)).toBe(true);
    expect(await sweeps.progress(T0 + 1, 0, 'done', counts)).toBe(true);
    expect(await sweeps.progress(T0 + 99, 1, 'elsewhere', counts)).toBe(false);
    await sweeps.release(T0 + 1, T0 + 999, T0 + 60);
    expect((await sweeps.status()).run).toEqual({ startedAt: T0 + 1, reason: 'requested', segments: 3, positions: ['done', undefined, 'maybeTimer|d7'], leaseUntil: T0 + 100 });
    await sweeps.release(T0 + 1, T0 + 100, T0 + 60);
    expect(await sweeps.claim(T0 + 1, T0 + 70, T0 + 300)).toBe(true);

    expect(await sweeps.finish(T0 + 1, T0 + 400)).toEqual({ scanned: 20, overdue: 4, fired: 2, failed: 2, readUnits: 5 });
    expect(await sweeps.finish(T0 + 1, T0 + 401)).toBeUndefined();
    expect(await sweeps.status()).toEqual({ requestedAt: T0, requestReason: 'the watermark is old', lastStartedAt: T0 + 1, lastCompletedAt: T0 + 400, lastFailed: 2 });

    expect(await sweeps.start({ startedAt: T0 + 500, reason: 'periodic', segments: 1 }, T0 + 600)).toBe(true);
    expect(await sweeps.finish(T0 + 500, T0 + 700)).toEqual({ scanned: 0, overdue: 0, fired: 0, failed: 0, readUnits: 0 });
  });
});
