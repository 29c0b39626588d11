import { Fault, compileExpression, parseTypedJson, type EvalContext, type Value } from '../../lib/expression';
import { relational } from '../../lib/expression/operators';

/** A context whose input `In` is `payload` and whose variable `v` is `variable` (unset when undefined). */
function contextWith(payload: string, variable: Value): EvalContext {
  return {
    inputs: { In: parseTypedJson(payload) },
    variables: variable === undefined ? {} : { v: variable },
    currentInput: 'In',
    trigger: 'Message',
    timeout: () => false,
  };
}

const OPERATORS = ['<', '<=', '>', '>='] as const;
/** Every kind of value a reference can give: Integers around the constant, a Decimal, a String, a Boolean, null, undefined. */
const VALUES: readonly [string, Value][] = [
  ['69', 69n],
  ['70', 70n],
  ['71', 71n],
  ['70.5', 70.5],
  ['"70"', '70'],
  ['true', true],
  ['null', null],
];

/** What the comparison gives, a fault by its message (each evaluation makes a new one). */
function shown(value: Value): unknown {
  return value instanceof Fault ? `fault: ${value.message}` : value;
}

describe('a comparison with a constant Integer', () => {
  it.each(OPERATORS)('reads an input path as the general comparison does (%s)', (operator) => {
    // Arrange
    const { evaluate } = compileExpression(`$input.In.a.b ${operator} 70`);
    const span = { start: 0, end: 0 };
    for (const [text, value] of [...VALUES, ['{}', undefined] as [string, Value]]) {
      // Act
      const got = evaluate(contextWith(`{"a": {"b": ${text}}}`, undefined));
      // Assert
      expect(shown(got)).toEqual(shown(relational(operator, value, 70n, span)));
    }
  });

  it.each(OPERATORS)('reads a variable as the general comparison does (%s)', (operator) => {
    const { evaluate } = compileExpression(`$variable.v ${operator} 70`);
    const span = { start: 0, end: 0 };
    for (const [, value] of [...VALUES, ['unset', undefined] as [string, Value]]) {
      expect(shown(evaluate(contextWith('{}', value)))).toEqual(shown(relational(operator, value, 70n, span)));
    }
  });

  it('reads only own members of the payload: an inherited name gives undefined', () => {
    const { evaluate } = compileExpression('$input.In.constructor > 1');
    expect(evaluate(contextWith('{"a": 1}', undefined))).toBeUndefined();
  });

  it('gives the same fault as the general comparison for a value of another type', () => {
    const { evaluate } = compileExpression('$input.In.a > 70');
    const got = evaluate(contextWith('{"a": "text"}', undefined));
    expect(got).toBeInstanceOf(Fault);
    expect((got as Fault).message).toBe((relational('>', 'text', 70n, { start: 0, end: 0 }) as Fault).message);
  });
});
