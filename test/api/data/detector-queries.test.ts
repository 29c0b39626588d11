import { message, motorBackend } from '../motor';

describe('the data-plane API: DescribeDetector and ListDetectors', () => {
  it('describes a detector in the shape of the AWS CLI example', async () => {
    const { backend, call } = await motorBackend();
    const answer = await call('GET', '/detectors/motorDetectorModel/keyValues/', undefined, { keyValue: 'Fulton-A32' });
    const at = backend.clock.now() / 1000;
    expect(answer).toEqual({
      status: 200,
      errorType: undefined,
      body: {
        detector: {
          detectorModelName: 'motorDetectorModel',
          keyValue: 'Fulton-A32',
          detectorModelVersion: '1',
          state: { stateName: 'Dangerous', variables: [{ name: 'pressureThresholdBreached', value: '3' }], timers: [] },
          creationTime: at,
          lastUpdateTime: at,
        },
      },
    });
  });

  it('describes a detector whose key holds characters AWS did not allow but the engine does, like an MQTT client id', async () => {
    const { call } = await motorBackend();
    await call('POST', '/inputs/messages', { messages: [message('00002', 'site-7/pump.42', 60)] });
    const answer = await call('GET', '/detectors/motorDetectorModel/keyValues/', undefined, { keyValue: 'site-7/pump.42' });
    expect(answer).toMatchObject({ status: 200, body: { detector: { keyValue: 'site-7/pump.42', state: { stateName: 'Normal' } } } });
  });

  it('answers ResourceNotFoundException for a detector that does not exist', async () => {
    const { call } = await motorBackend();
    expect(await call('GET', '/detectors/motorDetectorModel/keyValues/', undefined, { keyValue: 'Nobody' })).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
  });

  it('lists detectors, filtered by state and paged', async () => {
    // Arrange: two more motors, one of them normal.
    const { call } = await motorBackend();
    await call('POST', '/inputs/messages', { messages: [message('00002', 'Fulton-A33', 90), message('00003', 'Fulton-A34', 10)] });
    // Act
    const dangerous = await call('GET', '/detectors/motorDetectorModel', undefined, { stateName: 'Dangerous' });
    const first = await call('GET', '/detectors/motorDetectorModel', undefined, { maxResults: '2' });
    const rest = await call('GET', '/detectors/motorDetectorModel', undefined, { maxResults: '2', nextToken: first.body.nextToken as string });
    // Assert
    const keys = (body: Record<string, unknown>) => (body.detectorSummaries as { keyValue: string }[]).map((summary) => summary.keyValue);
    expect(keys(dangerous.body)).toEqual(['Fulton-A32', 'Fulton-A33']);
    expect((dangerous.body.detectorSummaries as object[])[0]).toEqual({
      detectorModelName: 'motorDetectorModel',
      keyValue: 'Fulton-A32',
      detectorModelVersion: '1',
      state: { stateName: 'Dangerous' },
      creationTime: expect.any(Number),
      lastUpdateTime: expect.any(Number),
    });
    expect([...keys(first.body), ...keys(rest.body)]).toEqual(['Fulton-A32', 'Fulton-A33', 'Fulton-A34']);
    expect(rest.body).not.toHaveProperty('nextToken');
  });

  it('answers ResourceNotFoundException when listing a model that does not exist, and InvalidRequestException for a foreign token', async () => {
    const { call } = await motorBackend();
    expect(await call('GET', '/detectors/nope')).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
    expect(await call('GET', '/detectors/motorDetectorModel', undefined, { nextToken: 'garbage' })).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
  });
});
