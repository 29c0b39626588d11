import { Fault, formatValue } from '../../lib/expression';
import { evaluate } from '../helpers/expression';

// Every example of the AWS IoT Events expression documentation (spec §3.4 and §3.6).
describe('documented expression examples', () => {
  const greenhouse = {
    GreenhouseInput: '{"temperature": 10.01, "date": "2000-01-01", "sensors": [{"sensor1": "Sensor_1"}], "sensor_id": "10"}',
  };
  const status = { MyInput: '{"status":"offline"}' };
  const bits = { MyInput: '{"value1":13,"value2":5}' };

  it.each<{ source: string; expected: string; inputs: Record<string, string> }>([
    { source: "'my' + 'string'", expected: '"mystring"', inputs: {} },
    { source: '13 | 5', expected: '13', inputs: {} },
    { source: '13 & 5', expected: '5', inputs: {} },
    { source: '13 ^ 5', expected: '8', inputs: {} },
    { source: '~13', expected: '-14', inputs: {} },
    { source: '$input.TemperatureInput.temperature', expected: '78.5', inputs: { TemperatureInput: '{"temperature":78.5,"date":"2018-10-03T16:09:09Z"}' } },
    { source: '$input.TemperatureInput.temperatures[2]', expected: '78.8', inputs: { TemperatureInput: '{"temperatures":[78.4,77.9,78.8],"date":"2018-10-03T16:09:09Z"}' } },
    { source: 'isNull($input.MyInput.a)', expected: 'true', inputs: { MyInput: '{"a":null}' } },
    { source: 'isUndefined($input.MyInput.a)', expected: 'false', inputs: { MyInput: '{"a":null}' } },
    { source: 'currentInput("Command") && $input.Command.value == "Abort"', expected: 'true', inputs: { Command: '{"value":"Abort"}' } },
    { source: 'startsWith($input.MyInput.status, "off")', expected: 'true', inputs: status },
    { source: 'endsWith($input.MyInput.status, "line")', expected: 'true', inputs: status },
    { source: 'contains($input.MyInput.status, "fli")', expected: 'true', inputs: status },
    { source: 'bitor($input.MyInput.value1, $input.MyInput.value2)', expected: '13', inputs: bits },
    { source: 'bitand($input.MyInput.value1, $input.MyInput.value2)', expected: '5', inputs: bits },
    { source: 'bitxor($input.MyInput.value1, $input.MyInput.value2)', expected: '8', inputs: bits },
    { source: 'bitnot($input.MyInput.value)', expected: '-14', inputs: { MyInput: '{"value":13}' } },
    { source: 'isNull($input.X.y)==false', expected: 'true', inputs: { X: '{"y": 1}' } },
    { source: "'${$input.GreenhouseInput.temperature * 9 / 5 + 32} in Fahrenheit'", expected: '"50.018 in Fahrenheit"', inputs: greenhouse },
    {
      source: `'{"sensor_id":"\${$input.GreenhouseInput.sensors[0].sensor1}","temperature":"\${$input.GreenhouseInput.temperature*9/5+32}"}'`,
      expected: JSON.stringify('{"sensor_id":"Sensor_1","temperature":"50.018"}'),
      inputs: greenhouse,
    },
    { source: "'Greenhouse Temperature Table ' + $input.GreenhouseInput.date", expected: '"Greenhouse Temperature Table 2000-01-01"', inputs: greenhouse },
    {
      source: `'{"sensorID": "\${$input.GreenhouseInput.sensor_id}", "temperature": "\${$input.GreenhouseInput.temperature * 9 / 5 + 32}"}'`,
      expected: JSON.stringify('{"sensorID": "10", "temperature": "50.018"}'),
      inputs: greenhouse,
    },
  ])('$source gives $expected', ({ source, expected, inputs }) => {
    // Arrange: the inputs of the documented example.  Act:
    const value = evaluate(source, { inputs });
    // Assert
    expect(formatValue(value)).toBe(expected);
  });

  it('substitutes the SiteWise timeInSeconds and propertyAlias examples of the API reference', () => {
    const inputs = { TemperatureInput: '{"sensorData": {"timestamp": 1586400675000, "windfarmID": 7, "turbineID": "T1"}}' };
    expect(evaluate("'${$input.TemperatureInput.sensorData.timestamp / 1000}'", { inputs })).toBe('1586400675');
    expect(
      evaluate("'company/windfarm/${$input.TemperatureInput.sensorData.windfarmID}/turbine/${$input.TemperatureInput.sensorData.turbineID}/temperature'", { inputs }),
    ).toBe('company/windfarm/7/turbine/T1/temperature');
  });

  it('treats the docs type-compatibility sample as invalid, because && needs Boolean operands', () => {
    const value = evaluate('$variable.testVariable + 1 == 2 && $variable.testVariable', { variables: { testVariable: 1n } });
    expect(value).toBeInstanceOf(Fault);
    expect((value as Fault).message).toBe("operator '&&' needs Boolean operands, got Integer");
  });
});
