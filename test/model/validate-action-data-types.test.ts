import { validateModel } from '../../lib/model/validate';
import { READS_INPUT, at, detectorModel, event, setVariable, sns, state } from './helpers';

const ACTION = 'states[0].onInput.events[0].actions';
const VALUE = 'iotSiteWise.propertyValue.value';

/** A model whose onEnter sets a String, an Integer and a Decimal variable, then runs `actions` on input. */
function withActions(...actions: unknown[]): Record<string, unknown> {
  return detectorModel([state('Idle', {
    onEnter: [event('init', undefined, [setVariable('s', "'on'"), setVariable('n', '1'), setVariable('d', '2.5')])],
    onInput: [event('e', READS_INPUT, actions)],
  })]);
}

/** An iotSiteWise action that writes `expression` to one value slot. */
const siteWise = (slot: string, expression: string) => ({ iotSiteWise: { propertyAlias: "'/pump/level'", propertyValue: { value: { [slot]: expression } } } });
/** An sns action with a JSON payload. */
const jsonPayload = (contentExpression: string) => sns({ contentExpression, type: 'JSON' });

describe('validateModel: SiteWise values of the wrong type', () => {
  it('warns when a String variable fills integerValue, with the span of the expression', () => {
    // Act
    const issues = validateModel(withActions(siteWise('integerValue', '$variable.s')));

    // Assert
    expect(issues.filter((found) => found.level === 'WARNING')).toEqual([{
      type: 'data-type', level: 'WARNING', path: `${ACTION}[0].${VALUE}.integerValue`, span: { start: 0, end: 11 },
      message: 'integerValue takes [Integer], but this expression gives [String] at 0, so the SiteWise action fails unless its text ' +
        'happens to parse as one: write it to stringValue or booleanValue instead, or give integerValue a value of that type',
    }]);
  });

  it.each([
    ['integerValue', '$variable.d', '[Integer]', '[Decimal]'],
    ['doubleValue', "$variable.s + 'x'", '[Integer, Decimal]', '[String]'],
    ['booleanValue', '$variable.n * 2', '[String, Boolean]', '[Integer]'],
    ['stringValue', '$variable.n > 0', '[String]', '[Boolean]'],
  ])('warns when %s is given %s', (slot, expression, accepted, given) => {
    // Act
    const issues = validateModel(withActions(siteWise(slot, expression)));

    // Assert
    expect(at('WARNING', issues)).toEqual([{
      type: 'data-type', path: `${ACTION}[0].${VALUE}.${slot}`,
      message: expect.stringContaining(`${slot} takes ${accepted}, but this expression gives ${given} at 0`) as string,
    }]);
  });

  it('does not warn when each slot gets its type, an Integer as a double, or a value of unknown type', () => {
    // Act
    const issues = validateModel(withActions(
      siteWise('integerValue', '$variable.n + 1'),
      siteWise('doubleValue', '$variable.n'),
      siteWise('booleanValue', "'TRUE'"),
      siteWise('booleanValue', '$variable.n > 0'),
      siteWise('stringValue', "'level ' + $variable.s"),
      siteWise('integerValue', '$input.Sensor.value'),
    ));

    // Assert
    expect(at('WARNING', issues)).toEqual([]);
  });
});

describe('validateModel: Strings spliced unquoted into JSON payloads', () => {
  it('warns about a String interpolated outside quotes, at its position', () => {
    // Act
    const issues = validateModel(withActions(jsonPayload("'{\"a\": ${$variable.s}}'")));

    // Assert
    expect(issues.filter((found) => found.level === 'WARNING')).toEqual([{
      type: 'data-type', level: 'WARNING', path: `${ACTION}[0].sns.payload.contentExpression`, span: { start: 9, end: 20 },
      message: '$variable.s is inserted into this JSON payload outside quotes at 9, but it is a [String], so the payload will not ' +
        'parse as JSON: put it in quotes ("${$variable.s}") or give a number or Boolean',
    }]);
  });

  it('warns about a String concatenated outside quotes, and not about the quoted one', () => {
    // Act
    const issues = validateModel(withActions(jsonPayload("'{\"a\": \"' + $variable.s + '\", \"b\": ' + $variable.s + '}'")));

    // Assert
    expect(issues.filter((found) => found.level === 'WARNING').map((found) => found.span)).toEqual([{ start: 39, end: 50 }]);
  });

  it('does not warn about quoted Strings, numbers, Booleans, values of unknown type, or STRING payloads', () => {
    // Act
    const issues = validateModel(withActions(
      jsonPayload("'{\"s\": \"${$variable.s}\", \"esc\": \"\\\" ${$variable.s}\", \"n\": ${$variable.n}, \"ok\": ${$variable.n > 0}, \"raw\": ${$input.Sensor.value}}'"),
      jsonPayload("'${$variable.s}'"),
      sns({ contentExpression: "'level: ${$variable.s}'", type: 'STRING' }),
    ));

    // Assert
    expect(at('WARNING', issues)).toEqual([]);
  });
});
