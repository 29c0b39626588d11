import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import mqtt from 'mqtt';
import { tailCommand } from '../../../cli/commands/tail';
import { seededRandom } from '../../../local/devices/random';
import { DEFAULT_SETTINGS, DeviceSimulation } from '../../../local/devices/simulation';
import { spawnLocalStack, type SpawnedLocalStack } from '../../../local/stack/spawn-local-stack';
import { runCli } from '../../helpers/cli';
import { projectCopy } from './project-copy';

const CHECKOUT = path.resolve(__dirname, '../../..');
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Polls until `probe` returns a value (not undefined); no timing is asserted, jest's timeout bounds it. */
async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, pauseMs = 200): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/** Runs `run` with these variables set in this process's environment (the CLI's API commands read it). */
async function withEnv<T>(variables: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  const assign = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  assign(variables);
  try {
    return await run();
  } finally {
    assign(saved);
  }
}

/** A seed whose first device stays online for `ticks` ticks, so the test's device publishes throughout. */
function steadySeed(ticks: number): number {
  for (let seed = 1; ; seed++) {
    const simulation = new DeviceSimulation(seededRandom(seed), { ...DEFAULT_SETTINGS, count: 1 });
    const actions = Array.from({ length: ticks }, (_, i) => simulation.tick(i * 300)).flat();
    if (actions.every((action) => action.type !== 'disconnect')) return seed;
  }
}

/** Lines a child process writes, and a way to wait for one. */
function lines(child: ChildProcess): { all: string[]; seen: (matches: (line: string) => boolean) => Promise<string> } {
  const all: string[] = [];
  let partial = '';
  const take = (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    all.push(...parts);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return { all, seen: (matches) => eventually(() => all.find(matches)) };
}

describe('the local loop: the CLI finds the stack, follows its restarts, keeps its data, reloads its topic rules', () => {
  let root: string;
  let vigilDir: string;
  let stack: SpawnedLocalStack;
  const stderr: string[] = [];
  const start = () => spawnLocalStack({ root, vigilDir, persist: true, minTimerSeconds: 1, onStderr: (line) => stderr.push(line) });
  const dynamodbOf = (running: SpawnedLocalStack) => new DynamoDBClient({ region: 'us-east-1', credentials: CREDENTIALS, endpoint: running.endpoints.dynamodb });
  const detectorVersion = async (running: SpawnedLocalStack, model: string, key: string) => {
    const dynamodb = dynamodbOf(running);
    try {
      const { Item } = await dynamodb.send(new GetItemCommand({ TableName: running.provisioned.tables.DetectorsTable, Key: { pk: { S: `${model}|${key}` } }, ConsistentRead: true }));
      return Item ? Number(Item.version.N) : 0;
    } finally {
      dynamodb.destroy();
    }
  };
  const publish = async (running: SpawnedLocalStack, topic: string, payload: object) => {
    const client = await mqtt.connectAsync(running.endpoints.mqtt, { clientId: `loop-test-${Date.now()}`, reconnectPeriod: 0 });
    await client.publishAsync(topic, JSON.stringify(payload), { qos: 1 });
    await client.endAsync();
  };

  beforeAll(async () => {
    root = projectCopy();
    vigilDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-dir-'));
    stack = await start();
    process.stdout.write(`local stack (kept data, project copy) ready in ${(stack.readyMs / 1000).toFixed(1)} s (measured, not asserted)\n`);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
    if (vigilDir) rmSync(vigilDir, { recursive: true, force: true });
  }, 60_000);

  it('finds the running stack through its state file for every API command, and says which it talks to', async () => {
    // Arrange: nothing but the stack's folder; then only a port; then nothing at all.
    const empty = mkdtempSync(path.join(os.tmpdir(), 'vigil-dir-empty-'));
    const none = { VIGIL_ENDPOINT: undefined, VIGIL_HTTP_PORT: undefined };
    // Act
    const found = await withEnv({ ...none, VIGIL_DIR: vigilDir }, () => runCli('list-detector-models'));
    const byPort = await withEnv({ ...none, VIGIL_DIR: empty, VIGIL_HTTP_PORT: String(stack.ports.http) }, () => runCli('list-detector-models'));
    const byEndpoint = await withEnv({ ...none, VIGIL_DIR: empty, VIGIL_ENDPOINT: stack.endpoints.http }, () => runCli('list-detector-models'));
    const missing = await withEnv({ ...none, VIGIL_DIR: empty }, () => runCli('list-detector-models'));
    rmSync(empty, { recursive: true, force: true });
    // Assert
    expect(found.code).toBe(0);
    expect(found.stdout).toContain('motorDetectorModel');
    expect(found.stderr).toMatch(new RegExp(`^vigil: local stack at ${stack.endpoints.http} \\(pid ${stack.pid}, started \\d\\d:\\d\\d:\\d\\d\\)$`));
    expect(byPort).toMatchObject({ code: 0, stderr: `vigil: local stack at http://127.0.0.1:${stack.ports.http} (VIGIL_HTTP_PORT)` });
    expect(byEndpoint).toMatchObject({ code: 0, stderr: `vigil: API at ${stack.endpoints.http} (VIGIL_ENDPOINT)` });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^vigil list-detector-models: no local stack is running .*start one with `npm start`/);
  }, 60_000);

  it('reloads the topic rules when serverless.yml is edited, and keeps them when the edit is broken', async () => {
    // Arrange
    const file = path.join(root, 'serverless.yml');
    const original = readFileSync(file, 'utf8');
    const reloads = () => stderr.filter((line) => line.includes('topic rules reloaded')).length;
    // Act: the motor rule now reads pumps' topics.
    writeFileSync(file, original.replace("FROM 'vigil/motors/+/pressure'", "FROM 'vigil/pumps/+/pressure'"));
    await eventually(() => (reloads() === 1 ? true : undefined));
    await publish(stack, 'vigil/pumps/P-1/pressure', { motorid: 'P-1', sensorData: { pressure: 50, temperature: 30 } });
    const routed = await eventually(async () => ((await detectorVersion(stack, 'motorDetectorModel', 'P-1')) || undefined));
    // Act: a broken edit.
    writeFileSync(file, original.replace("FROM 'vigil/motors/+/pressure'", "FROM 'vigil/pumps/+/pressure'").replace('Sql: "SELECT encode', 'Sql: "SELEC encode'));
    const refused = await eventually(() => stderr.find((line) => line.includes('topic rules not reloaded')));
    await publish(stack, 'vigil/pumps/P-2/pressure', { motorid: 'P-2', sensorData: { pressure: 50, temperature: 30 } });
    const stillRouted = await eventually(async () => ((await detectorVersion(stack, 'motorDetectorModel', 'P-2')) || undefined));
    writeFileSync(file, original);
    await eventually(() => (reloads() === 2 ? true : undefined));
    // Assert
    expect(stderr.find((line) => line.includes('topic rules reloaded'))).toMatch(/^vigil: topic rules reloaded from serverless\.yml: \d+ \(.*vigil_local_motor_pressure/);
    expect(routed).toBeGreaterThan(0);
    expect(refused).toMatch(/^vigil: topic rules not reloaded, the previous ones stay: .*unexpected 'SELEC'/);
    expect(stillRouted).toBeGreaterThan(0);
  }, 180_000);

  it('routes device messages through rules declared in serverless.yml: by message id, a repeat dropped, and a batch; refuses a bad declaration', async () => {
    // Arrange: two declared rules (custom.vigil.rules), picked up by the rule watcher.
    const file = path.join(root, 'serverless.yml');
    const original = readFileSync(file, 'utf8');
    const reloads = () => stderr.filter((line) => line.includes('topic rules reloaded')).length;
    const declared = (extra: string) =>
      original.replace(
        '        inputName: PressureInput\n  names:',
        `        inputName: PressureInput
      - name: declared_single
        sql: "SELECT topic(3) AS motorid FROM 'vigil/declared/+/pressure'"
        inputName: PressureInput
        messageId: seq
      - sql: "SELECT topic(3) AS motorid FROM 'vigil/declared/+/batch'"
        inputName: PressureInput
        batchMode: true
${extra}  names:`,
      );
    type Trace = { messageId?: string; status?: string; finalState?: string; finalVariables?: Record<string, unknown> };
    const traces = async (key: string) => {
      const result = await withEnv({ VIGIL_DIR: vigilDir }, () => runCli('trace', 'motorDetectorModel', '--key', key, '--json'));
      return result.code === 0 ? (JSON.parse(result.stdout) as { traces: Trace[] }).traces : [];
    };
    const traced = (key: string, done: (found: Trace[]) => boolean) => eventually(async () => ((found) => (done(found) ? found : undefined))(await traces(key)));
    const before = reloads();
    writeFileSync(file, declared(''));
    const reloaded = await eventually(() => (reloads() > before ? stderr.filter((line) => line.includes('topic rules reloaded')).pop() : undefined));

    // Act: a message with its id; the same id again, with a low pressure that would lower the count
    // if it were applied; then another id. The local poller takes the queue in order.
    await publish(stack, 'vigil/declared/D-1/pressure', { seq: 1, sensorData: { pressure: 80, temperature: 30 } });
    await traced('D-1', (found) => found.length > 0);
    await publish(stack, 'vigil/declared/D-1/pressure', { seq: 1, sensorData: { pressure: 50, temperature: 30 } });
    await publish(stack, 'vigil/declared/D-1/pressure', { seq: 2, sensorData: { pressure: 50, temperature: 30 } });
    const single = await traced('D-1', (found) => found.some((trace) => trace.messageId === '2'));
    await publish(stack, 'vigil/declared/D-2/batch', [{ sensorData: { pressure: 80 } }, { sensorData: { pressure: 60 } }, { sensorData: { pressure: 60 } }]);
    const batch = await traced('D-2', (found) => found.length === 3);
    // Act: a bad declaration is refused, by path, and the rules stay as they were.
    writeFileSync(file, declared('      - topic: vigil/#/bad\n        inputName: PressureInput\n'));
    const refused = await eventually(() => stderr.find((line) => line.includes('custom.vigil.rules[3].topic')));
    writeFileSync(file, original);
    await eventually(() => (reloads() > before + 1 ? true : undefined));

    // Assert
    expect(reloaded).toMatch(/vigil_local_declared_single, vigil_local_PressureInput_vigil_declared_any_batch/);
    const applied = single.filter((trace) => trace.status !== 'Skipped');
    expect(applied.map((trace) => [trace.messageId, trace.finalState, trace.finalVariables])).toEqual([
      ['1', 'Dangerous', { pressureThresholdBreached: 3 }],
      ['2', 'Dangerous', { pressureThresholdBreached: 2 }],
    ]);
    const [prefix] = (batch[0].messageId ?? '').split('_');
    expect(batch.map((trace) => trace.messageId)).toEqual([`${prefix}_0`, `${prefix}_1`, `${prefix}_2`]);
    expect(batch.map((trace) => trace.finalState)[0]).toBe('Dangerous');
    expect(refused).toContain('custom.vigil.rules[3].topic: the topic filter "vigil/#/bad" is invalid');
  }, 180_000);

  it('follows a restarted stack with vigil tail and npm run devices, with the data kept', async () => {
    // Arrange: tail and a one-motor fleet on the first stack; a detector that raised an alert.
    const printed: string[] = [];
    const said: string[] = [];
    let stopTail = () => undefined as void;
    const tail = tailCommand([], { out: (line) => printed.push(line), err: (line) => said.push(line) }, { VIGIL_DIR: vigilDir }, new Promise<void>((resolve) => (stopTail = resolve)));
    await eventually(() => said.find((line) => line.startsWith('following')));
    const devices = spawn(process.execPath, [path.join(CHECKOUT, 'scripts', 'devices.cjs'), '--count', '1', '--interval', '300', '--seed', String(steadySeed(400))], {
      env: { ...process.env, VIGIL_DIR: vigilDir, VIGIL_MQTT_PORT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const fleet = lines(devices);
    try {
      await fleet.seen((line) => line.includes('publishing to'));
      await withEnv({ VIGIL_DIR: vigilDir }, () => runCli('batch-put-message', '--input', 'PressureInput', '--payload', '{"motorid": "Kept-1", "sensorData": {"pressure": 80}}'));
      await eventually(() => printed.find((line) => line.includes('action') && line.includes('motorDetectorModel/Kept-1')));
      const before = await withEnv({ VIGIL_DIR: vigilDir }, () => runCli('describe-detector', 'motorDetectorModel', '--key', 'Kept-1', '--json'));
      const first = stack;
      // Act: stop the stack, start another on the same folder (other ports: every port is picked afresh).
      await first.stop();
      await eventually(() => said.find((line) => line.includes('the local stack stopped')));
      stack = await start();
      const tailLine = await eventually(() => said.find((line) => line.includes('the local stack restarted')));
      const fleetLine = await fleet.seen((line) => line.includes('the local stack restarted'));
      const printedBefore = printed.length;
      // The fleet's readings reach the new stack, and tail prints what the new stack does.
      const readings = await detectorVersion(stack, 'motorDetectorModel', 'motor-01');
      await eventually(async () => ((await detectorVersion(stack, 'motorDetectorModel', 'motor-01')) > readings ? true : undefined));
      await withEnv({ VIGIL_DIR: vigilDir }, () => runCli('batch-put-message', '--input', 'PressureInput', '--payload', '{"motorid": "Kept-2", "sensorData": {"pressure": 80}}'));
      await eventually(() => printed.slice(printedBefore).find((line) => line.includes('action') && line.includes('motorDetectorModel/Kept-2')));
      const after = await withEnv({ VIGIL_DIR: vigilDir }, () => runCli('describe-detector', 'motorDetectorModel', '--key', 'Kept-1', '--json'));
      stopTail();
      // Assert
      expect(await tail).toBe(0);
      expect(tailLine).toMatch(new RegExp(`^vigil tail: the local stack restarted \\(pid ${stack.pid}, started \\d\\d:\\d\\d:\\d\\d\\); following `));
      expect(fleetLine).toContain(`devices reconnect to ${stack.endpoints.mqtt}`);
      expect(stack.endpoints.mqtt).not.toBe(first.endpoints.mqtt);
      // Kept: the detector as it was; not replayed: the first stack's alert is not published again.
      expect(after.code).toBe(0);
      expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
      expect(printed.slice(printedBefore).filter((line) => line.includes('action') && line.includes('Kept-1'))).toEqual([]);
    } finally {
      stopTail();
      devices.kill('SIGTERM');
    }
  }, 300_000);
});
