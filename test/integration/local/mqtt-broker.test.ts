import { randomBytes } from 'node:crypto';
import { CreateQueueCommand, DeleteQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { startBrokerHarness, type BrokerHarness } from './broker-harness';

/** Polls until `probe` returns a value; no timing is asserted, jest's timeout bounds it. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the local IoT Core broker, with a real MQTT client', () => {
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  let prefix: string;
  let broker: BrokerHarness;
  const clients: MqttClient[] = [];
  const queues: string[] = [];

  const connect = async (clientId: string, options: IClientOptions = {}) => {
    const client = mqtt.connect(broker.endpoint, { clientId, reconnectPeriod: 0, ...options });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    return client;
  };
  const createQueue = async (name: string) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-${name}` }));
    queues.push(QueueUrl as string);
    return QueueUrl as string;
  };
  /** Every message body on a queue so far (received once each; the queue keeps them invisible after). */
  const received = new Map<string, string[]>();
  const bodies = async (queueUrl: string) => {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    const list = received.get(queueUrl) ?? [];
    list.push(...Messages.map((message) => message.Body as string));
    received.set(queueUrl, list);
    return list;
  };
  const closed = (client: MqttClient) => new Promise<void>((resolve) => client.once('close', () => resolve()));

  beforeEach(async () => {
    prefix = `broker-${randomBytes(4).toString('hex')}`;
    broker = await startBrokerHarness(prefix);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.end(true);
    await broker.stop();
    for (const url of queues.splice(0)) await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
  });

  afterAll(() => sqs.destroy());

  it.each([
    ['$aws/events itself', 0, '$aws/events'],
    ['a presence topic', 1, '$aws/events/presence/disconnected/pump-1'],
    ['a deeper topic', 0, '$aws/events/thing/pump-1/deleted/extra/levels'],
    ['another letter case', 1, '$AWS/Events/presence/connected/pump-1'],
    ['Basic Ingest into the lifecycle rule', 1, '$aws/rules/lifecycle/presence/disconnected/pump-1'],
    ['Basic Ingest with a lifecycle topic', 0, '$aws/rules/telemetry/$aws/events/presence/disconnected/pump-1'],
  ])('disconnects a device that publishes to %s (QoS %i), unacknowledged, and forwards nothing from it', async (_name, qos, topic) => {
    // Arrange
    const lifecycle = await createQueue('lifecycle');
    await createQueue('ingest');
    const device = await connect('forger');
    const packets: string[] = [];
    device.on('packetreceive', (packet) => packets.push(packet.cmd));
    const gone = closed(device);
    const forged = JSON.stringify({ clientId: 'pump-1', eventType: 'disconnected', versionNumber: 999999, forged: true });

    // Act
    device.publish(topic, forged, { qos: qos as 0 | 1 });
    await gone;

    // Assert: the connection was closed without a PUBACK, and AWS's own disconnected event says why.
    const disconnected = await eventually(async () => (await bodies(lifecycle)).map((body) => JSON.parse(body) as Record<string, unknown>).find((event) => event.eventType === 'disconnected'));
    expect(disconnected).toMatchObject({ clientId: 'forger', disconnectReason: 'AUTH_ERROR', topic: '$aws/events/presence/disconnected/forger' });
    expect(packets).not.toContain('puback');
    expect(received.get(lifecycle)?.some((body) => body.includes('"forged"'))).toBe(false);
  });

  it.each(['$aws/events/#', '$aws/events/presence/+/pump-1'])('disconnects a device that publishes to the wildcard topic %s', async (topic) => {
    // Arrange
    const device = await connect('wildcard-forger');
    const gone = closed(device);

    // Act: mqtt.js does not check publish topics; aedes refuses wildcards before any rule sees them.
    device.publish(topic, '{"forged":true}', { qos: 1 });

    // Assert
    await expect(gone).resolves.toBeUndefined();
  });

  it('publishes its own lifecycle events through the rules while devices are refused', async () => {
    // Arrange
    const lifecycle = await createQueue('lifecycle');

    // Act
    const device = await connect('pump-7');
    await device.endAsync();

    // Assert
    const events = await eventually(async () => {
      const list = (await bodies(lifecycle)).map((body) => JSON.parse(body) as { topic: string; eventType: string });
      return list.length >= 2 ? list : undefined;
    });
    expect(events.map((event) => [event.topic, event.eventType])).toEqual([
      ['$aws/events/presence/connected/pump-7', 'connected'],
      ['$aws/events/presence/disconnected/pump-7', 'disconnected'],
    ]);
  });

  it.each([
    ['its action fails and it has no error action', 'devices/dev-1/bare', ['bare']],
    ['its action fails and so does its error action', 'devices/dev-1/telemetry', ['ingest', 'dlq']],
  ])('withholds the PUBACK of a QoS 1 message when %s, so that the client sends it again once the target is back', async (_name, topic, down) => {
    // Arrange: a device whose MQTT library reconnects, and a rule target that is down (its queue missing).
    const device = await connect('dev-1', { reconnectPeriod: 50 });
    const disconnects = closed(device);

    // Act
    const publish = device.publishAsync(topic, '{"reading": 42}', { qos: 1 });
    const withheld = await broker.logged((line) => line.includes('PUBACK withheld') && line.includes(topic));
    await disconnects;
    const target = await createQueue(down[0]);
    await publish;

    // Assert: not lost, the broker said why, and the client was disconnected to make it resend.
    expect((await eventually(async () => ((await bodies(target)).length ? received.get(target) : undefined))).map((body) => JSON.parse(body))).toContainEqual({ reading: 42 });
    expect(withheld).toContain(`${prefix}-${down[0]}`);
  });

  it('acknowledges a QoS 1 message its error action took when the action failed', async () => {
    // Arrange: the ingest queue is down, the dead-letter queue is up.
    const dlq = await createQueue('dlq');
    const device = await connect('dev-2');

    // Act
    await device.publishAsync('devices/dev-2/telemetry', '{"reading": 7}', { qos: 1 });

    // Assert
    const [report] = await eventually(async () => ((await bodies(dlq)).length ? received.get(dlq) : undefined));
    expect(JSON.parse(report)).toMatchObject({ ruleName: 'telemetry', topic: 'devices/dev-2/telemetry', failures: [{ failedResource: `${prefix}-ingest` }] });
    expect(device.connected).toBe(true);
    expect(broker.logs.some((line) => line.includes('PUBACK withheld'))).toBe(false);
  });

  it('delivers QoS 0 at most once, as AWS does: a failed delivery is logged, the client stays connected', async () => {
    // Arrange
    const ingest = await createQueue('ingest');
    const device = await connect('dev-3');

    // Act: a QoS 0 message to the down target, then a QoS 1 message that is delivered, on the same connection.
    device.publish('devices/dev-3/bare', '{"lost": true}', { qos: 0 });
    await broker.logged((line) => line.includes(`${prefix}-bare`));
    await device.publishAsync('devices/dev-3/telemetry', '{"kept": true}', { qos: 1 });

    // Assert
    expect((await eventually(async () => ((await bodies(ingest)).length ? received.get(ingest) : undefined))).map((body) => JSON.parse(body))).toEqual([{ kept: true }]);
    expect(device.connected).toBe(true);
    expect(broker.logs.some((line) => line.includes('PUBACK withheld'))).toBe(false);
  });
});
