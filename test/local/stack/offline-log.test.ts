import { importantLine } from '../../../local/stack/offline-log';

describe('importantLine, what npm start shows of the functions’ output', () => {
  it('summarises a Powertools warning or error on one line, without the Lambda context', () => {
    // Arrange
    const line = JSON.stringify({
      level: 'WARN',
      message: 'message cannot be processed; sent to the dead-letter queue',
      timestamp: '2026-11-21T17:05:38.600Z',
      service: 'vigil',
      cold_start: false,
      function_name: 'vigil-local-ingestQueue',
      function_request_id: 'abc',
      queueMessageId: 'm1',
      reason: 'unknown input Foo',
      stack: 'Error: …\n    at x',
    });

    // Act
    const shown = importantLine(line);

    // Assert
    expect(shown).toBe('vigil-local-ingestQueue: WARN message cannot be processed; sent to the dead-letter queue (queueMessageId=m1, reason=unknown input Foo)');
  });

  it('keeps INFO logs, metrics and request lines out of the terminal', () => {
    // Arrange
    const lines = [
      JSON.stringify({ level: 'INFO', message: 'detector models loaded', function_name: 'vigil-local-ingestRule' }),
      JSON.stringify({ _aws: { Timestamp: 1 }, service: 'vigil', Evaluations: 1 }),
      '(λ: ingestRule) RequestId: 5a045680  Duration: 558.77 ms  Billed Duration: 559 ms',
      'POST /inputs/messages (λ: dataApi)',
      '',
    ];

    // Act
    const shown = lines.map(importantLine);

    // Assert
    expect(shown).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("shows serverless-offline's own failures", () => {
    // Arrange
    const line = "× Unhandled exception in handler 'ingestRule'.";

    // Act
    const shown = importantLine(line);

    // Assert
    expect(shown).toBe("offline: Unhandled exception in handler 'ingestRule'.");
  });
});
