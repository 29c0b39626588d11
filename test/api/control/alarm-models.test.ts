import { controlRoutes } from '../../../lib/api/control/routes';
import type { AlarmInstanceRemover } from '../../../lib/ports';
import { alarmBody } from '../../helpers/alarm';
import { RecordingTelemetry } from '../../support/recording-telemetry';
import { caller } from '../call';
import { memoryBackend } from '../fakes';
import { ARN, motor, pressureInput } from '../motor';

const TEMP_INPUT = { inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } };
const ROLE = 'arn:aws:iam::000000000000:role/alarms';
const tempAlarm = alarmBody({ roleArn: ROLE, alarmModelDescription: 'too hot', tags: [{ key: 'team', value: 'ops' }] });

/** The control API on an in-memory back end with the `Temp` input, and a recording alarm instance remover. */
async function alarmApis() {
  const backend = memoryBackend();
  const removed: string[] = [];
  const alarmInstances: AlarmInstanceRemover = { deleteModelInstances: async (name) => void removed.push(name) };
  const telemetry = new RecordingTelemetry();
  const call = caller(controlRoutes({ ...backend.control, alarmInstances, telemetry }));
  await call('POST', '/inputs', TEMP_INPUT);
  return { backend, call, removed, telemetry };
}

describe('the control-plane API: alarm models', () => {
  it('creates version 1 as ACTIVATING, then describes it as ACTIVE with every member but the tags', async () => {
    // Arrange
    const { backend, call } = await alarmApis();
    const now = backend.clock.now() / 1000;

    // Act
    const created = await call('POST', '/alarm-models', tempAlarm);
    backend.clock.advance(5000);
    const described = await call('GET', '/alarm-models/tempAlarm');

    // Assert
    const header = { alarmModelArn: `${ARN}:alarmModel/tempAlarm`, alarmModelVersion: '1', creationTime: now, lastUpdateTime: now };
    expect(created).toEqual({ status: 200, errorType: undefined, body: { ...header, status: 'ACTIVATING' } });
    const { tags: _tags, ...members } = tempAlarm;
    expect(described.body).toEqual({ ...header, status: 'ACTIVE', ...members });
  });

  it('rejects an invalid alarm model with one InvalidRequestException listing every problem by path, storing nothing', async () => {
    // Arrange
    const { backend, call } = await alarmApis();
    const body = alarmBody({ severity: -1, alarmRule: { simpleRule: { inputProperty: '$input.Nope.value', comparisonOperator: 'ABOVE', threshold: '30' } }, colour: 'red' });

    // Act
    const answer = await call('POST', '/alarm-models', body);

    // Assert
    expect(answer).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    const message = answer.body.message as string;
    expect(message).toMatch(/^invalid alarm model tempAlarm: \d+ error/);
    for (const path of ['severity', 'colour', 'alarmRule.simpleRule.inputProperty', 'alarmRule.simpleRule.comparisonOperator']) expect(message).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}(\\[|:| )`, 'm'));
    expect(await backend.repository.getAlarmModel('tempAlarm')).toBeUndefined();
  });

  it('stores each update as a new version keeping the key, tags and description; older versions become INACTIVE', async () => {
    // Arrange
    const { backend, call } = await alarmApis();
    await call('POST', '/alarm-models', tempAlarm);
    backend.clock.advance(60_000);
    const { alarmModelName: _name, key: _key, tags: _tags, alarmModelDescription: _description, ...update } = tempAlarm;
    const rule = { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'GREATER_OR_EQUAL', threshold: '40' } };

    // Act
    const updated = await call('POST', '/alarm-models/tempAlarm', { ...update, alarmRule: rule, severity: 5 });
    const latest = await call('GET', '/alarm-models/tempAlarm');
    const v1 = await call('GET', '/alarm-models/tempAlarm', undefined, { version: '1' });
    const missing = await call('GET', '/alarm-models/tempAlarm', undefined, { version: '3' });
    const versions = await call('GET', '/alarm-models/tempAlarm/versions', undefined, { maxResults: '1' });
    const older = await call('GET', '/alarm-models/tempAlarm/versions', undefined, { maxResults: '1', nextToken: versions.body.nextToken as string });

    // Assert
    expect(updated.body).toMatchObject({ alarmModelVersion: '2', status: 'ACTIVATING' });
    expect(latest.body).toMatchObject({ alarmModelVersion: '2', key: 'id', severity: 5, alarmRule: rule, roleArn: ROLE, alarmModelDescription: 'too hot' });
    expect((await backend.repository.getAlarmModel('tempAlarm'))?.request.tags).toEqual([{ key: 'team', value: 'ops' }]);
    expect(v1.body).toMatchObject({ alarmModelVersion: '1', status: 'INACTIVE', severity: 3, statusMessage: expect.stringContaining('version 2') });
    expect(missing).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
    expect(versions.body.alarmModelVersionSummaries).toEqual([
      { alarmModelName: 'tempAlarm', alarmModelArn: `${ARN}:alarmModel/tempAlarm`, alarmModelVersion: '2', roleArn: ROLE, creationTime: backend.clock.now() / 1000, lastUpdateTime: backend.clock.now() / 1000, status: 'ACTIVATING' },
    ]);
    expect(older.body).toMatchObject({ alarmModelVersionSummaries: [{ alarmModelVersion: '1', status: 'INACTIVE' }] });
    expect(older.body.nextToken).toBeUndefined();
  });

  it('refuses an update without roleArn, as AWS did (UpdateAlarmModel requires it), naming it by path', async () => {
    // Arrange
    const { backend, call } = await alarmApis();
    await call('POST', '/alarm-models', tempAlarm);
    const { alarmModelName: _name, key: _key, tags: _tags, roleArn: _role, ...update } = tempAlarm;

    // Act
    const refused = await call('POST', '/alarm-models/tempAlarm', update);

    // Assert
    expect(refused).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(refused.body.message).toContain('roleArn: roleArn is required');
    expect((await backend.repository.getAlarmModel('tempAlarm'))?.version).toBe('1');
  });

  it('refuses an update that changes the key or the tags, or names another alarm model', async () => {
    // Arrange
    const { backend, call } = await alarmApis();
    await call('POST', '/alarm-models', tempAlarm);

    // Act
    const withKey = await call('POST', '/alarm-models/tempAlarm', { alarmRule: tempAlarm.alarmRule, key: 'other', tags: [] });
    const renamed = await call('POST', '/alarm-models/tempAlarm', { alarmRule: tempAlarm.alarmRule, alarmModelName: 'otherAlarm' });

    // Assert
    expect(withKey).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(withKey.body.message).toMatch(/^key: /m);
    expect(withKey.body.message).toMatch(/^tags: /m);
    expect(renamed.body.message).toMatch(/^alarmModelName: alarmModelName must be the path's, 'tempAlarm'/m);
    expect((await backend.repository.getAlarmModel('tempAlarm'))?.version).toBe('1');
  });

  it('answers 409 with the resource to a second create, and 404 to an alarm model that does not exist', async () => {
    // Arrange
    const { call } = await alarmApis();
    await call('POST', '/alarm-models', tempAlarm);

    // Act
    const again = await call('POST', '/alarm-models', tempAlarm);
    const update = await call('POST', '/alarm-models/nope', { alarmRule: tempAlarm.alarmRule });
    const describe = await call('GET', '/alarm-models/nope');
    const versions = await call('GET', '/alarm-models/nope/versions');

    // Assert
    expect(again).toMatchObject({ status: 409, errorType: 'ResourceAlreadyExistsException', body: { resourceId: 'tempAlarm', resourceArn: `${ARN}:alarmModel/tempAlarm` } });
    for (const answer of [update, describe, versions]) expect(answer).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
  });

  it('lists alarm models by name with their first creation time and description, page by page', async () => {
    // Arrange
    const { backend, call } = await alarmApis();
    const created = backend.clock.now() / 1000;
    await call('POST', '/alarm-models', alarmBody({ alarmModelName: 'b', alarmModelDescription: 'second' }));
    await call('POST', '/alarm-models', alarmBody({ alarmModelName: 'a' }));
    backend.clock.advance(1000);
    await call('POST', '/alarm-models/a', { alarmRule: tempAlarm.alarmRule });

    // Act
    const first = await call('GET', '/alarm-models', undefined, { maxResults: '1' });
    const second = await call('GET', '/alarm-models', undefined, { maxResults: '1', nextToken: first.body.nextToken as string });
    const tooMany = await call('GET', '/alarm-models', undefined, { maxResults: '251' });

    // Assert
    expect(first.body).toEqual({ alarmModelSummaries: [{ alarmModelName: 'a', creationTime: created }], nextToken: 'a' });
    expect(second.body).toEqual({ alarmModelSummaries: [{ alarmModelName: 'b', alarmModelDescription: 'second', creationTime: created }] });
    expect(tooMany).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
  });

  it('deletes an alarm model with 204 and its instances with it; a second delete is 404', async () => {
    // Arrange
    const { backend, call, removed } = await alarmApis();
    await call('POST', '/alarm-models', tempAlarm);

    // Act
    const deleted = await call('DELETE', '/alarm-models/tempAlarm');
    const again = await call('DELETE', '/alarm-models/tempAlarm');

    // Assert
    expect(deleted).toEqual({ status: 204, errorType: undefined, body: {} });
    expect(again).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
    // The second call still removes instances a failed first call may have left.
    expect(removed).toEqual(['tempAlarm', 'tempAlarm']);
    expect(await backend.repository.getAlarmModel('tempAlarm')).toBeUndefined();
    expect((await backend.models.catalog()).alarmModels).toEqual([]);
  });

  it('keeps alarm models apart from detector models of the same name', async () => {
    // Arrange
    const { call } = await alarmApis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', motor);

    // Act
    const created = await call('POST', '/alarm-models', alarmBody({ alarmModelName: 'motorDetectorModel' }));
    const deleted = await call('DELETE', '/alarm-models/motorDetectorModel');
    const detector = await call('GET', '/detector-models/motorDetectorModel');

    // Assert
    expect(created.status).toBe(200);
    expect(deleted.status).toBe(204);
    expect(detector.status).toBe(200);
  });

  it('routes an input to the alarm models whose rule reads it, beside the detector models, page by page', async () => {
    // Arrange
    const { call } = await alarmApis();
    await call('POST', '/inputs', pressureInput);
    await call('POST', '/detector-models', motor);
    const pressure = { simpleRule: { inputProperty: '$input.PressureInput.sensorData.pressure', comparisonOperator: 'GREATER', threshold: '70' } };
    await call('POST', '/alarm-models', alarmBody({ alarmModelName: 'motorDetectorModel', key: 'motorid', alarmRule: pressure }));
    await call('POST', '/alarm-models', alarmBody({ alarmModelName: 'pressureAlarm', key: 'motorid', alarmRule: pressure }));
    await call('POST', '/alarm-models', tempAlarm);
    const routings = (nextToken?: string) => call('POST', '/input-routings', { inputIdentifier: { iotEventsInputIdentifier: { inputName: 'PressureInput' } }, maxResults: 2, ...(nextToken ? { nextToken } : {}) });

    // Act
    const first = await routings();
    const second = await routings(first.body.nextToken as string);
    const foreign = await routings('motorDetectorModel');

    // Assert
    expect(first.body).toEqual({
      routedResources: [
        { name: 'motorDetectorModel', arn: `${ARN}:alarmModel/motorDetectorModel` },
        { name: 'motorDetectorModel', arn: `${ARN}:detectorModel/motorDetectorModel` },
      ],
      nextToken: `${ARN}:detectorModel/motorDetectorModel`,
    });
    expect(second.body).toEqual({ routedResources: [{ name: 'pressureAlarm', arn: `${ARN}:alarmModel/pressureAlarm` }] });
    expect(foreign).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
  });

  it('deletes an input that alarm models read, and logs which ones', async () => {
    // Arrange
    const { call, telemetry } = await alarmApis();
    await call('POST', '/alarm-models', tempAlarm);

    // Act
    const answer = await call('DELETE', '/inputs/Temp');

    // Assert
    expect(answer.status).toBe(200);
    expect(telemetry.lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: { inputName: 'Temp', detectorModels: [], alarmModels: ['tempAlarm'] } }));
  });
});
