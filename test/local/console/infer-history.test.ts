import { startConsoleServer, type RunningConsole } from '../../../local/console/console-server';
import { INFER_LIMITS, InferRefusal, inferHistory } from '../../../local/console/infer-history';
import { generateHistory, jsonLines } from '../../inference/telemetry-history';

const JSON_TYPE = { 'content-type': 'application/json' };

describe('POST /api/console/infer', () => {
  let server: RunningConsole;

  beforeAll(async () => {
    // Inference is answered by the console server itself: the API behind it is never called.
    server = await startConsoleServer({ port: 0, files: new Map(), api: { endpoint: 'http://127.0.0.1:9', region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } } });
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers the proposal and, per key, the series with its thresholds and a firing point at an injected spike', async () => {
    // Arrange
    const { messages, anomalies } = generateHistory({ keys: 2, readingsPerKey: 600, seed: 18, inject: [{ kind: 'spike', key: 1, index: 400 }] });
    const spike = anomalies[0];

    // Act
    const response = await fetch(`${server.url}/api/console/infer`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ history: jsonLines(messages), key: 'deviceId' }) });
    const answer = (await response.json()) as ReturnType<typeof inferHistory>;

    // Assert
    expect(response.status).toBe(200);
    expect(answer.proposal).toMatchObject({ readings: 1200, keys: 2, attributes: [{ name: 'temperature', readings: 1200 }] });
    expect(answer.report[2]).toMatch(/^attribute\s+readings/);
    expect(answer.series.map((series) => [series.key, series.attribute, series.readings])).toEqual([['dev-0', 'temperature', 600], ['dev-1', 'temperature', 600]]);
    const spiking = answer.series[1];
    expect(spiking.high).toBeGreaterThan(spiking.median);
    expect(spiking.low).toBeLessThan(spiking.median);
    expect(spiking.fired).toContainEqual([spike.time, expect.any(Number), 'high']);
    expect(spiking.points).toContainEqual([spike.time, spiking.fired.find(([time]) => time === spike.time)?.[1]]);
  });

  it('thins a long series to the point bound, keeping every reading that fired', () => {
    // Arrange
    const { messages, anomalies } = generateHistory({ keys: 1, readingsPerKey: 6000, seed: 7, inject: [{ kind: 'spike', key: 0, index: 4321 }] });

    // Act
    const [series] = inferHistory({ history: jsonLines(messages), key: 'deviceId' }).series;

    // Assert
    expect(series.readings).toBe(6000);
    expect(series.points.length).toBeLessThanOrEqual(INFER_LIMITS.pointsPerSeries + series.fired.length);
    expect(series.points.length).toBeGreaterThan(INFER_LIMITS.pointsPerSeries / 2);
    for (const [time, value] of series.fired) expect(series.points).toContainEqual([time, value]);
    expect(series.fired.map(([time]) => time)).toContain(anomalies[0].time);
    expect(series.points.map(([time]) => time)).toEqual([...series.points.map(([time]) => time)].sort((a, b) => a - b));
  });

  it('reads CSV by its header, as vigil infer does', () => {
    // Arrange
    const rows = Array.from({ length: 300 }, (_, i) => `${Date.UTC(2026, 0, 1) + i * 1000},pump-${i % 2},${20 + (i % 7) / 10}`);

    // Act
    const answer = inferHistory({ history: ['timestamp,pumpId,pressure', ...rows].join('\r\n'), key: 'pumpId', format: 'csv' });

    // Assert
    expect(answer.series.map((series) => [series.key, series.attribute, series.readings])).toEqual([['pump-0', 'pressure', 150], ['pump-1', 'pressure', 150]]);
  });

  it('refuses a history with a line it cannot read with a 400 naming the line', async () => {
    // Arrange
    const { messages } = generateHistory({ keys: 1, readingsPerKey: 5, seed: 1 });
    const lines = jsonLines(messages).split('\n');
    lines[2] = JSON.stringify({ inputName: 'Telemetry', payload: { deviceId: 'dev-0', temperature: 'hot' } });

    // Act
    const response = await fetch(`${server.url}/api/console/infer`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ history: lines.join('\n'), key: 'deviceId' }) });

    // Assert
    expect([response.status, response.headers.get('x-amzn-errortype')]).toEqual([400, 'InvalidRequestException']);
    expect(await response.json()).toEqual({ message: `line 3: attribute 'temperature' is "hot", not a number`, problems: [{ line: 3, message: `attribute 'temperature' is "hot", not a number` }] });
  });

  it('refuses an empty history, a key no line has, a bad rate and a body that is not a request', async () => {
    // Arrange
    const { messages } = generateHistory({ keys: 1, readingsPerKey: 3, seed: 1 });
    const post = (body: string) => fetch(`${server.url}/api/console/infer`, { method: 'POST', headers: JSON_TYPE, body });

    // Act
    const answers = await Promise.all([
      post(JSON.stringify({ history: '' })),
      post(JSON.stringify({ history: jsonLines(messages), key: 'motorId' })),
      post(JSON.stringify({ history: jsonLines(messages), maxRate: 2 })),
      post('[1'),
      post('null'),
    ]);

    // Assert
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400]);
    const messageOf = async (answer: Response) => ((await answer.json()) as { message: string }).message;
    expect(await messageOf(answers[0])).toBe('no readings: the history holds no numeric attribute');
    expect(await messageOf(answers[1])).toBe("line 1: no key attribute 'motorId' (and 2 more line(s))");
    expect(await messageOf(answers[2])).toBe('maxRate must be a rate between 0 and 1, not 2');
    expect(await messageOf(answers[3])).toMatch(/^The body is not JSON/);
    expect(await messageOf(answers[4])).toBe('The body must be a JSON object.');
  });

  it('refuses more readings than its bound', () => {
    // Arrange
    const history = Array.from({ length: INFER_LIMITS.readings + 1 }, (_, i) => `{"inputName":"T","payload":{"v":${i % 10}}}`).join('\n');

    // Act
    const infer = () => inferHistory({ history });

    // Assert
    expect(infer).toThrow(new InferRefusal(`at most ${INFER_LIMITS.readings} readings are inferred from at once; run vigil infer on larger histories`));
  });
});
