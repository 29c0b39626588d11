import { ARN, apis, motor, pressureInput } from '../motor';

describe('the control-plane API: detector models', () => {
  it('creates version 1 as ACTIVATING, then describes it as ACTIVE once every container can have it', async () => {
    // Arrange
    const { backend, call } = apis();
    await call('POST', '/inputs', pressureInput);
    // Act
    const created = await call('POST', '/detector-models', motor);
    backend.clock.advance(5000);
    const described = await call('GET', '/detector-models/motorDetectorModel');
    // Assert
    const configuration = {
      detectorModelName: 'motorDetectorModel',
      detectorModelVersion: '1',
      detectorModelArn: `${ARN}:detectorModel/motorDetectorModel`,
      roleArn: motor.roleArn,
      key: 'motorid',
      evaluationMethod: 'BATCH',
    };
    expect(created).toMatchObject({ status: 200, body: { detectorModelConfiguration: { ...configuration, status: 'ACTIVATING' } } });
    expect(described.body).toEqual({
      detectorModel: { detectorModelDefinition: motor.detectorModelDefinition, detectorModelConfiguration: { ...configuration, status: 'ACTIVE', creationTime: 1767225600, lastUpdateTime: 1767225600 } },
    });
  });

  it('rejects a model whose input does not exist, naming the JSON path', async () => {
    const { call } = apis();
    const answer = await call('POST', '/detector-models', motor);
    expect(answer).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(answer.body.message).toMatch(/^states\[0\]\.onInput\.transitionEvents\[0\]\.condition: input "PressureInput" does not exist/m);
  });

  it('stores each update as a new version; older versions stay readable and become DEPRECATED', async () => {
    // Arrange
    const { backend, call } = apis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', { ...motor, evaluationMethod: 'SERIAL' });
    backend.clock.advance(60_000);
    const definition = structuredClone(motor.detectorModelDefinition);
    definition.states[0].onInput!.transitionEvents![0].condition = '$input.PressureInput.sensorData.pressure > 75';
    // Act
    const updated = await call('POST', '/detector-models/motorDetectorModel', { detectorModelDefinition: definition, roleArn: motor.roleArn });
    const v1 = await call('GET', '/detector-models/motorDetectorModel', undefined, { version: '1' });
    const versions = await call('GET', '/detector-models/motorDetectorModel/versions');
    const missing = await call('GET', '/detector-models/motorDetectorModel', undefined, { version: '3' });
    // Assert: the key and the evaluation method carry over.
    expect(updated.body.detectorModelConfiguration).toMatchObject({ detectorModelVersion: '2', key: 'motorid', evaluationMethod: 'SERIAL', status: 'ACTIVATING' });
    expect(v1.body.detectorModel).toMatchObject({ detectorModelDefinition: motor.detectorModelDefinition, detectorModelConfiguration: { detectorModelVersion: '1', status: 'DEPRECATED' } });
    expect((versions.body.detectorModelVersionSummaries as { detectorModelVersion: string; status: string }[]).map((v) => [v.detectorModelVersion, v.status])).toEqual([
      ['2', 'ACTIVATING'],
      ['1', 'DEPRECATED'],
    ]);
    expect(missing).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
  });

  it('answers 409 to a second create and 404 to updating a model that does not exist', async () => {
    const { call } = apis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', motor);
    expect(await call('POST', '/detector-models', motor)).toMatchObject({ status: 409, errorType: 'ResourceAlreadyExistsException', body: { resourceId: 'motorDetectorModel' } });
    expect(await call('POST', '/detector-models/nope', { detectorModelDefinition: motor.detectorModelDefinition })).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
  });

  it('lists models with their creation time and description', async () => {
    const { backend, call } = apis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', { ...motor, detectorModelDescription: 'Detect overpressure in a motor.' });
    const answer = await call('GET', '/detector-models');
    expect(answer.body).toEqual({ detectorModelSummaries: [{ detectorModelName: 'motorDetectorModel', detectorModelDescription: 'Detect overpressure in a motor.', creationTime: backend.clock.now() / 1000 }] });
  });

  it('deletes a model with 204, and its detectors with it', async () => {
    // Arrange: one detector on the model.
    const { backend, call, data } = apis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', motor);
    const payload = Buffer.from('{"motorid": "Fulton-A32", "sensorData": {"pressure": 80}}').toString('base64');
    await data('POST', '/inputs/messages', { messages: [{ messageId: '1', inputName: 'PressureInput', payload }] });
    expect(backend.detectors.items.size).toBe(1);
    // Act
    const deleted = await call('DELETE', '/detector-models/motorDetectorModel');
    // Assert
    expect(deleted).toEqual({ status: 204, errorType: undefined, body: {} });
    expect(backend.detectors.items.size).toBe(0);
    expect(await call('GET', '/detector-models/motorDetectorModel')).toMatchObject({ status: 404 });
    expect(await call('DELETE', '/detector-models/motorDetectorModel')).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
  });

  it('finishes deleting the detectors left by an earlier delete that timed out, then answers 404', async () => {
    // Arrange: the model is gone but one of its detectors is still stored.
    const { backend, call, data } = apis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', motor);
    const payload = Buffer.from('{"motorid": "Fulton-A32", "sensorData": {"pressure": 80}}').toString('base64');
    await data('POST', '/inputs/messages', { messages: [{ messageId: '1', inputName: 'PressureInput', payload }] });
    await backend.repository.deleteModel('motorDetectorModel');
    // Act
    const retried = await call('DELETE', '/detector-models/motorDetectorModel');
    const again = await call('DELETE', '/detector-models/motorDetectorModel');
    // Assert
    expect(retried.status).toBe(204);
    expect(backend.detectors.items.size).toBe(0);
    expect(again).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
  });

  it('lists the models an input is routed to', async () => {
    const { call } = apis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', motor);
    const answer = await call('POST', '/input-routings', { inputIdentifier: { iotEventsInputIdentifier: { inputName: 'PressureInput' } } });
    expect(answer.body).toEqual({ routedResources: [{ name: 'motorDetectorModel', arn: `${ARN}:detectorModel/motorDetectorModel` }] });
  });
});
