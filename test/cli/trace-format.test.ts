import { formatTrace } from '../../cli/commands/trace';

describe('vigil trace lines', () => {
  it('marks an action that failed for good as FAILED, with when, how often, where and why; the others as taken', () => {
    // Arrange
    const trace = {
      timestamp: '2026-11-21T12:00:00.000Z',
      messageId: 'm1',
      inputName: 'PressureInput',
      triggerType: 'Message',
      initialState: 'Normal',
      finalState: 'Dangerous',
      actions: [
        { eventName: 'alarm', action: 'sns', actionExecutionId: 'a1' },
        { eventName: 'alarm', action: 'sns', actionExecutionId: 'a2', failure: { error: 'NotFoundException: Topic does not exist', attempts: 1, failedAt: '2026-11-21T12:00:01.000Z', target: 'arn:aws:sns:eu-west-1:123456789012:nowhere' } },
      ],
    };

    // Act
    const lines = formatTrace(trace);

    // Assert
    expect(lines.slice(1)).toEqual([
      '  action sns by alarm (a1)',
      '  action sns by alarm (a2)  FAILED at 2026-11-21T12:00:01.000Z (1 attempt, arn:aws:sns:eu-west-1:123456789012:nowhere): NotFoundException: Topic does not exist',
    ]);
  });
});
