import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findLocalStack, NoLocalStackError, sameStack } from '../../../local/stack/find-local-stack';
import { readStateFile, stateFilePath, writeStateFile, type LocalStackState } from '../../../local/stack/state-file';

// A pid above Linux's largest possible one (2^22): no process has it.
const DEAD_PID = 2 ** 22 + 1;

function state(pid: number, startedAt = Date.now()): LocalStackState {
  const ports = { http: 3100, lambda: 3102, mqtt: 1983, dynamodb: 8100, sqs: 4666, console: 3103 };
  return {
    pid,
    startedAt,
    stage: 'local',
    ports,
    endpoints: { http: 'http://127.0.0.1:3100', lambda: 'http://127.0.0.1:3102', mqtt: 'mqtt://127.0.0.1:1983', dynamodb: 'http://127.0.0.1:8100', sqs: 'http://127.0.0.1:4666', console: 'http://127.0.0.1:3103' },
    provisioned: { tables: {}, queues: {}, topics: {}, subscriptions: [] },
  };
}

describe('findLocalStack', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-find-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes an explicit --endpoint over everything else', () => {
    // Arrange
    writeStateFile(stateFilePath(dir), state(process.pid));
    // Act
    const found = findLocalStack(['http'], { endpoint: 'https://api.example.com' }, { VIGIL_DIR: dir, VIGIL_ENDPOINT: 'http://other', VIGIL_HTTP_PORT: '4000' });
    // Assert
    expect(found).toMatchObject({ endpoints: { http: 'https://api.example.com' }, via: '--endpoint' });
  });

  it('takes VIGIL_ENDPOINT over the running stack', () => {
    // Arrange
    writeStateFile(stateFilePath(dir), state(process.pid));
    // Act
    const found = findLocalStack(['http'], {}, { VIGIL_DIR: dir, VIGIL_ENDPOINT: 'https://api.example.com' });
    // Assert
    expect(found).toMatchObject({ endpoints: { http: 'https://api.example.com' }, description: 'API at https://api.example.com (VIGIL_ENDPOINT)' });
  });

  it('finds the running stack through its state file before the port variables, and names it', () => {
    // Arrange
    const running = state(process.pid, Date.UTC(2026, 0, 2, 12, 1, 5));
    writeStateFile(stateFilePath(dir), running);
    // Act
    const found = findLocalStack(['http'], {}, { VIGIL_DIR: dir, VIGIL_HTTP_PORT: '4000' });
    // Assert
    expect(found.endpoints).toEqual({ http: 'http://127.0.0.1:3100' });
    expect(found.state).toEqual(running);
    expect(found.description).toBe(`local stack at http://127.0.0.1:3100 (pid ${process.pid}, started 12:01:05)`);
  });

  it('ignores VIGIL_ENDPOINT for tools that need more than the API', () => {
    // Arrange
    writeStateFile(stateFilePath(dir), state(process.pid));
    // Act
    const found = findLocalStack(['mqtt'], {}, { VIGIL_DIR: dir, VIGIL_ENDPOINT: 'https://api.example.com' });
    // Assert
    expect(found.endpoints).toEqual({ mqtt: 'mqtt://127.0.0.1:1983' });
  });

  it('skips a state file whose stack is gone and falls back to the port variables', () => {
    // Arrange
    writeStateFile(stateFilePath(dir), state(DEAD_PID));
    // Act
    const found = findLocalStack(['sqs', 'dynamodb'], {}, { VIGIL_DIR: dir, VIGIL_SQS_PORT: '4999' });
    // Assert
    expect(found).toMatchObject({ endpoints: { sqs: 'http://127.0.0.1:4999', dynamodb: 'http://127.0.0.1:8000' }, via: 'VIGIL_SQS_PORT', description: 'local stack at http://127.0.0.1:4999 (VIGIL_SQS_PORT)' });
    expect(found.state).toBeUndefined();
  });

  it('refuses with what to do when nothing names a stack', () => {
    // Arrange
    const env = { VIGIL_DIR: dir };
    // Act
    const find = () => findLocalStack(['http'], {}, env);
    // Assert
    expect(find).toThrow(NoLocalStackError);
    expect(find).toThrow(/no local stack is running .*`npm start`.*--endpoint <url> or VIGIL_ENDPOINT.*VIGIL_HTTP_PORT/);
  });

  it('refuses a port variable that is not a port, naming it', () => {
    // Arrange
    const env = { VIGIL_DIR: dir, VIGIL_MQTT_PORT: 'abc' };
    // Act
    const find = () => findLocalStack(['mqtt'], {}, env);
    // Assert
    expect(find).toThrow(/VIGIL_MQTT_PORT must be a port number/);
  });
});

describe('the state file', () => {
  it('tells a restarted stack from the same one by pid and start time', () => {
    // Arrange
    const first = state(process.pid, 1000);
    // Act and Assert
    expect(sameStack(first, { ...first })).toBe(true);
    expect(sameStack(first, state(process.pid, 2000))).toBe(false);
    expect(sameStack(first, undefined)).toBe(false);
    expect(sameStack(undefined, undefined)).toBe(true);
  });

  it('reads back what was written, and nothing when the file is not JSON', () => {
    // Arrange
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-state-'));
    const file = stateFilePath(dir);
    // Act
    writeStateFile(file, state(process.pid, 5));
    const read = readStateFile(file);
    writeFileSync(file, '{"pid": ');
    const broken = readStateFile(file);
    rmSync(dir, { recursive: true, force: true });
    // Assert
    expect(read?.startedAt).toBe(5);
    expect(broken).toBeUndefined();
  });
});
