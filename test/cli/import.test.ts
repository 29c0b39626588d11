import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { TEMPLATES } from '../migration/template-fixtures';

const EXAMPLES = path.resolve(__dirname, '../fixtures/aws-examples');
const freshDir = () => mkdtempSync(path.join(os.tmpdir(), 'vigil-import-'));

describe('vigil import', () => {
  it('writes the model and input files of a template, which vigil simulate replays exactly as the API JSON', async () => {
    // Arrange
    const out = freshDir();
    // Act
    const imported = await runCli('import', path.join(TEMPLATES, 'aws-examples.template.json'), '--out', out);
    // Assert
    expect(imported.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['SimpleAlarm.json', 'aws-examples.inputs.json', 'motorDetectorModel.json']);
    expect(imported.stderr).toContain(`wrote ${path.join(out, 'motorDetectorModel.json')}: detector model (Resources.MotorDetectorModel)`);
    expect(imported.stderr).toMatch(/^portability: motorDetectorModel\.json: states\[1\]\.onInput\.transitionEvents\[0\]\.condition: BATCH evaluation: .* \(docs\/decisions\.md D3\)$/m);
    const messages = path.join(EXAMPLES, 'motorDetectorModel.messages.json');
    // The imported file holds ${AWS::Region}-style placeholders where the example has us-east-1: the
    // loaders fill them, and so does this test, so both name the same targets.
    const filled = path.join(out, 'filled.json');
    writeFileSync(filled, readFileSync(path.join(out, 'motorDetectorModel.json'), 'utf8').replaceAll('${AWS::Partition}', 'aws').replaceAll('${AWS::Region}', 'us-east-1').replaceAll('${AWS::AccountId}', '123456789012'));
    const ours = await runCli('simulate', filled, '--inputs', path.join(out, 'aws-examples.inputs.json'), '--messages', messages);
    const theirs = await runCli('simulate', path.join(EXAMPLES, 'motorDetectorModel.json'), '--inputs', path.join(EXAMPLES, 'motorDetectorModel.inputs.json'), '--messages', messages);
    expect(ours.code).toBe(0);
    expect(ours.stdout).toContain('"type":"action"');
    expect(ours.stdout).toBe(theirs.stdout);
    expect((await runCli('validate', path.join(out, 'SimpleAlarm.json'))).code).toBe(0);
  });

  it('imports every template of a cdk.out folder', async () => {
    const out = freshDir();
    const result = await runCli('import', path.join(TEMPLATES, 'cdk.out'), '--out', out);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['MotorStack.inputs.json', 'motorDetectorModel.json']);
    expect(result.stderr).toMatch(/warning: .*MotorStack\.template\.json: Resources\.MotorDetectorModel5F3B2C1D\.Properties\.RoleArn: !GetAtt MotorRoleD8C1B2A3\.Arn cannot be resolved/);
  });

  it('uses --parameter values over the template defaults', async () => {
    const out = freshDir();
    await runCli('import', path.join(TEMPLATES, 'aws-examples.template.json'), '--out', out, '--parameter', 'PressureThreshold=90');
    expect(readFileSync(path.join(out, 'motorDetectorModel.json'), 'utf8')).toContain('"condition": "$input.PressureInput.sensorData.pressure > 90"');
  });

  it.each([
    ['not a CloudFormation template', 'detectorModelName: x\n', /: not a CloudFormation template: it has no Resources mapping/],
    ['an unsupported intrinsic', 'Resources:\n  In:\n    Type: AWS::IoTEvents::Input\n    Properties:\n      InputName: !GetAZs x\n      InputDefinition: { Attributes: [{ JsonPath: a }] }\n', /: Resources\.In\.Properties\.InputName\.Fn::GetAZs: Fn::GetAZs is not supported/],
    [
      'a model that fails validation, beside a valid input',
      'Resources:\n  In:\n    Type: AWS::IoTEvents::Input\n    Properties: { InputName: In, InputDefinition: { Attributes: [{ JsonPath: a }] } }\n  M:\n    Type: AWS::IoTEvents::DetectorModel\n    Properties:\n      DetectorModelName: m\n      DetectorModelDefinition:\n        InitialStateName: Nowhere\n        States: [{ StateName: S, OnInput: { Events: [{ EventName: e, Condition: "$input.In.a > 1" }] } }]\n',
      /: Resources\.M\.Properties\.DetectorModelDefinition\.InitialStateName: /,
    ],
  ])('refuses %s with its template path, writing nothing', async (_what, text, message) => {
    // Arrange
    const out = freshDir();
    const template = path.join(out, 'bad.yaml');
    writeFileSync(template, text);
    // Act
    const result = await runCli('import', template, '--out', path.join(out, 'models'));
    // Assert
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(message);
    expect(result.stderr).toContain('nothing written');
    expect(existsSync(path.join(out, 'models'))).toBe(false);
  });

  it('refuses to overwrite a file with other content unless --force', async () => {
    const out = freshDir();
    writeFileSync(path.join(out, 'motorDetectorModel.json'), '{}\n');
    const refused = await runCli('import', path.join(TEMPLATES, 'aws-examples.template.json'), '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('motorDetectorModel.json exists with other content (--force overwrites it)');
    expect(readdirSync(out)).toEqual(['motorDetectorModel.json']);
    const forced = await runCli('import', path.join(TEMPLATES, 'aws-examples.template.json'), '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(out, 'motorDetectorModel.json'), 'utf8')).toContain('"detectorModelName": "motorDetectorModel"');
  });
});
