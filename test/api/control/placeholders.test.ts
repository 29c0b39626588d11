import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readModelFiles } from '../../../lib/adapters/model-files';
import { controlRoutes } from '../../../lib/api/control/routes';
import { LOCAL_SCOPE, type ResourceScope } from '../../../lib/api/resource-scope';
import { LOCAL_STAGE } from '../../../local/stack/local-identity';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { LOCAL_PLACEHOLDERS } from '../../../lib/model/placeholders';
import { caller } from '../call';
import { memoryBackend } from '../fakes';

const MODELS = path.resolve(__dirname, '../../../models');
const shipped = <T>(file: string) => JSON.parse(readFileSync(path.join(MODELS, file), 'utf8')) as T;
const [motorInput] = shipped<CreateInputRequest[]>('motor.inputs.json');
const motorFile = shipped<CreateDetectorModelRequest>('motor-detector-model.json');
const PROD: ResourceScope = { partition: 'aws-cn', region: 'cn-north-1', accountId: '123456789012' };
const ALERTS = 'arn:aws-cn:sns:cn-north-1:123456789012:vigil-prod-alerts';

/** The control API of a deployment in PROD's account and region, stage `prod`. */
function prodApi() {
  const backend = memoryBackend();
  return { backend, call: caller(controlRoutes({ ...backend.control, stage: 'prod' }), PROD) };
}

/** Every `targetArn` of a model's actions. */
const snsTargets = (model: unknown) => [...JSON.stringify(model).matchAll(/"targetArn":"([^"]*)"/g)].map((match) => match[1]);

describe('the control-plane API: placeholders of model files', () => {
  it('fills the placeholders of a created model with its own account, region, partition and stage', async () => {
    // Arrange
    const { backend, call } = prodApi();
    await call('POST', '/inputs', motorInput);
    // Act
    const created = await call('POST', '/detector-models', motorFile);
    // Assert
    const stored = (await backend.repository.getModel('motorDetectorModel'))?.request;
    expect(created.status).toBe(200);
    expect(created.body.detectorModelConfiguration).toMatchObject({ roleArn: 'arn:aws-cn:iam::123456789012:role/vigil-prod-models' });
    expect(snsTargets(stored)).toEqual([ALERTS, ALERTS]);
    expect(JSON.stringify(stored)).not.toMatch(/\$\{(AWS|Vigil)::/);
  });

  it('fills the placeholders of an updated model', async () => {
    // Arrange: version 1 names a topic literally.
    const { backend, call } = prodApi();
    await call('POST', '/inputs', motorInput);
    await call('POST', '/detector-models', JSON.parse(JSON.stringify(motorFile).replaceAll('vigil-${Vigil::Stage}-alerts', 'literal-alerts')));
    // Act
    const updated = await call('POST', '/detector-models/motorDetectorModel', { detectorModelDefinition: motorFile.detectorModelDefinition, roleArn: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/Other' });
    // Assert
    const stored = (await backend.repository.getModel('motorDetectorModel'))?.request;
    expect(updated.body.detectorModelConfiguration).toMatchObject({ detectorModelVersion: '2', roleArn: 'arn:aws-cn:iam::123456789012:role/Other' });
    expect(snsTargets(stored)).toEqual([ALERTS, ALERTS]);
  });

  it('fills the placeholders of a created and an updated input', async () => {
    // Arrange
    const { call } = prodApi();
    const input = { ...motorInput, inputDescription: 'Pressure of ${Vigil::Stage} motors in ${AWS::Region}' };
    // Act
    const created = await call('POST', '/inputs', input);
    const updated = await call('PUT', '/inputs/PressureInput', { inputDefinition: input.inputDefinition, inputDescription: 'Now ${AWS::AccountId}' });
    // Assert
    expect(created.body.inputConfiguration).toMatchObject({ inputDescription: 'Pressure of prod motors in cn-north-1' });
    expect(updated.body.inputConfiguration).toMatchObject({ inputDescription: 'Now 123456789012' });
  });

  it('leaves the string templates of IoT Events expressions alone', async () => {
    // Arrange: the connectivity model's payloads use `${$variable.clientId}`.
    const { backend, call } = prodApi();
    const file = shipped<CreateDetectorModelRequest>('device-connectivity.json');
    // Act
    await call('POST', '/detector-models', file);
    // Assert
    const stored = JSON.stringify((await backend.repository.getModel(file.detectorModelName))?.request);
    expect(stored).toContain('${$variable.clientId}');
    expect(stored).toContain(ALERTS);
  });

  it('stores a model without placeholders exactly as it was sent', async () => {
    // Arrange
    const { backend, call } = prodApi();
    await call('POST', '/inputs', motorInput);
    const literal = JSON.parse(JSON.stringify(motorFile).replace(/arn:\$\{AWS::Partition\}[^"]*/g, 'arn:aws:sns:eu-west-1:999999999999:elsewhere'));
    // Act
    await call('POST', '/detector-models', literal);
    // Assert
    expect((await backend.repository.getModel('motorDetectorModel'))?.request).toEqual(literal);
  });

  it('stores a shipped model locally exactly as the local seeder does', async () => {
    // Arrange: the local stack's control API runs with the local scope and stage.
    const backend = memoryBackend();
    const call = caller(controlRoutes({ ...backend.control, stage: LOCAL_STAGE }), LOCAL_SCOPE);
    const seeded = readModelFiles(MODELS, LOCAL_PLACEHOLDERS);
    await call('POST', '/inputs', motorInput);
    // Act
    await call('POST', '/detector-models', motorFile);
    // Assert
    const stored = (await backend.repository.getModel('motorDetectorModel'))?.request;
    expect(stored).toEqual(seeded.models.find((model) => model.detectorModelName === 'motorDetectorModel'));
  });
});
