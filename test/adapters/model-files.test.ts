import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readModelFiles } from '../../lib/adapters/model-files';
import { LOCAL_PLACEHOLDERS } from '../../lib/model/placeholders';
import { alarmBody } from '../helpers/alarm';
import { ARM_INPUT, COUNT_INPUT, counterRequest } from '../support/runtime-fixtures';

const PLACEHOLDERS = { accountId: '111122223333', region: 'eu-west-1', partition: 'aws', stage: 'prod' };

describe('readModelFiles', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'vigil-model-files-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  function file(name: string, content: unknown) {
    writeFileSync(path.join(folder, name), typeof content === 'string' ? content : JSON.stringify(content));
  }

  it('reads CreateInput bodies (single or in an array) and CreateDetectorModel bodies, in file name order, noting each model’s file', () => {
    // Arrange
    file('b-model.json', counterRequest('second'));
    file('a-model.json', counterRequest('first'));
    file('inputs.json', [COUNT_INPUT, ARM_INPUT]);
    file('README.md', '# not a model');

    // Act
    const files = readModelFiles(folder, LOCAL_PLACEHOLDERS);

    // Assert
    expect(files.inputs).toEqual([COUNT_INPUT, ARM_INPUT]);
    expect(files.models.map((model) => model.detectorModelName)).toEqual(['first', 'second']);
    expect(files.sources).toEqual({ models: { first: path.join(folder, 'a-model.json'), second: path.join(folder, 'b-model.json') }, inputs: { Count: path.join(folder, 'inputs.json'), Arm: path.join(folder, 'inputs.json') }, alarmModels: {} });
  });

  it('reads a CreateAlarmModel body (one with alarmRule) as an alarm model, placeholders filled', () => {
    // Arrange
    file('alarm.json', alarmBody({ roleArn: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/alarms' }));
    file('model.json', counterRequest());

    // Act
    const files = readModelFiles(folder, PLACEHOLDERS);

    // Assert
    expect(files.alarmModels).toEqual([alarmBody({ roleArn: 'arn:aws:iam::111122223333:role/alarms' })]);
    expect(files.models.map((model) => model.detectorModelName)).toEqual(['counter']);
    expect(files.sources.alarmModels).toEqual({ tempAlarm: path.join(folder, 'alarm.json') });
  });

  it('fills in the account, region, partition and stage placeholders', () => {
    // Arrange
    file('model.json', { ...counterRequest(), roleArn: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/vigil-${Vigil::Stage}-${AWS::Region}' });

    // Act
    const { models } = readModelFiles(folder, PLACEHOLDERS);

    // Assert
    expect(models[0].roleArn).toBe('arn:aws:iam::111122223333:role/vigil-prod-eu-west-1');
  });

  it('reads nothing from an empty folder', () => {
    expect(readModelFiles(folder, LOCAL_PLACEHOLDERS)).toEqual({ inputs: [], models: [], alarmModels: [], sources: { models: {}, inputs: {}, alarmModels: {} } });
  });

  it('names the file that is not JSON, keeping the parser’s error as the cause', () => {
    // Arrange
    file('broken.json', '{"detectorModelName": ');

    // Act
    const error = (() => {
      try {
        readModelFiles(folder, LOCAL_PLACEHOLDERS);
      } catch (thrown) {
        return thrown as Error;
      }
      return undefined;
    })();

    // Assert
    expect(error?.message.startsWith(`${path.join(folder, 'broken.json')} is not valid JSON: `)).toBe(true);
    expect(error?.cause).toBeInstanceOf(SyntaxError);
  });

  it.each([
    ['an object of neither kind', { name: 'mystery' }],
    ['an array holding something else', [COUNT_INPUT, 42]],
    ['null', null],
  ])('refuses a file holding %s, naming it', (_, content) => {
    // Arrange
    file('odd.json', content);

    // Act & Assert
    expect(() => readModelFiles(folder, LOCAL_PLACEHOLDERS)).toThrow(`${path.join(folder, 'odd.json')} holds neither a CreateInput, a CreateDetectorModel nor a CreateAlarmModel body`);
  });
});
