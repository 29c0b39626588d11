import { ARN, apis, backToNormal, message, motor, motorBackend, pressureInput } from './motor';

/** The motor model with a misspelled `condition` in its first transition event. */
function misspelledMotor(): typeof motor {
  const model = structuredClone(motor);
  const transition = model.detectorModelDefinition.states[0].onInput!.transitionEvents![0] as unknown as Record<string, unknown>;
  transition.condtion = transition.condition;
  delete transition.condition;
  return model;
}

describe('the control-plane API: unknown members', () => {
  it('refuses CreateDetectorModel with every unknown member, top level and inside the definition, in one error', async () => {
    // Arrange
    const { call } = apis();
    await call('POST', '/inputs', pressureInput);

    // Act
    const answer = await call('POST', '/detector-models', { ...misspelledMotor(), evaluationMethd: 'SERIAL' });
    const listed = await call('GET', '/detector-models');

    // Assert
    expect(answer).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(answer.body.message).toContain("\nevaluationMethd: unknown member; did you mean 'evaluationMethod'?");
    expect(answer.body.message).toContain("\nstates[0].onInput.transitionEvents[0].condtion: unknown member; did you mean 'condition'?");
    expect(listed.body.detectorModelSummaries).toEqual([]);
  });

  it('accepts the read-only members of an exported model and does not store them', async () => {
    // Arrange
    const { backend, call } = apis();
    await call('POST', '/inputs', pressureInput);

    // Act
    const created = await call('POST', '/detector-models', { ...motor, detectorModelArn: `${ARN}:detectorModel/motorDetectorModel`, status: 'ACTIVE', creationTime: 1560796816.077 });
    const stored = await backend.repository.getModel('motorDetectorModel');

    // Assert
    expect(created.status).toBe(200);
    expect(Object.keys(JSON.parse(JSON.stringify(stored?.request)) as object).sort()).toEqual(Object.keys(motor).sort());
  });

  it('refuses an UpdateDetectorModel body that sets the key, or names another model', async () => {
    // Arrange
    const { call } = apis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', motor);

    // Act
    const answer = await call('POST', '/detector-models/motorDetectorModel', { detectorModelName: 'other', detectorModelDefinition: motor.detectorModelDefinition, key: 'id' });
    const same = await call('POST', '/detector-models/motorDetectorModel', { detectorModelName: 'motorDetectorModel', detectorModelDefinition: motor.detectorModelDefinition });

    // Assert
    expect(answer).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(answer.body.message).toContain("\ndetectorModelName: detectorModelName must be the path's, 'motorDetectorModel', or be left out");
    expect(answer.body.message).toContain('\nkey: unknown member; expected one of detectorModelName, detectorModelDefinition, detectorModelDescription, roleArn, evaluationMethod');
    expect(same.status).toBe(200);
  });

  it('refuses an unknown member inside an UpdateDetectorModel definition', async () => {
    // Arrange
    const { call } = apis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', motor);

    // Act
    const answer = await call('POST', '/detector-models/motorDetectorModel', { detectorModelDefinition: misspelledMotor().detectorModelDefinition });

    // Assert
    expect(answer).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(answer.body.message).toContain("\nstates[0].onInput.transitionEvents[0].condtion: unknown member; did you mean 'condition'?");
  });

  it('refuses CreateInput and UpdateInput bodies with unknown members', async () => {
    // Arrange
    const { call } = apis();
    await call('POST', '/inputs', pressureInput);

    // Act
    const created = await call('POST', '/inputs', { inputName: 'Other', inputDefinition: { attributes: [{ jsonPth: 'a' }] } });
    const updated = await call('PUT', '/inputs/PressureInput', { inputDefinition: pressureInput.inputDefinition, tags: [{ key: 'k', value: 'v' }] });

    // Assert
    expect(created.body.message).toContain("\ninputDefinition.attributes[0].jsonPth: unknown member; did you mean 'jsonPath'?");
    expect(updated).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(updated.body.message).toContain('\ntags: unknown member; expected one of inputName, inputDefinition, inputDescription');
  });

  it('refuses an unknown member of an analysis request, and reports those of its definition as results', async () => {
    // Arrange
    const { call } = apis();
    await call('POST', '/inputs', pressureInput);

    // Act
    const refused = await call('POST', '/analysis/detector-models', { detectorModelDefinition: motor.detectorModelDefinition, detectorModelName: 'motor' });
    const started = await call('POST', '/analysis/detector-models', { detectorModelDefinition: misspelledMotor().detectorModelDefinition });
    const results = await call('GET', `/analysis/detector-models/${started.body.analysisId as string}/results`);

    // Assert
    expect(refused.body.message).toContain("\ndetectorModelName: unknown member; expected one of detectorModelDefinition");
    expect(results.body.analysisResults).toContainEqual({
      type: 'structure', level: 'ERROR', message: "unknown member; did you mean 'condition'?", locations: [{ path: 'states[0].onInput.transitionEvents[0].condtion' }],
    });
  });

  it('refuses an unknown member of a ListInputRoutings request', async () => {
    // Arrange
    const { call } = apis();
    await call('POST', '/inputs', pressureInput);

    // Act
    const answer = await call('POST', '/input-routings', { inputIdentifier: { iotEventsInputIdentifier: { inputName: 'PressureInput', inputname: 'x' } } });

    // Assert
    expect(answer).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(answer.body.message).toContain("\ninputIdentifier.iotEventsInputIdentifier.inputname: unknown member; did you mean 'inputName'?");
  });

  it('lists at most 100 errors in the message of a body made of unknown members', async () => {
    // Arrange
    const { call } = apis();
    const junk = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`junk${i}`, i]));

    // Act
    const answer = await call('POST', '/inputs', { ...pressureInput, ...junk });

    // Assert
    const message = answer.body.message as string;
    expect(message).toMatch(/^invalid input PressureInput: 5000 error\(s\)\n/);
    expect(message.split('\n')).toHaveLength(102);
    expect(message).toMatch(/\n… and 4900 more$/);
  });
});

describe('the data-plane API: unknown members', () => {
  it('refuses a BatchPutMessage whose message has a misspelled member, and processes none of it', async () => {
    // Arrange
    const { call } = await motorBackend();
    const entry = { ...message('00002', 'Fulton-A32', 60), timestamp: { timeInMilis: 1 } };

    // Act
    const answer = await call('POST', '/inputs/messages', { messages: [entry] });
    const described = await call('GET', '/detectors/motorDetectorModel/keyValues', undefined, { keyValue: 'Fulton-A32' });

    // Assert
    expect(answer).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(answer.body.message).toBe("invalid BatchPutMessageRequest: 1 error(s)\nmessages[0].timestamp.timeInMilis: unknown member; did you mean 'timeInMillis'?");
    expect((described.body.detector as { state: { stateName: string } }).state.stateName).toBe('Dangerous');
  });

  it('refuses BatchUpdateDetector and BatchDeleteDetector bodies with unknown members', async () => {
    // Arrange
    const { call } = await motorBackend();

    // Act
    const updated = await call('POST', '/detectors', { detectors: [backToNormal({ state: { stateName: 'Normal', variables: [], timers: [{ name: 't', second: 60 }] } })] });
    const deleted = await call('POST', '/detectors/delete', { detectors: [{ messageId: 'd', detectorModelName: 'motorDetectorModel', keyvalue: 'Fulton-A32' }] });
    const described = await call('GET', '/detectors/motorDetectorModel/keyValues', undefined, { keyValue: 'Fulton-A32' });

    // Assert
    expect(updated.body.message).toContain("\ndetectors[0].state.timers[0].second: unknown member; did you mean 'seconds'?");
    expect(deleted.body.message).toContain("\ndetectors[0].keyvalue: unknown member; did you mean 'keyValue'?");
    expect(described.status).toBe(200);
  });
});
