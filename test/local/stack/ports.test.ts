import net from 'node:net';
import { settingsFromEnv } from '../../../local/stack/env-options';
import { LocalStackError } from '../../../local/stack/errors';
import { DEFAULT_PORTS, portsFromEnv, resolvePorts } from '../../../local/stack/ports';
import { LOCAL_CALLER_ARN, LOCAL_CREDENTIALS } from '../../../local/stack/local-identity';

describe('local stack port configuration', () => {
  it('listens on the usual ports by default', () => {
    // Arrange
    const env = {};

    // Act
    const ports = portsFromEnv(env);

    // Assert
    expect(ports).toEqual({ http: 3000, lambda: 3002, mqtt: 1883, dynamodb: 8000, sqs: 4566, console: 3003 });
  });

  it('takes each port from its VIGIL_*_PORT variable', () => {
    // Arrange
    const env = { VIGIL_HTTP_PORT: '4000', VIGIL_LAMBDA_PORT: '4002', VIGIL_MQTT_PORT: '11883', VIGIL_DYNAMODB_PORT: '18000', VIGIL_SQS_PORT: '0', VIGIL_CONSOLE_PORT: '4003' };

    // Act
    const ports = portsFromEnv(env);

    // Assert
    expect(ports).toEqual({ http: 4000, lambda: 4002, mqtt: 11883, dynamodb: 18000, sqs: 0, console: 4003 });
  });

  it.each(['http', '-1', '70000', '3000.5'])('refuses %s as a port, naming the variable', (value) => {
    // Arrange
    const env = { VIGIL_MQTT_PORT: value };

    // Act
    const read = () => portsFromEnv(env);

    // Assert
    expect(read).toThrow(LocalStackError);
    expect(read).toThrow(/VIGIL_MQTT_PORT must be a port number/);
  });

  it('turns 0 into distinct free ports', async () => {
    // Arrange
    const requested = { http: 0, lambda: 0, mqtt: 0, dynamodb: 0, sqs: 0, console: 0 };

    // Act
    const ports = await resolvePorts(requested);

    // Assert
    const values = Object.values(ports);
    expect(values.every((port) => port > 0)).toBe(true);
    expect(new Set(values).size).toBe(6);
  });

  it('reports a port in use, with the variable that moves it, before anything starts', async () => {
    // Arrange
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    const port = (busy.address() as net.AddressInfo).port;

    // Act
    const resolving = resolvePorts({ http: 0, lambda: 0, mqtt: port, dynamodb: 0, sqs: 0, console: 0 });

    // Assert
    await expect(resolving).rejects.toThrow(`port ${port} is in use: stop what uses it, or set VIGIL_MQTT_PORT (0 picks a free port)`);
    await new Promise((resolve) => busy.close(resolve));
  });

  it('refuses two services on one port', async () => {
    // Arrange
    const requested = { ...DEFAULT_PORTS, sqs: 8000 };

    // Act
    const resolving = resolvePorts(requested);

    // Assert
    await expect(resolving).rejects.toThrow('VIGIL_SQS_PORT and VIGIL_DYNAMODB_PORT are both 8000');
  });
});

describe('npm start settings from the environment', () => {
  it('lowers the shortest timer with VIGIL_MIN_TIMER_SECONDS, for short test timers', () => {
    // Arrange
    const env = { VIGIL_MIN_TIMER_SECONDS: '1' };

    // Act
    const { options } = settingsFromEnv(env);

    // Assert
    expect(options.minTimerSeconds).toBe(1);
  });

  it('keeps AWS rules (60 s timers, AWS retry delays, SigV4 with the default key pair) unless told otherwise', () => {
    // Arrange
    const env = {};

    // Act
    const { options, verbose } = settingsFromEnv(env);

    // Assert
    expect(options).toEqual({ ports: DEFAULT_PORTS, auth: { mode: 'sigv4', credentials: LOCAL_CREDENTIALS, callerArn: LOCAL_CALLER_ARN, accountId: '000000000000' } });
    expect(verbose).toBe(false);
  });

  it('reads the key pair the APIs verify, and the switch that turns verification off', () => {
    // Arrange
    const env = { VIGIL_LOCAL_ACCESS_KEY_ID: 'AKIDME', VIGIL_LOCAL_SECRET_ACCESS_KEY: 's3cret', VIGIL_LOCAL_AUTH: 'off' };

    // Act
    const { options } = settingsFromEnv(env);

    // Assert
    expect(options.auth).toMatchObject({ mode: 'off', credentials: { accessKeyId: 'AKIDME', secretAccessKey: 's3cret' } });
  });

  it.each([
    [{ VIGIL_LOCAL_ACCESS_KEY_ID: 'AKIDME' }, /VIGIL_LOCAL_SECRET_ACCESS_KEY is not set/],
    [{ VIGIL_LOCAL_SECRET_ACCESS_KEY: 's3cret' }, /VIGIL_LOCAL_ACCESS_KEY_ID is not set/],
    [{ VIGIL_LOCAL_AUTH: 'no' }, /VIGIL_LOCAL_AUTH must be 'sigv4' .* or 'off', not 'no'/],
  ])('refuses an incomplete or unknown authentication setting %j', (env, message) => {
    // Act
    const read = () => settingsFromEnv(env);

    // Assert
    expect(read).toThrow(message);
  });

  it('reads the models folder, broker interface, retry delays and verbosity', () => {
    // Arrange
    const env = { VIGIL_MODELS_DIR: 'my-models', VIGIL_MQTT_HOST: '0.0.0.0', VIGIL_ASYNC_RETRY_DELAYS_MS: '1000, 2000', VIGIL_VERBOSE: '1' };

    // Act
    const { options, verbose } = settingsFromEnv(env, '/work/project');

    // Assert
    expect(options).toMatchObject({ modelsDir: '/work/project/my-models', mqttHost: '0.0.0.0', asyncRetryDelaysMs: [1000, 2000] });
    expect(verbose).toBe(true);
  });

  it('sends the functions\' DynamoDB requests to the loopback endpoint VIGIL_FUNCTIONS_DYNAMODB_ENDPOINT names', () => {
    // Arrange
    const env = { VIGIL_FUNCTIONS_DYNAMODB_ENDPOINT: 'http://127.0.0.1:18001/' };

    // Act
    const { options } = settingsFromEnv(env);

    // Assert
    expect(options.functionsDynamodbEndpoint).toBe('http://127.0.0.1:18001');
  });

  it.each(['https://dynamodb.example.com', 'http://10.0.0.5:8000', 'http://127.0.0.1:8000/path', 'http://user@localhost:8000', 'file:///tmp/x', 'not a url'])(
    'refuses %s as the functions\' DynamoDB endpoint: their signed requests stay on this machine',
    (value) => {
      // Arrange
      const env = { VIGIL_FUNCTIONS_DYNAMODB_ENDPOINT: value };

      // Act
      const read = () => settingsFromEnv(env);

      // Assert
      expect(read).toThrow(/^config: VIGIL_FUNCTIONS_DYNAMODB_ENDPOINT must be an http:\/\/ URL on this machine/);
    },
  );

  it.each([
    ['VIGIL_MIN_TIMER_SECONDS', '0'],
    ['VIGIL_MIN_TIMER_SECONDS', 'soon'],
    ['VIGIL_ASYNC_RETRY_DELAYS_MS', '1000,later'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    // Arrange
    const env = { [variable]: value };

    // Act
    const read = () => settingsFromEnv(env);

    // Assert
    expect(read).toThrow(new RegExp(`^config: ${variable} must be`));
  });
});
