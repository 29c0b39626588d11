import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateDetectorModelCommand,
  CreateInputCommand,
  DescribeDetectorModelAnalysisCommand,
  GetDetectorModelAnalysisResultsCommand,
  InvalidRequestException,
  ListInputRoutingsCommand,
  ResourceAlreadyExistsException,
  StartDetectorModelAnalysisCommand,
  type CreateDetectorModelRequest,
  type CreateInputRequest,
} from '@aws-sdk/client-iot-events';
import {
  BatchPutMessageCommand,
  BatchUpdateDetectorCommand,
  DescribeDetectorCommand,
  InvalidRequestException as DataInvalidRequestException,
  ListDetectorsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-iot-events-data';
import { VirtualClock } from '../../../local/virtual-clock';
import { runScheduler } from '../../../lib/runtime/scheduler';
import { nextWholeHour } from '../../support/test-time';
import { createTestStack, type TestStack } from '../stack';
import { startTestApi, type TestApi } from './api-server';
import { failure } from './sdk-failure';

const EXAMPLES = path.resolve(__dirname, '../../fixtures/aws-examples');
const read = <T>(file: string) => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as T;
const motor = read<CreateDetectorModelRequest>('motorDetectorModel.json');
const [pressureInput] = read<CreateInputRequest[]>('motorDetectorModel.inputs.json');
const T0 = nextWholeHour();

/** A detector that waits for its timer: `timeout("t")` moves it to Fired. */
const waiting: CreateDetectorModelRequest = {
  detectorModelName: 'waiting',
  key: 'motorid',
  roleArn: 'arn:aws:iam::123456789012:role/IoTEventsRole',
  detectorModelDefinition: {
    initialStateName: 'Waiting',
    states: [
      { stateName: 'Waiting', onInput: { transitionEvents: [{ eventName: 'fire', condition: 'timeout("t") || $input.PressureInput.sensorData.pressure > 1000', nextState: 'Fired' }] } },
      { stateName: 'Fired' },
    ],
  },
};
const payload = (pressure: number) => Buffer.from(`{"motorid": "Fulton-A32", "sensorData": {"pressure": ${pressure}}}`);

describe('bad requests and timers through the official AWS SDK clients', () => {
  let stack: TestStack;
  let api: TestApi;
  const clock = new VirtualClock(T0);

  beforeAll(async () => {
    stack = await createTestStack();
    api = await startTestApi(stack, { clock });
    await api.control.send(new CreateInputCommand(pressureInput));
    await api.control.send(new CreateDetectorModelCommand(motor));
    await api.control.send(new CreateDetectorModelCommand(waiting));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses 11 messages in one BatchPutMessage with InvalidRequestException', async () => {
    const messages = Array.from({ length: 11 }, (_, i) => ({ messageId: `m${i}`, inputName: 'PressureInput', payload: payload(1) }));
    const refused = await failure(api.data.send(new BatchPutMessageCommand({ messages })));
    expect(refused).toMatchObject({ name: 'InvalidRequestException', status: 400, message: expect.stringContaining('between 1 and 10') });
    expect(refused.error).toBeInstanceOf(DataInvalidRequestException);
  });

  it('refuses a payload that is not base64, sent without the SDK', async () => {
    const response = await api.fetch('/inputs/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ messageId: 'x1', inputName: 'PressureInput', payload: '{"motorid": "raw json"}' }] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    expect(await response.json()).toEqual({ message: 'messages[0].payload must be base64-encoded' });
  });

  it('reports a message for an unknown input as an error entry', async () => {
    const put = await api.data.send(new BatchPutMessageCommand({ messages: [{ messageId: 'u1', inputName: 'NoSuchInput', payload: payload(1) }] }));
    expect(put.BatchPutMessageErrorEntries).toEqual([{ messageId: 'u1', errorCode: 'ResourceNotFoundException', errorMessage: 'input NoSuchInput does not exist' }]);
  });

  it('answers ResourceNotFoundException for the detectors of a model that does not exist', async () => {
    expect(await failure(api.data.send(new DescribeDetectorCommand({ detectorModelName: 'noSuchModel', keyValue: 'k' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    const listed = await failure(api.data.send(new ListDetectorsCommand({ detectorModelName: 'noSuchModel' })));
    expect(listed.error).toBeInstanceOf(ResourceNotFoundException);
    const update = await api.data.send(
      new BatchUpdateDetectorCommand({ detectors: [{ messageId: 'n1', detectorModelName: 'noSuchModel', keyValue: 'k', state: { stateName: 'A', variables: [], timers: [] } }] }),
    );
    expect(update.batchUpdateDetectorErrorEntries).toEqual([{ messageId: 'n1', errorCode: 'ResourceNotFoundException', errorMessage: 'detector model noSuchModel does not exist' }]);
  });

  it('rejects an invalid model with every problem, by JSON path', async () => {
    const broken = structuredClone(motor);
    broken.detectorModelName = 'broken';
    broken.detectorModelDefinition!.initialStateName = 'Nowhere';
    broken.detectorModelDefinition!.states![0].onInput!.transitionEvents![0].condition = '$input.PressureInput.sensorData.pressure >';
    const refused = await failure(api.control.send(new CreateDetectorModelCommand(broken)));
    expect(refused.error).toBeInstanceOf(InvalidRequestException);
    expect(refused.message.split('\n')).toEqual([
      'invalid detector model broken: 2 error(s)',
      expect.stringMatching(/^states\[0\]\.onInput\.transitionEvents\[0\]\.condition: /),
      expect.stringMatching(/^initialStateName: /),
    ]);
  });

  it('answers ResourceAlreadyExistsException with the resource id and ARN for a second CreateInput', async () => {
    const refused = await failure(api.control.send(new CreateInputCommand(pressureInput)));
    expect(refused.error).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(refused.error).toMatchObject({ resourceId: 'PressureInput', resourceArn: 'arn:aws:iotevents:us-east-1:000000000000:input/PressureInput', $metadata: { httpStatusCode: 409 } });
  });

  it('analyses a model definition and returns the results in AWS’s shape', async () => {
    const definition = structuredClone(motor.detectorModelDefinition)!;
    definition.states![1].onInput!.transitionEvents![0].nextState = 'Gone';
    const { analysisId } = await api.control.send(new StartDetectorModelAnalysisCommand({ detectorModelDefinition: definition }));
    const status = await api.control.send(new DescribeDetectorModelAnalysisCommand({ analysisId }));
    const results = await api.control.send(new GetDetectorModelAnalysisResultsCommand({ analysisId }));
    expect(status.status).toBe('COMPLETE');
    expect(results.analysisResults).toEqual([
      { type: 'structure', level: 'ERROR', message: expect.stringContaining('Gone'), locations: [{ path: 'states[1].onInput.transitionEvents[0].nextState' }] },
      // The INFO finding of AWS's own analysis example, for this model's variable.
      { type: 'data-type', level: 'INFO', message: 'Inferred data types [Integer] for $variable.pressureThresholdBreached', locations: [{ path: 'states[0].onEnter.events[0].actions[0].setVariable' }] },
    ]);
  });

  it('lists the models an input is routed to', async () => {
    const routings = await api.control.send(new ListInputRoutingsCommand({ inputIdentifier: { iotEventsInputIdentifier: { inputName: 'PressureInput' } } }));
    expect(routings.routedResources?.map((resource) => resource.name)).toEqual(['motorDetectorModel', 'waiting']);
  });

  it('fires a timer set by BatchUpdateDetector when the scheduler reaches it', async () => {
    // Arrange: a detector waiting for a timer nobody set.
    await api.data.send(new BatchPutMessageCommand({ messages: [{ messageId: 't1', inputName: 'PressureInput', payload: payload(1) }] }));
    // Act: set the timer through the API, then let the scheduler run past its due time in virtual time.
    const update = await api.data.send(
      new BatchUpdateDetectorCommand({ detectors: [{ messageId: 't2', detectorModelName: 'waiting', keyValue: 'Fulton-A32', state: { stateName: 'Waiting', variables: [], timers: [{ name: 't', seconds: 60 }] } }] }),
    );
    const armed = await api.data.send(new DescribeDetectorCommand({ detectorModelName: 'waiting', keyValue: 'Fulton-A32' }));
    const runtime = api.runtime;
    const report = await runScheduler({ ...runtime, state: runtime.schedulerState }, runtime.settings, { until: T0 + 65_000, pollMs: 30_000, lookaheadMs: 30_000, firstLookbackMs: 60_000, maxLookbackMs: 86_400_000, concurrency: 4 });
    const fired = await api.data.send(new DescribeDetectorCommand({ detectorModelName: 'waiting', keyValue: 'Fulton-A32' }));
    // Assert
    expect(update.batchUpdateDetectorErrorEntries).toEqual([]);
    expect(armed.detector?.state?.timers).toEqual([{ name: 't', timestamp: new Date(T0 + 60_000) }]);
    expect(report.fired).toBe(1);
    expect(fired.detector?.state).toEqual({ stateName: 'Fired', variables: [], timers: [] });
  });

  it('answers why a detector did what it did with its evaluation traces', async () => {
    // Arrange: a high reading, then a normal one, for one motor.
    const send = (messageId: string, pressure: number) =>
      api.data.send(new BatchPutMessageCommand({ messages: [{ messageId, inputName: 'PressureInput', payload: Buffer.from(`{"motorid": "why-1", "sensorData": {"pressure": ${pressure}}}`) }] }));
    await send('w1', 80);
    await send('w2', 60);
    // Act
    const response = await api.fetch('/detectors/motorDetectorModel/traces?keyValue=why-1');
    const body = (await response.json()) as { traces: Record<string, unknown>[] };
    // Assert: the AWS DEBUG-log shape, oldest first, with each condition's result.
    expect(response.status).toBe(200);
    expect(body.traces.map((trace) => [trace.messageId, trace.initialState, trace.finalState])).toEqual([
      // The first message created the detector: it had no state before.
      ['w1', undefined, 'Dangerous'],
      ['w2', 'Dangerous', 'Dangerous'],
    ]);
    expect(body.traces[0].conditionEvaluationResults).toContainEqual(expect.objectContaining({ eventName: 'Overpressurized', result: 'True', state: 'Normal' }));
  });
});
