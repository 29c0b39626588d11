import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { IoTEventsClient, ListDetectorModelsCommand } from '@aws-sdk/client-iot-events';
import { BatchPutMessageCommand, DescribeDetectorCommand, IoTEventsDataClient } from '@aws-sdk/client-iot-events-data';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import mqtt, { type MqttClient } from 'mqtt';
import { tailCommand } from '../../cli/commands/tail';
import { vigilClientConfig } from '../../lib/api/client-config';
import { parseTypedJson, stringifyTypedJson } from '../../lib/expression';
import { signRequest } from '../../local/auth/sign-request';
import { spawnLocalStack, type SpawnedLocalStack } from '../../local/stack/spawn-local-stack';
import { nonLoopbackAddress, tryConnect } from './local/network';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.resolve(ROOT, 'test/fixtures/aws-examples');
const documented = JSON.parse(readFileSync(path.join(EXAMPLES, 'motorDetectorModel.expected-sns-payloads.json'), 'utf8')) as unknown[];
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A payload with the two fields that differ between runs blanked, in typed JSON. */
function comparable(text: string): string {
  const parsed = parseTypedJson(text) as { eventTime: unknown; payload: { actionExecutionId: unknown; eventTriggerDetails: { messageId: unknown } } };
  parsed.eventTime = 0n;
  parsed.payload.actionExecutionId = '';
  // A device never chooses its message's id on MQTT (the docs' ids came from BatchPutMessage).
  parsed.payload.eventTriggerDetails.messageId = '';
  return stringifyTypedJson(parsed);
}

/** Polls until `probe` returns a value (not undefined); no timing is asserted, jest's timeout bounds it. */
async function eventually<T>(probe: () => Promise<T | undefined>, pauseMs = 200): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

async function connect(url: string, clientId: string): Promise<MqttClient> {
  const client = mqtt.connect(url, { clientId, reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

describe('npm start: the whole system on one machine', () => {
  let stack: SpawnedLocalStack;
  let modelsDir: string;
  let sqs: SQSClient;
  let dynamodb: DynamoDBClient;
  let data: IoTEventsDataClient;
  let control: IoTEventsClient;
  const clients: MqttClient[] = [];
  /** SNS notifications received from the alerts topic's queue, not yet claimed by a test. */
  const inbox: string[] = [];

  /** Waits for an alert the queue subscribed to the alerts topic received, and claims it. */
  const alert = (matches: (message: string) => boolean) =>
    eventually(async () => {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: stack.provisioned.queues.AlertsInboxQueue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const message of Messages) {
        inbox.push((JSON.parse(message.Body as string) as { Message: string }).Message);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: stack.provisioned.queues.AlertsInboxQueue.url, ReceiptHandle: message.ReceiptHandle }));
      }
      const index = inbox.findIndex(matches);
      return index < 0 ? undefined : inbox.splice(index, 1)[0];
    }, 0);
  const detectorVersion = async (model: string, key: string) => {
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: stack.provisioned.tables.DetectorsTable, Key: { pk: { S: `${model}|${key}` } }, ConsistentRead: true }));
    return Item ? Number(Item.version.N) : 0;
  };

  beforeAll(async () => {
    // The shipped models, with the connectivity model's 300 s grace period cut to 2 s.
    modelsDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-models-'));
    for (const file of ['motor-detector-model.json', 'motor.inputs.json']) copyFileSync(path.join(ROOT, 'models', file), path.join(modelsDir, file));
    const connectivity = readFileSync(path.join(ROOT, 'models', 'device-connectivity.json'), 'utf8').replace('"seconds": 300', '"seconds": 2');
    writeFileSync(path.join(modelsDir, 'device-connectivity.json'), connectivity);
    stack = await spawnLocalStack({ minTimerSeconds: 1, modelsDir, asyncRetryDelaysMs: [1000, 2000] });
    process.stdout.write(`local stack ready in ${(stack.readyMs / 1000).toFixed(1)} s (measured, not asserted)\n`);
    const common = { region: 'us-east-1', credentials: CREDENTIALS };
    sqs = new SQSClient({ ...common, endpoint: stack.endpoints.sqs, useQueueUrlAsEndpoint: false });
    dynamodb = new DynamoDBClient({ ...common, endpoint: stack.endpoints.dynamodb });
    // The official clients, signing for execute-api with the stack's default key pair, as the README shows.
    const api = { ...vigilClientConfig({ endpoint: stack.endpoints.http, region: 'us-east-1' }), credentials: CREDENTIALS, maxAttempts: 1 };
    data = new IoTEventsDataClient(api);
    control = new IoTEventsClient(api);
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) client.end(true);
    await stack?.stop();
    sqs?.destroy();
    dynamodb?.destroy();
    data?.destroy();
    control?.destroy();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  }, 60_000);

  it('turns the motor example MQTT telemetry into the documented SNS payloads', async () => {
    // Arrange
    const motor = await connect(stack.endpoints.mqtt, 'Fulton-A32');
    clients.push(motor);
    // The ingestRule rule invokes its function asynchronously, so each reading waits for the last.
    const publish = async (messageId: string, pressure: number) => {
      const before = await detectorVersion('motorDetectorModel', 'Fulton-A32');
      const payload = { motorid: 'Fulton-A32', sensorData: { pressure, temperature: 39 }, reading: messageId };
      await motor.publishAsync('vigil/motors/Fulton-A32/pressure', JSON.stringify(payload), { qos: 1 });
      await eventually(async () => ((await detectorVersion('motorDetectorModel', 'Fulton-A32')) > before ? true : undefined));
    };
    // Act: the docs' messages 00001 (80) to 00004 (60).
    await publish('00001', 80);
    for (const id of ['00002', '00003', '00004']) await publish(id, 60);
    const breached = await alert((message) => message.includes('"Pressure Threshold Breached"'));
    const restored = await alert((message) => message.includes('"Normal Pressure Restored"'));
    // Assert
    expect([breached, restored].map(comparable)).toEqual(documented.map((payload) => comparable(JSON.stringify(payload))));
  }, 120_000);

  it('publishes lifecycle events in AWS shapes and raises the offline alert after the grace timer', async () => {
    // Arrange: a client watching the lifecycle topics, as a device with iot:Subscribe on $aws/events/* can.
    const watcher = await connect(stack.endpoints.mqtt, 'watcher');
    clients.push(watcher);
    const events: { topic: string; payload: Record<string, unknown> }[] = [];
    watcher.on('message', (topic, payload) => events.push({ topic, payload: JSON.parse(payload.toString()) as Record<string, unknown> }));
    await watcher.subscribeAsync('$aws/events/presence/+/pump-0042', { qos: 1 });
    // Act
    const pump = await connect(stack.endpoints.mqtt, 'pump-0042');
    await pump.subscribeAsync('cmd/pump-0042/#');
    await pump.endAsync();
    const offline = await alert((message) => message.includes('DEVICE_OFFLINE') && message.includes('pump-0042'));
    // Assert: the events, field for field in AWS's order.
    const [connected, disconnected] = await eventually(async () => (events.length >= 2 ? events : undefined));
    expect(connected.topic).toBe('$aws/events/presence/connected/pump-0042');
    expect(Object.keys(connected.payload)).toEqual(['clientId', 'timestamp', 'eventType', 'sessionIdentifier', 'principalIdentifier', 'ipAddress', 'versionNumber']);
    expect(connected.payload).toMatchObject({ clientId: 'pump-0042', eventType: 'connected', ipAddress: '127.0.0.1', versionNumber: 0 });
    expect(disconnected.topic).toBe('$aws/events/presence/disconnected/pump-0042');
    expect(Object.keys(disconnected.payload)).toEqual(['clientId', 'timestamp', 'eventType', 'sessionIdentifier', 'principalIdentifier', 'clientInitiatedDisconnect', 'disconnectReason', 'versionNumber']);
    expect(disconnected.payload).toMatchObject({
      eventType: 'disconnected',
      sessionIdentifier: connected.payload.sessionIdentifier,
      clientInitiatedDisconnect: true,
      disconnectReason: 'CLIENT_INITIATED_DISCONNECT',
      versionNumber: 0,
    });
    expect(JSON.parse(offline)).toEqual({ alert: 'DEVICE_OFFLINE', clientId: 'pump-0042', disconnectedAt: disconnected.payload.timestamp, disconnectReason: 'CLIENT_INITIATED_DISCONNECT' });
    // The detector, read back over the signed HTTP API with DescribeDetector.
    const { detector } = await data.send(new DescribeDetectorCommand({ detectorModelName: 'deviceConnectivity', keyValue: 'pump-0042' }));
    expect(detector).toMatchObject({ detectorModelName: 'deviceConnectivity', keyValue: 'pump-0042', state: { stateName: 'OfflineAlerted' } });
  }, 120_000);

  it('reports a dropped connection, a taken-over client id and a reconnect the way AWS IoT Core does', async () => {
    // Arrange
    const watcher = await connect(stack.endpoints.mqtt, 'watcher-2');
    clients.push(watcher);
    const events: Record<string, unknown>[] = [];
    watcher.on('message', (_topic, payload) => events.push(JSON.parse(payload.toString()) as Record<string, unknown>));
    await watcher.subscribeAsync('$aws/events/presence/+/valve-7', { qos: 1 });
    // Act: the network drops, the device reconnects, then a second connection takes its client id.
    const first = await connect(stack.endpoints.mqtt, 'valve-7');
    first.stream.destroy();
    await eventually(async () => (events.length >= 2 ? true : undefined));
    const second = await connect(stack.endpoints.mqtt, 'valve-7');
    const third = await connect(stack.endpoints.mqtt, 'valve-7');
    clients.push(second, third);
    await eventually(async () => (events.length >= 5 ? true : undefined));
    // Assert
    expect(events.slice(0, 5).map((e) => [e.eventType, e.versionNumber, e.disconnectReason])).toEqual([
      ['connected', 0, undefined],
      ['disconnected', 0, 'CONNECTION_LOST'],
      ['connected', 1, undefined],
      ['disconnected', 1, 'DUPLICATE_CLIENTID'],
      ['connected', 2, undefined],
    ]);
  }, 60_000);

  it('follows published actions and detector changes with vigil tail', async () => {
    // Arrange
    const lines: string[] = [];
    let stopTail = () => undefined as void;
    const until = new Promise<void>((resolve) => (stopTail = resolve));
    const env = { VIGIL_SQS_PORT: String(stack.ports.sqs), VIGIL_DYNAMODB_PORT: String(stack.ports.dynamodb) };
    let following = false;
    const tail = tailCommand([], { out: (line) => lines.push(line), err: (line) => (following ||= line.startsWith('following')) }, env, until);
    const motor = await connect(stack.endpoints.mqtt, 'tail-motor');
    clients.push(motor);
    // Act: tail reads the stream from its end, so publish once it has found the end.
    await eventually(async () => (following ? true : undefined));
    await motor.publishAsync('vigil/motors/tail-motor/pressure', JSON.stringify({ motorid: 'tail-motor', sensorData: { pressure: 85, temperature: 40 } }), { qos: 1 });
    const printed = (text: string) => lines.some((line) => line.includes('motorDetectorModel/tail-motor') && line.includes(text));
    await eventually(async () => (printed('Pressure Threshold Breached') && printed('created in') ? true : undefined));
    stopTail();
    // Assert
    expect(await tail).toBe(0);
    expect(lines.every((line) => /^\d\d:\d\d:\d\d /.test(line))).toBe(true);
    expect(lines.map((line) => line.slice(9))).toEqual(
      expect.arrayContaining([
        'detector  motorDetectorModel/tail-motor  created in Dangerous  pressureThresholdBreached=3',
        'action    sns vigil-local-alerts  motorDetectorModel/tail-motor  "Pressure Threshold Breached"  (in Dangerous; pressureThresholdBreached=3)',
      ]),
    );
  }, 60_000);
  it('serves both APIs to the official SDK clients signed with the local key pair, and refuses unsigned, tampered or wrongly signed requests', async () => {
    // Arrange
    const wrong = new IoTEventsClient({ ...vigilClientConfig({ endpoint: stack.endpoints.http, region: 'us-east-1' }), credentials: { ...CREDENTIALS, secretAccessKey: 'guessed' }, maxAttempts: 1 });
    const url = new URL(`${stack.endpoints.http}/inputs/messages`);
    const body = JSON.stringify({ messages: [{ messageId: 'tampered', inputName: 'PressureInput', payload: Buffer.from('{"motorid":"m-9","sensorData":{"pressure":99}}').toString('base64') }] });
    const { host: _host, ...signed } = await signRequest({ method: 'POST', url, body }, { service: 'execute-api', region: 'us-east-1', credentials: CREDENTIALS });

    // Act
    const models = await control.send(new ListDetectorModelsCommand({}));
    const put = await data.send(new BatchPutMessageCommand({ messages: [{ messageId: 'sdk-1', inputName: 'PressureInput', payload: Buffer.from('{"motorid":"sdk-put","sensorData":{"pressure":50}}') }] }));
    const unsigned = await Promise.all([fetch(`${stack.endpoints.http}/detector-models`), fetch(url, { method: 'POST', body })]);
    const tamperedBody = body.replace('"tampered"', '"replaced"');
    const tampered = await fetch(url, { method: 'POST', headers: signed, body: tamperedBody });
    const wrongSecret = await wrong.send(new ListDetectorModelsCommand({})).then(
      () => undefined,
      (error: Error) => error.name,
    );
    wrong.destroy();

    // Assert
    expect(models.detectorModelSummaries?.map((model) => model.detectorModelName)).toEqual(expect.arrayContaining(['motorDetectorModel', 'deviceConnectivity']));
    expect(put.BatchPutMessageErrorEntries).toEqual([]);
    expect(unsigned.map((response) => [response.status, response.headers.get('x-amzn-errortype')])).toEqual([
      [403, 'MissingAuthenticationTokenException'],
      [403, 'MissingAuthenticationTokenException'],
    ]);
    expect(tamperedBody).not.toBe(body);
    expect([tampered.status, tampered.headers.get('x-amzn-errortype')]).toEqual([403, 'InvalidSignatureException']);
    expect(wrongSecret).toBe('InvalidSignatureException');
  });

  it('takes a built-in lifecycle input from the local signer, whom the local stack lists among LIFECYCLE_PUBLISHERS', async () => {
    // Arrange: what `vigil batch-put-message --input AwsIotPresence` sends.
    const presence = { clientId: 'cli-made', timestamp: Date.now(), eventType: 'connected', sessionIdentifier: 's', principalIdentifier: 'p', versionNumber: 1, ipAddress: '127.0.0.1' };

    // Act
    const put = await data.send(new BatchPutMessageCommand({ messages: [{ messageId: 'presence-cli-1', inputName: 'AwsIotPresence', payload: Buffer.from(JSON.stringify(presence)) }] }));

    // Assert
    expect(put.BatchPutMessageErrorEntries).toEqual([]);
    const detector = await eventually(async () => (await data.send(new DescribeDetectorCommand({ detectorModelName: 'deviceConnectivity', keyValue: 'cli-made' })).catch(() => undefined))?.detector);
    expect(detector.state?.stateName).toBe('Online');
  });

  it('refuses an unsigned Lambda invocation (a forged lifecycle event), and runs one the SDK signs as the dispatcher does', async () => {
    // Arrange: what anyone on the machine (or a page's form post) could send to the Lambda port.
    const forged = { Records: [{ messageId: 'forged-1', body: JSON.stringify({ clientId: 'forged-pump', timestamp: Date.now(), eventType: 'disconnected', versionNumber: 999999, topic: '$aws/events/presence/disconnected/forged-pump' }) }] };
    const lambda = new LambdaClient({ region: 'us-east-1', endpoint: stack.endpoints.lambda, credentials: CREDENTIALS, maxAttempts: 1 });

    // Act
    const unsigned = await fetch(`${stack.endpoints.lambda}/2015-03-31/functions/vigil-local-ingestQueue/invocations`, { method: 'POST', body: JSON.stringify(forged) });
    const signed = await lambda.send(new InvokeCommand({ FunctionName: 'vigil-local-dispatchActions', InvocationType: 'Event', Payload: Buffer.from('{"Records":[]}') }));
    lambda.destroy();

    // Assert
    expect([unsigned.status, unsigned.headers.get('x-amzn-errortype')]).toEqual([403, 'MissingAuthenticationTokenException']);
    expect(await detectorVersion('deviceConnectivity', 'forged-pump')).toBe(0);
    expect(signed.StatusCode).toBe(202);
  });

  it('listens on 127.0.0.1 only: every port refuses connections on this machine’s other addresses', async () => {
    // Arrange
    const address = nonLoopbackAddress();
    if (!address) {
      process.stdout.write('skipped: this machine has no address besides loopback\n');
      return;
    }
    const ports = Object.entries(stack.ports);

    // Act
    const outcomes = await Promise.all(ports.map(async ([name, port]) => [name, await tryConnect('127.0.0.1', port), await tryConnect(address, port)]));

    // Assert
    expect(outcomes).toEqual(ports.map(([name]) => [name, 'accepted', 'ECONNREFUSED']));
  });
});
