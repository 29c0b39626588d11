import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { createHandler as createIngestQueue } from '../../../functions/ingest-queue';
import { VirtualClock } from '../../../local/virtual-clock';
import { runScheduler } from '../../../lib/runtime/scheduler';
import type { Runtime } from '../../../lib/wiring';
import { nextWholeHour } from '../../support/test-time';
import { createTestStack, lambdaContext, queueRecord, shippedModel, type TestStack } from '../stack';

const GRACE_MS = 300_000;
// Each test starts an hour after the previous one: the scheduler's watermark only moves forward.
const START = nextWholeHour();
let hour = 0;
let T0 = 0;
let queueIds = 0;

interface Presence {
  client: string;
  type: 'connected' | 'disconnected';
  version: number;
  at: number;
  session?: string;
  reason?: string;
}

/** The body the lifecycle topic rule (`SELECT *, topic() AS topic FROM '$aws/events/#'`) puts on the ingest queue. */
function ruleOutput(event: Presence): string {
  const payload: Record<string, unknown> = {
    clientId: event.client,
    timestamp: event.at,
    eventType: event.type,
    sessionIdentifier: event.session ?? `session-${event.client}-${event.version}`,
    principalIdentifier: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2',
    versionNumber: event.version,
  };
  if (event.type === 'connected') payload.ipAddress = '203.0.113.17';
  else Object.assign(payload, { clientInitiatedDisconnect: event.reason === 'CLIENT_INITIATED_DISCONNECT', disconnectReason: event.reason ?? 'MQTT_KEEP_ALIVE_TIMEOUT' });
  return JSON.stringify({ ...payload, topic: `$aws/events/presence/${event.type}/${event.client}` });
}

/** The file's stack, created in beforeAll. */
let stack: TestStack;

/** Delivers one SQS batch of raw bodies to the ingest function, as the event source mapping does. */
function deliver(runtime: Runtime, bodies: string[]) {
  const event = { Records: bodies.map((body) => queueRecord(stack, 'LifecycleQueue', `sqs-${++queueIds}`, body)) } as SQSEvent;
  return createIngestQueue(runtime)(event, lambdaContext());
}

const presence = (runtime: Runtime, events: Presence[]) => deliver(runtime, events.map(ruleOutput));

// Reads every 10 s of virtual time, looking 12 s ahead: each timer still fires at its due second,
// with a tenth of the reads of the Lambda's 1 s polling.
function schedule(runtime: Runtime, until: number) {
  return runScheduler({ ...runtime, state: runtime.schedulerState }, runtime.settings, { until, pollMs: 10_000, lookaheadMs: 12_000, firstLookbackMs: 3_600_000, maxLookbackMs: 7 * 86_400_000, concurrency: 4 });
}

async function detector(runtime: Runtime, clientId: string) {
  return (await runtime.detectors.get({ model: 'deviceConnectivity', keyValue: clientId }))?.snapshot;
}

describe('models/device-connectivity.json on DynamoDB Local, fed by the lifecycle topic rule', () => {

  beforeAll(async () => {
    stack = await createTestStack({ MIN_TIMER_SECONDS: '60', TRACE_DEPTH: '20' });
    await stack.seed([shippedModel('device-connectivity.json', stack.provisioned.topics.AlertsTopic.arn)], []);
  });

  beforeEach(() => {
    T0 = START + hour++ * 3_600_000;
  });

  const alerts = async (count: number) => (await stack.receive('AlertsInboxQueue', count)).map((body) => JSON.parse(JSON.parse(body).Message as string) as Record<string, unknown>);

  it('goes Offline on a disconnect, alerts when still offline after the grace period, and clears on reconnect', async () => {
    // Arrange
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    await presence(runtime, [{ client: 'pump-0042', type: 'connected', version: 7, at: T0 }]);
    clock.set(T0 + 10_000);
    await presence(runtime, [{ client: 'pump-0042', type: 'disconnected', version: 7, at: T0 + 10_000 }]);
    const offline = await detector(runtime, 'pump-0042');
    // Act
    const report = await schedule(runtime, T0 + 10_000 + GRACE_MS + 60_000);
    const alerted = await detector(runtime, 'pump-0042');
    await stack.dispatch(runtime);
    const [down] = await alerts(1);
    clock.set(T0 + 900_000);
    await presence(runtime, [{ client: 'pump-0042', type: 'connected', version: 8, at: T0 + 900_000 }]);
    await stack.dispatch(runtime);
    const [up] = await alerts(1);
    // Assert
    expect(offline?.stateName).toBe('Offline');
    expect(report).toMatchObject({ fired: 1, lateness: [0] });
    expect(alerted).toMatchObject({ stateName: 'OfflineAlerted', lastUpdateTime: T0 + 10_000 + GRACE_MS });
    expect(down).toEqual({ alert: 'DEVICE_OFFLINE', clientId: 'pump-0042', disconnectedAt: T0 + 10_000, disconnectReason: 'MQTT_KEEP_ALIVE_TIMEOUT' });
    expect(up).toEqual({ alert: 'DEVICE_ONLINE', clientId: 'pump-0042', connectedAt: T0 + 900_000 });
    expect((await detector(runtime, 'pump-0042'))?.stateName).toBe('Online');
  });

  it('raises nothing for a device that reconnects within the grace period', async () => {
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    await presence(runtime, [{ client: 'flaky', type: 'connected', version: 1, at: T0 }]);
    clock.set(T0 + 20_000);
    await presence(runtime, [{ client: 'flaky', type: 'disconnected', version: 1, at: T0 + 20_000, reason: 'CONNECTION_LOST' }]);
    clock.set(T0 + 80_000);
    await presence(runtime, [{ client: 'flaky', type: 'connected', version: 2, at: T0 + 80_000 }]);
    const report = await schedule(runtime, T0 + 20_000 + GRACE_MS + 60_000);
    await stack.dispatch(runtime);
    expect(report.fired).toBe(0);
    expect(await stack.receive('AlertsInboxQueue', 1, 1500)).toEqual([]);
    expect((await detector(runtime, 'flaky'))?.stateName).toBe('Online');
  });

  it('ends Online when a reconnect overtakes the disconnect and every event is delivered twice', async () => {
    // Arrange: the true order is connected v1, disconnected v1, connected v2.
    const c1: Presence = { client: 'dup', type: 'connected', version: 1, at: T0 };
    const d1: Presence = { client: 'dup', type: 'disconnected', version: 1, at: T0 + 10_000 };
    const c2: Presence = { client: 'dup', type: 'connected', version: 2, at: T0 + 20_000 };
    const clock = new VirtualClock(T0 + 30_000);
    const runtime = stack.runtime({ clock });
    // Act: one batch with c2 before d1, then another with c1 (late) and duplicates of d1 and c2.
    const first = await presence(runtime, [c2, d1]);
    const second = await presence(runtime, [c1, d1, c2]);
    const report = await schedule(runtime, T0 + GRACE_MS + 120_000);
    // Assert: the batch was applied in event-time order, the late and repeated events not at all.
    expect([first, second]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(report.fired).toBe(0);
    expect(await detector(runtime, 'dup')).toMatchObject({ stateName: 'Online', timers: {} });
    const key = { model: 'deviceConnectivity', keyValue: 'dup' };
    const traces = await runtime.traces!.recent(key, (await runtime.detectors.get(key))?.traceRef);
    expect(traces.map((trace) => trace.skipReason).filter(Boolean)).toEqual([
      expect.stringMatching(/^out of order: connected \(version 1/),
      expect.stringMatching(/already processed/),
      expect.stringMatching(/already processed/),
    ]);
  });

  it('stays Offline and alerts when the connect of the same connection arrives after its disconnect', async () => {
    const clock = new VirtualClock(T0 + 15_000);
    const runtime = stack.runtime({ clock });
    await presence(runtime, [{ client: 'late', type: 'disconnected', version: 3, at: T0 + 10_000 }]);
    await presence(runtime, [{ client: 'late', type: 'connected', version: 3, at: T0 }]);
    await schedule(runtime, T0 + 10_000 + GRACE_MS + 60_000);
    await stack.dispatch(runtime);
    expect((await detector(runtime, 'late'))?.stateName).toBe('OfflineAlerted');
    expect(await alerts(1)).toEqual([expect.objectContaining({ alert: 'DEVICE_OFFLINE', clientId: 'late' })]);
  });

  it('sends a malformed lifecycle event to the dead-letter queue and processes the rest of its batch', async () => {
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    const bad = JSON.stringify({ clientId: 'broken', timestamp: 'yesterday', eventType: 'connected', versionNumber: 1, topic: '$aws/events/presence/connected/broken' });
    const response = await deliver(runtime, [bad, ruleOutput({ client: 'fine', type: 'connected', version: 1, at: T0 })]);
    const { Messages = [] } = await stack.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack.provisioned.queues.IngestDeadLetterQueue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect((await detector(runtime, 'fine'))?.stateName).toBe('Online');
    expect(await detector(runtime, 'broken')).toBeUndefined();
    expect(Messages.map((message) => [message.Body, message.MessageAttributes?.ErrorMessage?.StringValue])).toEqual([
      [bad, `$aws/events/presence/connected/broken: AwsIotPresence field 'timestamp' must be an epoch timestamp in ms or s (a non-negative number or numeric string), got "yesterday"`],
    ]);
  });
});
