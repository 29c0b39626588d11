import { powertoolsTelemetry } from '../../lib/adapters/telemetry';

/** The JSON lines written to stdout and stderr (warn, error) while `run` runs. */
function outputLines(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('powertoolsTelemetry', () => {
  const saved = { ...process.env };

  beforeEach(() => {
    delete process.env.POWERTOOLS_DEV;
    delete process.env.POWERTOOLS_LOG_LEVEL;
    delete process.env.AWS_LAMBDA_LOG_LEVEL;
    delete process.env.POWERTOOLS_METRICS_NAMESPACE;
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  it('writes one JSON log line per call, with the level, the service and the fields', () => {
    // Arrange
    const telemetry = powertoolsTelemetry('vigil-test');

    // Act
    const lines = outputLines(() => telemetry.log('warn', 'message rejected', { messageId: 'm1', reason: 'no key' }));

    // Assert
    expect(lines).toEqual([expect.objectContaining({ level: 'WARN', message: 'message rejected', service: 'vigil-test', messageId: 'm1', reason: 'no key' })]);
  });

  it('logs fields holding Integers (bigint) instead of throwing', () => {
    // Arrange
    const telemetry = powertoolsTelemetry('vigil-test');

    // Act
    const lines = outputLines(() => telemetry.log('error', 'evaluation', { count: 42n }));

    // Assert
    expect(lines[0]).toMatchObject({ level: 'ERROR', count: '42' });
  });

  it('leaves debug lines out at the default level', () => {
    // Arrange
    const telemetry = powertoolsTelemetry('vigil-test');

    // Act & Assert
    expect(outputLines(() => telemetry.log('debug', 'evaluation', {}))).toEqual([]);
  });

  it('adds counters as Count metrics in the Vigil namespace, summing nothing itself', () => {
    // Arrange
    const telemetry = powertoolsTelemetry('vigil-test');

    // Act
    telemetry.count('MessagesProcessed', 3);
    telemetry.count('MessagesFailed');
    const emf = telemetry.metrics.serializeMetrics();

    // Assert
    expect(emf._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'Vigil', Dimensions: [['service']], Metrics: [{ Name: 'MessagesProcessed', Unit: 'Count' }, { Name: 'MessagesFailed', Unit: 'Count' }] },
    ]);
    expect(emf).toMatchObject({ service: 'vigil-test', MessagesProcessed: 3, MessagesFailed: 1 });
  });

  it('uses the namespace the environment names', () => {
    // Arrange
    process.env.POWERTOOLS_METRICS_NAMESPACE = 'VigilStaging';
    const telemetry = powertoolsTelemetry('vigil-test');

    // Act
    telemetry.count('Evaluations', 1);

    // Assert
    expect(telemetry.metrics.serializeMetrics()._aws.CloudWatchMetrics[0].Namespace).toBe('VigilStaging');
  });
});
