import {
  CreateAlarmModelCommand,
  CreateDetectorModelCommand,
  CreateInputCommand,
  DeleteAlarmModelCommand,
  DeleteInputCommand,
  DescribeAlarmModelCommand,
  InvalidRequestException,
  ListAlarmModelVersionsCommand,
  ListAlarmModelsCommand,
  ListInputRoutingsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  UpdateAlarmModelCommand,
  type CreateAlarmModelRequest,
  type CreateDetectorModelRequest,
} from '@aws-sdk/client-iot-events';
import { VirtualClock } from '../../../local/virtual-clock';
import { exampleAlarm } from '../../helpers/alarm';
import { nextWholeHour } from '../../support/test-time';
import { createTestStack, type TestStack } from '../stack';
import { startTestApi, type TestApi } from './api-server';
import { failure } from './sdk-failure';

const T0 = nextWholeHour();
const ARN = 'arn:aws:iotevents:us-east-1:000000000000';
const PRESSURE_INPUT = { inputName: 'PressureInput', inputDefinition: { attributes: [{ jsonPath: 'motorid' }, { jsonPath: 'sensorData.pressure' }, { jsonPath: 'sensorData.temperature' }] } };
/** The example alarm model: `$input.PressureInput.sensorData.temperature > 80`, keyed by `motorid`. */
const alarm = exampleAlarm() as unknown as CreateAlarmModelRequest;
const detector: CreateDetectorModelRequest = {
  detectorModelName: alarm.alarmModelName as string,
  key: 'motorid',
  roleArn: alarm.roleArn as string,
  detectorModelDefinition: { initialStateName: 'Only', states: [{ stateName: 'Only', onInput: { events: [{ eventName: 'seen', condition: '$input.PressureInput.sensorData.pressure > 0' }] } }] },
};

describe('alarm models through the official IoTEventsClient, stored on DynamoDB Local', () => {
  let stack: TestStack;
  let api: TestApi;
  const clock = new VirtualClock(T0);

  beforeAll(async () => {
    stack = await createTestStack();
    api = await startTestApi(stack, { clock });
    await api.control.send(new CreateInputCommand(PRESSURE_INPUT));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('creates, updates, describes, lists and deletes an alarm model with AWS’s shapes and status values', async () => {
    // Act
    const created = await api.control.send(new CreateAlarmModelCommand({ ...alarm, tags: [{ key: 'team', value: 'ops' }] }));
    clock.advance(60_000);
    const active = await api.control.send(new DescribeAlarmModelCommand({ alarmModelName: alarm.alarmModelName }));
    const updated = await api.control.send(
      new UpdateAlarmModelCommand({ alarmModelName: alarm.alarmModelName, roleArn: alarm.roleArn, severity: 4, alarmRule: { simpleRule: { ...alarm.alarmRule!.simpleRule!, threshold: '90' } } }),
    );
    const latest = await api.control.send(new DescribeAlarmModelCommand({ alarmModelName: alarm.alarmModelName }));
    const first = await api.control.send(new DescribeAlarmModelCommand({ alarmModelName: alarm.alarmModelName, alarmModelVersion: '1' }));
    const versions = await api.control.send(new ListAlarmModelVersionsCommand({ alarmModelName: alarm.alarmModelName, maxResults: 1 }));
    const older = await api.control.send(new ListAlarmModelVersionsCommand({ alarmModelName: alarm.alarmModelName, maxResults: 1, nextToken: versions.nextToken }));
    const listed = await api.control.send(new ListAlarmModelsCommand({}));
    await api.control.send(new DeleteAlarmModelCommand({ alarmModelName: alarm.alarmModelName }));
    const gone = await failure(api.control.send(new DescribeAlarmModelCommand({ alarmModelName: alarm.alarmModelName })));

    // Assert: the test stack refreshes its models at once (MODEL_REFRESH_MS=0), so a stored latest
    // version is ACTIVE as soon as it is read back; Create and Update still answer ACTIVATING.
    const arn = `${ARN}:alarmModel/${alarm.alarmModelName}`;
    expect(created).toMatchObject({ alarmModelArn: arn, alarmModelVersion: '1', status: 'ACTIVATING', creationTime: new Date(T0), lastUpdateTime: new Date(T0) });
    expect(active).toMatchObject({ status: 'ACTIVE', alarmModelName: alarm.alarmModelName, key: 'motorid', severity: 2, alarmRule: alarm.alarmRule, alarmNotification: alarm.alarmNotification, alarmEventActions: alarm.alarmEventActions, alarmCapabilities: alarm.alarmCapabilities });
    expect(active).not.toHaveProperty('tags');
    expect(updated).toMatchObject({ alarmModelVersion: '2', status: 'ACTIVATING' });
    expect(latest).toMatchObject({ alarmModelVersion: '2', severity: 4, key: 'motorid', alarmModelDescription: alarm.alarmModelDescription, alarmRule: { simpleRule: { threshold: '90' } } });
    expect(latest.alarmNotification).toBeUndefined();
    expect(first).toMatchObject({ alarmModelVersion: '1', status: 'INACTIVE', severity: 2 });
    expect(versions.alarmModelVersionSummaries).toEqual([
      { alarmModelName: alarm.alarmModelName, alarmModelArn: arn, alarmModelVersion: '2', roleArn: alarm.roleArn, creationTime: new Date(T0 + 60_000), lastUpdateTime: new Date(T0 + 60_000), status: 'ACTIVE' },
    ]);
    expect(older.alarmModelVersionSummaries?.map((summary) => [summary.alarmModelVersion, summary.status])).toEqual([['1', 'INACTIVE']]);
    expect(listed.alarmModelSummaries).toEqual([{ alarmModelName: alarm.alarmModelName, alarmModelDescription: alarm.alarmModelDescription, creationTime: new Date(T0) }]);
    expect(gone.error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers AWS’s errors: ResourceAlreadyExists, ResourceNotFound, and InvalidRequest listing every problem by path', async () => {
    // Arrange
    const name = 'errorsAlarm';
    await api.control.send(new CreateAlarmModelCommand({ ...alarm, alarmModelName: name }));

    // Act
    const twice = await failure(api.control.send(new CreateAlarmModelCommand({ ...alarm, alarmModelName: name })));
    const missingUpdate = await failure(api.control.send(new UpdateAlarmModelCommand({ alarmModelName: 'noSuchAlarm', roleArn: alarm.roleArn, alarmRule: alarm.alarmRule })));
    const missingDelete = await failure(api.control.send(new DeleteAlarmModelCommand({ alarmModelName: 'noSuchAlarm' })));
    const missingVersion = await failure(api.control.send(new DescribeAlarmModelCommand({ alarmModelName: name, alarmModelVersion: '7' })));
    const invalid = await failure(
      api.control.send(new CreateAlarmModelCommand({ ...alarm, alarmModelName: 'badAlarm', severity: -2, alarmRule: { simpleRule: { inputProperty: '$input.Nope.x', comparisonOperator: 'ABOVE' as never, threshold: '1' } } })),
    );

    // Assert
    expect(twice.error).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(twice.error).toMatchObject({ resourceId: name, resourceArn: `${ARN}:alarmModel/${name}` });
    for (const missing of [missingUpdate, missingDelete, missingVersion]) expect(missing.error).toBeInstanceOf(ResourceNotFoundException);
    expect(invalid.error).toBeInstanceOf(InvalidRequestException);
    expect(invalid.message).toMatch(/^severity: /m);
    expect(invalid.message).toMatch(/^alarmRule\.simpleRule\.comparisonOperator: /m);
    expect(invalid.message).toMatch(/^alarmRule\.simpleRule\.inputProperty: input "Nope" does not exist/m);
  });

  it('routes an input to the alarm models that read it, beside a detector model of the same name, and lets the input be deleted', async () => {
    // Arrange
    const name = 'routedAlarm';
    await api.control.send(new CreateAlarmModelCommand({ ...alarm, alarmModelName: name }));
    await api.control.send(new CreateDetectorModelCommand({ ...detector, detectorModelName: name }));
    const routings = () => api.control.send(new ListInputRoutingsCommand({ inputIdentifier: { iotEventsInputIdentifier: { inputName: 'PressureInput' } } }));

    // Act
    const routed = await routings();
    await api.control.send(new DeleteInputCommand({ inputName: 'PressureInput' }));
    const afterDelete = await failure(routings());

    // Assert
    expect(routed.routedResources).toEqual(expect.arrayContaining([
      { name, arn: `${ARN}:alarmModel/${name}` },
      { name, arn: `${ARN}:detectorModel/${name}` },
    ]));
    expect(afterDelete.error).toBeInstanceOf(ResourceNotFoundException);
    expect((await api.control.send(new DescribeAlarmModelCommand({ alarmModelName: name }))).alarmModelName).toBe(name);
  });
});
