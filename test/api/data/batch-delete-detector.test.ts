import { message, motorBackend } from '../motor';

describe('the data-plane API: BatchDeleteDetector', () => {
  it('deletes detectors and reports those that do not exist', async () => {
    // Arrange
    const { backend, call } = await motorBackend();
    // Act
    const answer = await call('POST', '/detectors/delete', {
      detectors: [
        { messageId: '1', detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32' },
        { messageId: '2', detectorModelName: 'motorDetectorModel', keyValue: 'Nobody' },
      ],
    });
    // Assert
    expect(answer.body).toEqual({ batchDeleteDetectorErrorEntries: [{ messageId: '2', errorCode: 'ResourceNotFoundException', errorMessage: expect.stringContaining("'Nobody'") }] });
    expect(backend.detectors.items.size).toBe(0);
  });

  it('lets the next message create the detector again from the initial state', async () => {
    const { call } = await motorBackend();
    await call('POST', '/detectors/delete', { detectors: [{ messageId: '1', detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32' }] });
    await call('POST', '/inputs/messages', { messages: [message('00009', 'Fulton-A32', 60)] });
    const described = await call('GET', '/detectors/motorDetectorModel/keyValues/', undefined, { keyValue: 'Fulton-A32' });
    expect((described.body.detector as { state: unknown }).state).toEqual({ stateName: 'Normal', variables: [{ name: 'pressureThresholdBreached', value: '0' }], timers: [] });
  });
});
