import { motorBackend } from '../motor';

const RULE = "1–128 characters without control characters, '|' or unpaired surrogates (text that is not valid Unicode)";

describe('the data-plane API: key values that are not valid Unicode', () => {
  it.each([
    ['BatchUpdateDetector', 'POST', '/detectors', { detectors: [{ messageId: 'u', detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-\ud800', state: { stateName: 'Normal', variables: [], timers: [] } }] }, 'detectors[0].keyValue'],
    ['BatchDeleteDetector', 'POST', '/detectors/delete', { detectors: [{ messageId: 'd', detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-\ud800' }] }, 'detectors[0].keyValue'],
  ])('refuses a %s key value with an unpaired surrogate', async (_, method, path, body, field) => {
    // Arrange
    const { call } = await motorBackend();

    // Act
    const answer = await call(method, path, body);

    // Assert
    expect(answer).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(answer.body.message).toBe(`${field} "Fulton-\\ud800" is invalid: give ${RULE}`);
  });

  it.each([['/detectors/motorDetectorModel/keyValues'], ['/detectors/motorDetectorModel/traces']])('refuses a key value with an unpaired surrogate in the query of %s', async (path) => {
    // Arrange
    const { call } = await motorBackend();

    // Act
    const answer = await call('GET', path, undefined, { keyValue: '\udfff' });

    // Assert
    expect(answer).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(answer.body.message).toBe(`keyValue "\\udfff" is invalid: give ${RULE}`);
  });

  it('rejects a message whose key has an unpaired surrogate, naming the key, and accepts one with a surrogate pair', async () => {
    // Arrange
    const { call } = await motorBackend();
    const entry = (messageId: string, motorid: string) => ({
      messageId, inputName: 'PressureInput', payload: Buffer.from(`{"motorid": "${motorid}", "sensorData": {"pressure": 80, "temperature": 39}}`).toString('base64'),
    });

    // Act
    const answer = await call('POST', '/inputs/messages', { messages: [entry('lone', 'pump-\\ud800'), entry('pair', 'pump-\\ud83d\\ude80')] });
    const paired = await call('GET', '/detectors/motorDetectorModel/keyValues', undefined, { keyValue: 'pump-\u{1F680}' });

    // Assert
    expect(answer.body.BatchPutMessageErrorEntries).toEqual([{ messageId: 'lone', errorCode: 'InvalidRequestException', errorMessage: `the key value "pump-\\ud800" must be ${RULE}` }]);
    expect(paired.status).toBe(200);
  });
});
