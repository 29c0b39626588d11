import { describeDetector } from '../../lib/engine';
import { compileModel, type CreateDetectorModelRequest, type CreateInputRequest } from '../../lib/model';
import { fillPlaceholdersIn } from '../../lib/model/placeholders';
import { UNRESOLVED_MARK } from '../../lib/migration';
import { Simulator, parseMessagesFile } from '../../lib/simulation';
import { EXAMPLE_ACCOUNT, canonical, fileBody, importFixture, repoJson } from './template-fixtures';

const EXAMPLES = 'test/fixtures/aws-examples';
const errorsOf = (result: ReturnType<typeof importFixture>) => result.issues.filter((issue) => issue.level === 'ERROR');

/** What a replay printed: every simulation event, then every detector, as `vigil simulate` does. */
function replay(model: unknown, inputs: CreateInputRequest[], messages: unknown[]): unknown[] {
  const compiled = compileModel(fillPlaceholdersIn(model, EXAMPLE_ACCOUNT) as CreateDetectorModelRequest, { inputs });
  const simulator = new Simulator([compiled]);
  const events = parseMessagesFile(JSON.stringify(messages), 1_700_000_000_000).flatMap((message) => simulator.send(message));
  return [...events, ...simulator.snapshots().map(describeDetector)];
}

describe('vigil import of the AWS examples converted to CloudFormation', () => {
  it('imports the JSON template (long-form intrinsics) to the API JSON the examples were written as', () => {
    // Act
    const result = importFixture('aws-examples.template.json');
    // Assert
    expect(errorsOf(result)).toEqual([]);
    expect(canonical(fileBody(result, 'motorDetectorModel.json'))).toBe(canonical(repoJson(`${EXAMPLES}/motorDetectorModel.json`)));
    expect(canonical(fileBody(result, 'fixture.inputs.json'))).toBe(canonical(repoJson(`${EXAMPLES}/motorDetectorModel.inputs.json`)));
    expect(canonical(fileBody(result, 'SimpleAlarm.json'))).toBe(canonical({ detectorModelName: 'SimpleAlarm', ...repoJson<object>(`${EXAMPLES}/simpleAlarmBlueprint.json`) }));
  });

  it('imports the SAM YAML template (short-form !Sub, !Join, !Ref, !GetAtt) to the crane example and the heartbeat blueprint', () => {
    const result = importFixture('crane.template.yaml');
    expect(errorsOf(result)).toEqual([]);
    expect(canonical(fileBody(result, 'craneDetectorModel.json'))).toBe(canonical(repoJson(`${EXAMPLES}/craneDetectorModel.json`)));
    expect(canonical(fileBody(result, 'fixture.inputs.json'))).toBe(canonical(repoJson(`${EXAMPLES}/crane.inputs.json`)));
    expect(canonical(fileBody(result, 'Heartbeat.json'))).toBe(canonical({ detectorModelName: 'Heartbeat', ...repoJson<object>(`${EXAMPLES}/deviceHeartbeatBlueprint.json`) }));
  });

  it("imports Vigil's own models/ as CloudFormation YAML back to the shipped files (alarm models without the notification CloudFormation cannot hold)", () => {
    const result = importFixture('vigil-models.template.yaml');
    expect(errorsOf(result)).toEqual([]);
    for (const [file, shipped] of [
      ['motorDetectorModel.json', 'models/motor-detector-model.json'],
      ['deviceConnectivity.json', 'models/device-connectivity.json'],
      ['jobFailureWatch.json', 'models/job-failures.json'],
      ['motorPressureAlarm.json', 'models/motor-pressure-alarm.json'],
      ['fixture.inputs.json', 'models/motor.inputs.json'],
    ]) {
      expect([file, canonical(fileBody(result, file))]).toEqual([file, canonical(repoJson(shipped))]);
    }
    const { alarmNotification: _left, ...temperature } = repoJson<Record<string, unknown>>('test/fixtures/alarm-models/motor-temperature-alarm.json');
    expect(canonical(fileBody(result, 'motorTemperatureAlarm.json'))).toBe(canonical(temperature));
  });

  it('imports a CDK-synthesized template: the unnamed role becomes a placeholder and a warning naming its path', () => {
    const result = importFixture('cdk.out/MotorStack.template.json');
    expect(errorsOf(result)).toEqual([]);
    const body = fileBody(result, 'motorDetectorModel.json') as Record<string, unknown>;
    expect(body.roleArn).toBe(`${UNRESOLVED_MARK}!GetAtt MotorRoleD8C1B2A3.Arn>`);
    const { roleArn: _role, ...rest } = repoJson<Record<string, unknown>>(`${EXAMPLES}/motorDetectorModel.json`);
    expect(canonical({ ...body, roleArn: undefined })).toBe(canonical(rest));
    expect(result.issues).toContainEqual({
      level: 'WARNING',
      path: 'Resources.MotorDetectorModel5F3B2C1D.Properties.RoleArn',
      message: expect.stringMatching(/^!GetAtt MotorRoleD8C1B2A3\.Arn cannot be resolved .*no RoleName/),
    });
    expect(result.files.map((file) => file.fileName)).toEqual(['motorDetectorModel.json', 'fixture.inputs.json']);
  });

  it('names an unnamed resource after its logical id, with a warning', () => {
    const result = importFixture('crane.template.yaml');
    expect(result.issues).toContainEqual({ level: 'WARNING', path: 'Resources.Heartbeat.Properties', message: expect.stringContaining("imported as 'Heartbeat' (its logical id)") });
  });
});

describe('imported models behave as the API JSON under the simulator', () => {
  const motorMessages = repoJson<unknown[]>(`${EXAMPLES}/motorDetectorModel.messages.json`);
  const lowAgain = (id: string) => ({ messages: [{ ...(motorMessages[1] as { messages: object[] }).messages[0], messageId: id }] });
  const motorRun = [...motorMessages, lowAgain('00003'), lowAgain('00004')];

  it.each([
    ['aws-examples.template.json'],
    ['cdk.out/MotorStack.template.json'],
  ])('replays the motor messages through the motor model of %s exactly as through the API JSON', (template) => {
    // Arrange
    const imported = fileBody(importFixture(template), 'motorDetectorModel.json');
    const inputs = repoJson<CreateInputRequest[]>(`${EXAMPLES}/motorDetectorModel.inputs.json`);
    const original = repoJson(`${EXAMPLES}/motorDetectorModel.json`);
    // Act
    const ours = replay(imported, inputs, motorRun);
    const theirs = replay(original, inputs, motorRun);
    // Assert
    expect(ours.filter((event) => (event as { type?: string }).type === 'action')).toHaveLength(2);
    expect(JSON.stringify(ours, bigints)).toBe(JSON.stringify(theirs, bigints));
  });

  it('replays the crane messages through the imported crane model exactly as through the API JSON', () => {
    const imported = fileBody(importFixture('crane.template.yaml'), 'craneDetectorModel.json');
    const inputs = repoJson<CreateInputRequest[]>(`${EXAMPLES}/crane.inputs.json`);
    const recorded = repoJson<Record<string, { messages: object[] }>>(`${EXAMPLES}/crane.messages.json`);
    // The four documented messages, then the crane overheating seven times: it breaches its threshold.
    const hot = (id: string) => ({ messages: [{ ...recorded.highTemperatureMessage.messages[0], messageId: id }] });
    const messages = [...Object.values(recorded), ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'].map(hot)];
    const ours = replay(imported, inputs, messages);
    expect(ours.some((event) => (event as { type?: string }).type === 'action')).toBe(true);
    expect(JSON.stringify(ours, bigints)).toBe(JSON.stringify(replay(repoJson(`${EXAMPLES}/craneDetectorModel.json`), inputs, messages), bigints));
  });
});

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}
