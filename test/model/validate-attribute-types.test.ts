import { validateModel } from '../../lib/model/validate';
import { at, detectorModel, event, setVariable, state } from './helpers';

const EVENTS = 'states[0].onInput.events';
const ADVICE = 'an attribute has one type per message, so one of these uses always fails or compares unequal: make them agree, or convert() the value in one of them';

/** A model with one state whose onInput events have the given conditions and actions. */
function withEvents(...events: [string, unknown[]?][]): Record<string, unknown> {
  return detectorModel([state('Idle', { onInput: events.map(([condition, actions], i) => event(`e${i}`, condition, actions)) })]);
}

describe('validateModel: input attributes used as incompatible types', () => {
  it('warns when one event compares an attribute with a String and another with a number', () => {
    // Arrange
    const model = withEvents(["$input.In.s == 'x'"], ['$input.In.s == 3']);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(issues.filter((found) => found.level === 'WARNING')).toEqual([{
      type: 'data-type', level: 'WARNING', path: `${EVENTS}[1].condition`, span: { start: 0, end: 11 },
      message: `$input.In.s is used as [Integer, Decimal] at 0 here but as [String] at 0 in ${EVENTS}[0].condition; ${ADVICE}`,
    }]);
  });

  it('warns about two incompatible uses inside one condition, at the second', () => {
    // Act
    const issues = validateModel(withEvents(["$input.In.a == 'x' && $input.In.a > 2"]));

    // Assert
    expect(issues.filter((found) => found.level === 'WARNING')).toEqual([{
      type: 'data-type', level: 'WARNING', path: `${EVENTS}[0].condition`, span: { start: 22, end: 33 },
      message: `$input.In.a is used as [Integer, Decimal] at 22 here but as [String] at 0 in ${EVENTS}[0].condition; ${ADVICE}`,
    }]);
  });

  it('warns when a setVariable value concatenates an attribute that a condition uses as a number', () => {
    // Act
    const issues = validateModel(withEvents(['$input.In.a > 2', [setVariable('label', "$input.In.a + 'x'")]]));

    // Assert
    expect(at('WARNING', issues)).toEqual([{
      type: 'data-type', path: `${EVENTS}[0].actions[0].setVariable.value`,
      message: `$input.In.a is used as [String] at 0 here but as [Integer, Decimal] at 0 in ${EVENTS}[0].condition; ${ADVICE}`,
    }]);
  });

  it('takes the type a use implies from typed variables and from a bare condition', () => {
    // Arrange: $variable.name is a String, and a condition that is just the attribute makes it a Boolean
    const model = withEvents(['$input.In.on', [setVariable('name', "'pump'")]], ['$input.In.on == $variable.name']);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('WARNING', issues)).toEqual([{
      type: 'data-type', path: `${EVENTS}[1].condition`,
      message: `$input.In.on is used as [String] at 0 here but as [Boolean] at 0 in ${EVENTS}[0].condition; ${ADVICE}`,
    }]);
  });

  it('counts the type of the SiteWise slot an attribute fills as one of its uses', () => {
    // Arrange
    const siteWise = { iotSiteWise: { propertyAlias: "'/pump/mode'", propertyValue: { value: { integerValue: '$input.In.mode' } } } };

    // Act
    const issues = validateModel(withEvents(["$input.In.mode == 'auto'", [siteWise]]));

    // Assert
    expect(at('WARNING', issues)).toEqual([{
      type: 'data-type', path: `${EVENTS}[0].actions[0].iotSiteWise.propertyValue.value.integerValue`,
      message: `$input.In.mode is used as [Integer] at 0 here but as [String] at 0 in ${EVENTS}[0].condition; ${ADVICE}`,
    }]);
  });

  it('warns once per attribute, however many uses disagree', () => {
    // Act
    const issues = validateModel(withEvents(["$input.In.s == 'x'"], ['$input.In.s == 3'], ['$input.In.s == true']));

    // Assert
    expect(at('WARNING', issues).map((found) => found.path)).toEqual([`${EVENTS}[1].condition`]);
  });

  it('does not warn when every use of each attribute agrees, Integer and Decimal mixing', () => {
    // Arrange
    const model = withEvents(
      ["$input.In.s == 'x' && $input.In.n > 2", [setVariable('label', "$input.In.s + '!'")]],
      ["$input.In.s != $variable.label || $input.In.n * 1.5 < 10.5"],
      ['$input.In.n == 3 && $input.In.flag'],
      ['$input.In.flag == false'],
    );

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('WARNING', issues)).toEqual([]);
  });

  it('does not guess a type from uses that accept any type', () => {
    // Arrange: comparing two attributes, isNull and convert say nothing about either attribute
    const model = withEvents(
      ['$input.In.a == $input.In.b && !isNull($input.In.a)', [setVariable('copy', '$input.In.a')]],
      ["convert(String, $input.In.b) == 'x' && $input.In.b > 1"],
    );

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('WARNING', issues)).toEqual([]);
  });

  it('does not blame an attribute for an expression that is invalid whatever it holds', () => {
    // Arrange: the condition already gets an operator finding, which is the problem to fix
    const model = withEvents(["$input.In.a > 2"], ["$input.In.a + 'x' > 2"]);

    // Act
    const issues = validateModel(model);

    // Assert
    expect(at('WARNING', issues)).toEqual([
      { type: 'data-type', path: `${EVENTS}[1].condition`, message: "operator '>' cannot compare [String] with [Integer] at 0" },
    ]);
  });
});
