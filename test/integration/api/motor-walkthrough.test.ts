import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateDetectorModelCommand,
  CreateInputCommand,
  DeleteDetectorModelCommand,
  DeleteInputCommand,
  DescribeDetectorModelCommand,
  DescribeInputCommand,
  ListDetectorModelsCommand,
  ListDetectorModelVersionsCommand,
  ListInputsCommand,
  UpdateDetectorModelCommand,
  type CreateDetectorModelRequest,
  type CreateInputRequest,
} from '@aws-sdk/client-iot-events';
import {
  BatchDeleteDetectorCommand,
  BatchPutMessageCommand,
  BatchUpdateDetectorCommand,
  DescribeDetectorCommand,
  ListDetectorsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-iot-events-data';
import { createTestStack, type TestStack } from '../stack';
import { startTestApi, type TestApi } from './api-server';

const EXAMPLES = path.resolve(__dirname, '../../fixtures/aws-examples');
const read = <T>(file: string) => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as T;
const motor = read<CreateDetectorModelRequest>('motorDetectorModel.json');
const [pressureInput] = read<CreateInputRequest[]>('motorDetectorModel.inputs.json');
const documentedMessages = read<{ messages: { messageId: string; inputName: string; payload: string }[] }[]>('motorDetectorModel.messages.json');
const ARN = 'arn:aws:iotevents:us-east-1:000000000000';
const anyDate = expect.any(Date);

/**
 * The AWS motor walkthrough (iotevents-simple-example) driven end to end by the official SDK
 * clients over HTTP: each response must parse and match what the AWS docs and CLI examples show.
 */
describe('the motor walkthrough through the official AWS SDK clients', () => {
  let stack: TestStack;
  let api: TestApi;

  beforeAll(async () => {
    stack = await createTestStack();
    api = await startTestApi(stack);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('creates the input and the model as the CLI examples show', async () => {
    // Act
    const input = await api.control.send(new CreateInputCommand(pressureInput));
    const described = await api.control.send(new DescribeInputCommand({ inputName: 'PressureInput' }));
    const inputs = await api.control.send(new ListInputsCommand({}));
    const model = await api.control.send(new CreateDetectorModelCommand(motor));
    const models = await api.control.send(new ListDetectorModelsCommand({}));
    const describedModel = await api.control.send(new DescribeDetectorModelCommand({ detectorModelName: 'motorDetectorModel' }));
    // Assert
    const inputConfiguration = { inputName: 'PressureInput', inputDescription: 'Pressure readings from a motor', inputArn: `${ARN}:input/PressureInput`, creationTime: anyDate, lastUpdateTime: anyDate, status: 'ACTIVE' };
    expect(input.$metadata.httpStatusCode).toBe(201);
    expect(input.inputConfiguration).toEqual(inputConfiguration);
    expect(described.input).toEqual({ inputConfiguration, inputDefinition: pressureInput.inputDefinition });
    expect(inputs.inputSummaries).toEqual([inputConfiguration]);
    const modelConfiguration = {
      detectorModelName: 'motorDetectorModel',
      detectorModelVersion: '1',
      detectorModelArn: `${ARN}:detectorModel/motorDetectorModel`,
      roleArn: 'arn:aws:iam::123456789012:role/IoTEventsRole',
      creationTime: anyDate,
      lastUpdateTime: anyDate,
      key: 'motorid',
      evaluationMethod: 'BATCH',
    };
    expect(model.detectorModelConfiguration).toEqual({ ...modelConfiguration, status: 'ACTIVATING' });
    expect(models.detectorModelSummaries).toEqual([{ detectorModelName: 'motorDetectorModel', creationTime: anyDate }]);
    // MODEL_REFRESH_MS is 0 in tests: every container has the model at once.
    expect(describedModel.detectorModel).toEqual({ detectorModelDefinition: motor.detectorModelDefinition, detectorModelConfiguration: { ...modelConfiguration, status: 'ACTIVE' } });
  });

  it('accepts the documented messages and describes the detector as the CLI example shows', async () => {
    // Act: the high-pressure message of the walkthrough (the SDK base64-encodes the payload).
    const [first] = documentedMessages;
    const put = await api.data.send(new BatchPutMessageCommand({ messages: first.messages.map((m) => ({ ...m, payload: Buffer.from(m.payload) })) }));
    const { detector } = await api.data.send(new DescribeDetectorCommand({ detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32' }));
    // Assert
    expect(put.BatchPutMessageErrorEntries).toEqual([]);
    expect(detector).toEqual({
      detectorModelName: 'motorDetectorModel',
      keyValue: 'Fulton-A32',
      detectorModelVersion: '1',
      state: { stateName: 'Dangerous', variables: [{ name: 'pressureThresholdBreached', value: '3' }], timers: [] },
      creationTime: anyDate,
      lastUpdateTime: anyDate,
    });
  });

  it('lists the detector, filtered by state', async () => {
    const all = await api.data.send(new ListDetectorsCommand({ detectorModelName: 'motorDetectorModel' }));
    const normal = await api.data.send(new ListDetectorsCommand({ detectorModelName: 'motorDetectorModel', stateName: 'Normal', maxResults: 10 }));
    expect(all.detectorSummaries).toEqual([
      { detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32', detectorModelVersion: '1', state: { stateName: 'Dangerous' }, creationTime: anyDate, lastUpdateTime: anyDate },
    ]);
    expect(all.nextToken).toBeUndefined();
    expect(normal.detectorSummaries).toEqual([]);
  });

  it('sets the detector back to Normal with the CLI example of BatchUpdateDetector', async () => {
    // Act
    const update = await api.data.send(
      new BatchUpdateDetectorCommand({
        detectors: [
          { messageId: '00001', detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32', state: { stateName: 'Normal', variables: [{ name: 'pressureThresholdBreached', value: '0' }], timers: [] } },
        ],
      }),
    );
    const { detector } = await api.data.send(new DescribeDetectorCommand({ detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32' }));
    // Assert
    expect(update.batchUpdateDetectorErrorEntries).toEqual([]);
    expect(detector?.state).toEqual({ stateName: 'Normal', variables: [{ name: 'pressureThresholdBreached', value: '0' }], timers: [] });
  });

  it('keeps the detector across a model update and reports both versions', async () => {
    // Arrange: a stricter threshold.
    const definition = structuredClone(motor.detectorModelDefinition)!;
    definition.states![0].onInput!.transitionEvents![0].condition = '$input.PressureInput.sensorData.pressure > 75';
    // Act
    const updated = await api.control.send(new UpdateDetectorModelCommand({ detectorModelName: 'motorDetectorModel', detectorModelDefinition: definition, roleArn: motor.roleArn }));
    const versions = await api.control.send(new ListDetectorModelVersionsCommand({ detectorModelName: 'motorDetectorModel' }));
    const first = await api.control.send(new DescribeDetectorModelCommand({ detectorModelName: 'motorDetectorModel', detectorModelVersion: '1' }));
    const before = await api.data.send(new DescribeDetectorCommand({ detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32' }));
    await api.data.send(new BatchPutMessageCommand({ messages: [{ messageId: '00002', inputName: 'PressureInput', payload: Buffer.from('{"motorid": "Fulton-A32", "sensorData": {"pressure": 72}}') }] }));
    const after = await api.data.send(new DescribeDetectorCommand({ detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32' }));
    // Assert: the detector reports the version it last ran on, and 72 no longer breaches.
    expect(updated.detectorModelConfiguration).toMatchObject({ detectorModelVersion: '2', status: 'ACTIVATING', key: 'motorid' });
    expect(versions.detectorModelVersionSummaries?.map((v) => [v.detectorModelVersion, v.status])).toEqual([
      ['2', 'ACTIVE'],
      ['1', 'DEPRECATED'],
    ]);
    expect(first.detectorModel?.detectorModelDefinition).toEqual(motor.detectorModelDefinition);
    expect(before.detector?.detectorModelVersion).toBe('1');
    expect(after.detector).toMatchObject({ detectorModelVersion: '2', state: { stateName: 'Normal' } });
  });

  it('deletes the detector, then the model and the input', async () => {
    // Act
    const deleted = await api.data.send(new BatchDeleteDetectorCommand({ detectors: [{ messageId: 'd1', detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32' }] }));
    const gone = api.data.send(new DescribeDetectorCommand({ detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32' }));
    const model = await api.control.send(new DeleteDetectorModelCommand({ detectorModelName: 'motorDetectorModel' }));
    const input = await api.control.send(new DeleteInputCommand({ inputName: 'PressureInput' }));
    // Assert
    expect(deleted.batchDeleteDetectorErrorEntries).toEqual([]);
    await expect(gone).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(model.$metadata.httpStatusCode).toBe(204);
    expect(input.$metadata.httpStatusCode).toBe(200);
    expect((await api.control.send(new ListInputsCommand({}))).inputSummaries).toEqual([]);
  });
});
