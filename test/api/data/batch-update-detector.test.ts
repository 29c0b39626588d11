import { StaleDetectorError, type DetectorWrite } from '../../../lib/ports';
import { backToNormal, motorBackend } from '../motor';

describe('the data-plane API: BatchUpdateDetector', () => {
  it('sets the documented state without running onEnter, and answers an empty error list', async () => {
    // Arrange
    const { call } = await motorBackend();
    // Act: onEnter of Normal would set the variable to 0 too, so set it to 7 to tell them apart.
    const answer = await call('POST', '/detectors', { detectors: [backToNormal({ state: { stateName: 'Normal', variables: [{ name: 'pressureThresholdBreached', value: '7' }], timers: [] } })] });
    const described = await call('GET', '/detectors/motorDetectorModel/keyValues', undefined, { keyValue: 'Fulton-A32' });
    // Assert
    expect(answer).toEqual({ status: 200, errorType: undefined, body: { batchUpdateDetectorErrorEntries: [] } });
    expect((described.body.detector as { state: unknown }).state).toEqual({ stateName: 'Normal', variables: [{ name: 'pressureThresholdBreached', value: '7' }], timers: [] });
  });

  it('writes a wake-up for every timer it sets, so the scheduler fires it', async () => {
    const { backend, call } = await motorBackend();
    const answer = await call('POST', '/detectors', { detectors: [backToNormal({ state: { stateName: 'Dangerous', variables: [], timers: [{ name: 'cooldown', seconds: 300 }] } })] });
    expect(answer.body).toEqual({ batchUpdateDetectorErrorEntries: [] });
    expect(backend.wakeups.wakeups).toEqual([{ detector: { model: 'motorDetectorModel', keyValue: 'Fulton-A32' }, timerName: 'cooldown', generation: 1, dueAt: backend.clock.now() + 300_000 }]);
  });

  it('reports each entry that cannot apply, and applies the others', async () => {
    const { call } = await motorBackend();
    const answer = await call('POST', '/detectors', {
      detectors: [
        backToNormal({ messageId: 'a', detectorModelName: 'nope' }),
        backToNormal({ messageId: 'b', keyValue: 'Nobody' }),
        backToNormal({ messageId: 'c', state: { stateName: 'Broken', variables: [], timers: [] } }),
        backToNormal({ messageId: 'd', state: { stateName: 'Normal', variables: [{ name: 'x', value: 'unquoted' }], timers: [] } }),
        backToNormal({ messageId: 'e' }),
      ],
    });
    expect(answer.body.batchUpdateDetectorErrorEntries).toEqual([
      { messageId: 'a', errorCode: 'ResourceNotFoundException', errorMessage: 'detector model nope does not exist' },
      { messageId: 'b', errorCode: 'ResourceNotFoundException', errorMessage: expect.stringContaining("detector 'Nobody'") },
      { messageId: 'c', errorCode: 'InvalidRequestException', errorMessage: expect.stringMatching(/^state\.stateName: state 'Broken' does not exist/) },
      { messageId: 'd', errorCode: 'InvalidRequestException', errorMessage: expect.stringMatching(/^state\.variables\[0\]\.value: .*not a literal/) },
    ]);
  });

  it('evaluates again from the current detector when another writer wins the race', async () => {
    // Arrange: the first write conflicts once, as if a message had been processed in between.
    const { backend, call } = await motorBackend();
    const put = backend.detectors.put.bind(backend.detectors);
    let conflicts = 1;
    backend.detectors.put = async (write: DetectorWrite) => {
      if (conflicts-- > 0) throw new StaleDetectorError(write.key, await backend.detectors.get(write.key));
      return put(write);
    };
    // Act
    const answer = await call('POST', '/detectors', { detectors: [backToNormal()] });
    // Assert
    expect(answer.body).toEqual({ batchUpdateDetectorErrorEntries: [] });
    expect((await backend.detectors.get({ model: 'motorDetectorModel', keyValue: 'Fulton-A32' }))?.snapshot.stateName).toBe('Normal');
  });

  it.each([
    ['no detectors', { detectors: [] }],
    ['a missing state', { detectors: [{ messageId: '1', detectorModelName: 'motorDetectorModel' }] }],
    ['a bad key value', { detectors: [backToNormal({ keyValue: 'has|bar' })] }],
    ['a bad variable name', { detectors: [backToNormal({ state: { stateName: 'Normal', variables: [{ name: '1x', value: '1' }], timers: [] } })] }],
    ['seconds that are not a whole number', { detectors: [backToNormal({ state: { stateName: 'Normal', variables: [], timers: [{ name: 't', seconds: 60.5 }] } })] }],
    ['a repeated messageId', { detectors: [backToNormal(), backToNormal()] }],
  ])('rejects the whole request for %s', async (_label, body) => {
    const { call } = await motorBackend();
    expect(await call('POST', '/detectors', body)).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
  });
});
