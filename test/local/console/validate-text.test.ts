import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateModelText } from '../../../local/console/validate-text';

const MODELS = path.resolve(__dirname, '../../../models');
const motor = readFileSync(path.join(MODELS, 'motor-detector-model.json'), 'utf8');
const alarm = readFileSync(path.join(MODELS, 'motor-pressure-alarm.json'), 'utf8');
const at = (text: string, position: { start: number; end: number } | undefined) => position && text.slice(position.start, position.end);

describe('validateModelText', () => {
  it('finds no problem in the shipped motor model, and places its analysis findings', () => {
    // Act
    const { problems, analysis } = validateModelText(motor);

    // Assert
    expect(problems).toEqual([]);
    expect(analysis.length).toBeGreaterThan(0);
    expect(analysis.every((finding) => finding.level !== 'ERROR' && finding.position !== undefined)).toBe(true);
  });

  it('places an expression\'s syntax error on its characters in the text', () => {
    // Arrange
    const text = motor.replace('"$input.PressureInput.sensorData.pressure > 70"', '"$input.PressureInput.sensorData.pressure >> 70"');

    // Act
    const { problems } = validateModelText(text);

    // Assert
    const problem = problems.find((found) => found.type === 'expression-syntax');
    expect(problem).toMatchObject({ level: 'ERROR', path: expect.stringMatching(/^states\[\d+\]\.onInput\.transitionEvents\[\d+\]\.condition$/) });
    expect(at(text, problem?.position)).toBe('>');
    expect(problem?.position?.start).toBe(text.indexOf('>> 70') + 1);
  });

  it('places a definition member at its value, a top-level one by its name, and a missing one at the object that lacks it', () => {
    // Arrange
    const model = JSON.parse(motor) as { detectorModelDefinition: Record<string, unknown> } & Record<string, unknown>;
    delete model.detectorModelDefinition.initialStateName;
    model.detectorModelDefinition.statez = 1;
    model.rolArn = 'x';
    const text = JSON.stringify(model, null, 2);

    // Act
    const { problems } = validateModelText(text);

    // Assert
    const byPath = new Map(problems.map((found) => [found.path, found]));
    expect(at(text, byPath.get('statez')?.position)).toBe('1');
    expect(at(text, byPath.get('rolArn')?.position)).toBe('"x"');
    expect(byPath.get('initialStateName')?.position?.start).toBe(text.indexOf('"detectorModelDefinition": {') + '"detectorModelDefinition": '.length);
  });

  it('checks an alarm model as CreateAlarmModel does, at paths of the request', () => {
    // Arrange
    const text = alarm.replace(/"threshold": "[^"]*"/, '"threshold": "70 +"');

    // Act
    const { problems } = validateModelText(text);

    // Assert
    expect(problems).toEqual([expect.objectContaining({ path: 'alarmRule.simpleRule.threshold', level: 'ERROR' })]);
    // The expression ends too early: the problem is where it ends, at the closing quote.
    expect(problems[0].position?.start).toBe(text.indexOf('"70 +"') + '"70 +'.length);
  });

  it('answers text that is not JSON with one problem where it stops being JSON', () => {
    // Arrange
    const text = '{"detectorModelName": "m",\n "key": }';

    // Act
    const result = validateModelText(text);

    // Assert
    expect(result).toEqual({ problems: [{ type: 'structure', level: 'ERROR', path: '', message: expect.stringContaining('not valid JSON'), position: { start: text.indexOf('}'), end: text.indexOf('}') + 1 } }], analysis: [] });
  });
});
