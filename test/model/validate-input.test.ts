import fc from 'fast-check';
import { validateInput } from '../../lib/model/validate-input';
import { SENSOR_INPUT, at, loadExample } from './helpers';

describe('validateInput', () => {
  it.each(['motorDetectorModel.inputs.json', 'crane.inputs.json'])('accepts every input of %s', (file) => {
    // Arrange
    const inputs = loadExample(file) as unknown[];

    // Act
    const issues = inputs.flatMap((input) => validateInput(input));

    // Assert
    expect(issues).toEqual([]);
  });

  it('accepts backtick-quoted attribute names and tags', () => {
    // Act
    const issues = validateInput({ ...SENSOR_INPUT, inputDefinition: { attributes: [{ jsonPath: 'sensorData.`motor pressure`' }] }, tags: [{ key: 'k', value: 'v' }] });

    // Assert
    expect(issues).toEqual([]);
  });

  it('reports a request that is not an object', () => {
    // Act
    const issues = validateInput('Sensor');

    // Assert
    expect(issues).toEqual([{ type: 'structure', level: 'ERROR', path: '', message: 'a CreateInput request must be a JSON object with inputName and inputDefinition, not a string' }]);
  });

  it('reports every problem at once, with paths into the request', () => {
    // Arrange
    const request = {
      inputName: 'pressure-input',
      inputDescription: 'd'.repeat(1025),
      inputDefinition: { attributes: [{ jsonPath: 'sensorData.pressure' }, { jsonPath: 'temperatures[2]' }, {}, 'motorid', { jsonPath: 'sensorData.pressure' }] },
    };

    // Act
    const issues = validateInput(request);

    // Assert
    expect(at('ERROR', issues)).toEqual([
      { type: 'structure', path: 'inputName', message: "inputName \"pressure-input\" is invalid; give a string of 1–128 characters: a letter, then only letters, digits and '_' (no '-')" },
      { type: 'structure', path: 'inputDescription', message: 'inputDescription is 1025 characters long; the limit is 1024' },
      {
        type: 'structure', path: 'inputDefinition.attributes[1].jsonPath',
        message: 'jsonPath "temperatures[2]" is not an attribute path: use 1–128 characters of dot-separated names made of letters, digits, \'_\' and \'-\', ' +
          'backtick-quoting names with spaces (sensorData.`motor pressure`); declare an array as a whole and index it in expressions',
      },
      { type: 'structure', path: 'inputDefinition.attributes[2].jsonPath', message: 'jsonPath is required: give a string of 1–128 characters' },
      { type: 'structure', path: 'inputDefinition.attributes[3]', message: 'each attribute must be an object such as {"jsonPath": "motorid"}, not a string' },
    ]);
    expect(at('WARNING', issues)).toEqual([{
      type: 'structure', path: 'inputDefinition.attributes[4].jsonPath',
      message: 'jsonPath "sensorData.pressure" is declared twice (first at inputDefinition.attributes[0]); remove this one',
    }]);
  });

  it('reports a missing definition, an empty attribute list, and too many attributes', () => {
    // Act
    const missing = validateInput({ inputName: 'A' });
    const empty = validateInput({ inputName: 'A', inputDefinition: { attributes: [] } });
    const many = validateInput({ inputName: 'A', inputDefinition: { attributes: Array.from({ length: 201 }, (_, i) => ({ jsonPath: `a${i}` })) } });

    // Assert
    expect(at('ERROR', missing)).toEqual([{ type: 'structure', path: 'inputDefinition', message: 'inputDefinition is required: give {"attributes": [{"jsonPath": "..."}]}' }]);
    expect(at('ERROR', empty)).toEqual([{
      type: 'structure', path: 'inputDefinition.attributes', message: 'attributes is empty; declare at least one attribute, e.g. {"jsonPath": "sensorData.pressure"}',
    }]);
    expect(at('ERROR', many)).toEqual([{ type: 'structure', path: 'inputDefinition.attributes', message: 'the input declares 201 attributes; the limit is 200' }]);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(fc.property(fc.jsonValue(), (request) => {
      expect(Array.isArray(validateInput(request))).toBe(true);
    }));
  });
});
