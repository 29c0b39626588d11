import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { createHandler } from '../../functions/seed-models';
import type { CfnResponseBody } from '../../lib/adapters/cfn-response';
import { loadConfig } from '../../lib/config';
import { API_ORIGIN } from '../../lib/ports';
import { VirtualClock } from '../../local/virtual-clock';
import { MemoryModelRepository } from '../support/memory-model-repository';
import { alarmBody } from '../helpers/alarm';
import { RecordingTelemetry } from '../support/recording-telemetry';
import { COUNT_INPUT, T0, counterRequest } from '../support/runtime-fixtures';

const CONTEXT = { invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:vigil-prod-seedModels' } as Context;

/** The custom resource's Update, carrying the files as serverless.yml's ModelFiles does. */
function update(description: string): CloudFormationCustomResourceEvent {
  return {
    RequestType: 'Update',
    ServiceToken: 'token',
    ResponseURL: 'https://example.invalid/response',
    StackId: 'stack',
    RequestId: 'request',
    LogicalResourceId: 'ModelFiles',
    PhysicalResourceId: 'vigil-model-files',
    ResourceType: 'Custom::VigilModelFiles',
    ResourceProperties: {
      ServiceToken: 'token',
      Inputs: [JSON.stringify(COUNT_INPUT)],
      Models: [JSON.stringify({ ...counterRequest(), detectorModelDescription: description })],
      Sources: { models: { counter: 'models/counter.json' }, inputs: { Count: 'models/counter.json' } },
    },
    OldResourceProperties: { ServiceToken: 'token' },
  };
}

describe('the seedModels custom resource', () => {
  it('logs a warning and names the model in its answer when a version deployed through the API is kept or replaced', async () => {
    // Arrange
    const repository = new MemoryModelRepository();
    const telemetry = new RecordingTelemetry();
    const sent: CfnResponseBody[] = [];
    const runtime = { config: loadConfig({ STAGE: 'prod', DETECTORS_TABLE: 'd', MODELS_TABLE: 'm', TIMERS_TABLE: 't', TRACES_TABLE: 'tr', INTERNAL_QUEUE: 'q' }), clock: new VirtualClock(T0), telemetry, repository };
    const handler = createHandler(runtime, async (_url, body) => void sent.push(body));
    await handler(update('from the file'), CONTEXT);
    await repository.putModel({ ...counterRequest(), detectorModelDescription: 'deployed' }, 1, T0, API_ORIGIN);

    // Act: another file changed (the resource updates), this one did not; then this one is edited.
    await handler(update('from the file'), CONTEXT);
    await handler(update('edited'), CONTEXT);

    // Assert
    expect(sent.map((body) => [body.Status, body.Data])).toEqual([
      ['SUCCESS', { Created: '2', Updated: '0', Kept: '0', Replaced: '0' }],
      ['SUCCESS', { Created: '0', Updated: '0', Kept: '1', Replaced: '0' }],
      ['SUCCESS', { Created: '0', Updated: '1', Kept: '0', Replaced: '1' }],
    ]);
    expect(sent[1].Reason).toContain('detector model counter: version 2 was deployed through the API after models/counter.json was last loaded (version 1); the file is not applied');
    expect(sent[2].Reason).toContain('version 3 from the file replaces version 2, which had been deployed through the API');
    expect(telemetry.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual(['model file not applied', 'model file replaced a version deployed through the API']);
    expect(telemetry.lines.find((line) => line.level === 'warn')?.fields.notice).toContain('`vigil deploy-model models/counter.json`');
  });

  it('loads the alarm model files it is given, placeholders filled with the deployment’s account', async () => {
    // Arrange
    const repository = new MemoryModelRepository();
    const sent: CfnResponseBody[] = [];
    const runtime = { config: loadConfig({ STAGE: 'prod', DETECTORS_TABLE: 'd', MODELS_TABLE: 'm', TIMERS_TABLE: 't', TRACES_TABLE: 'tr', INTERNAL_QUEUE: 'q' }), clock: new VirtualClock(T0), telemetry: new RecordingTelemetry(), repository };
    const handler = createHandler(runtime, async (_url, body) => void sent.push(body));
    const event = update('from the file');
    const temp = { inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } };
    const alarm = alarmBody({ roleArn: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/alarms' });
    event.ResourceProperties = { ...event.ResourceProperties, Inputs: [JSON.stringify(temp)], Models: [], AlarmModels: [JSON.stringify(alarm)] };

    // Act
    await handler(event, CONTEXT);

    // Assert
    expect(sent.map((body) => [body.Status, body.Data])).toEqual([['SUCCESS', { Created: '2', Updated: '0', Kept: '0', Replaced: '0' }]]);
    expect(await repository.getAlarmModel('tempAlarm')).toMatchObject({ version: '1', request: { roleArn: 'arn:aws:iam::111122223333:role/alarms' }, origin: { kind: 'file' } });
  });
});
