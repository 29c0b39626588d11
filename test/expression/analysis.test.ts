import { ANY_TYPE, TYPE, collectReferences, describeTypes, inferType, parseExpression, type TypeEnvironment } from '../../lib/expression';

describe('collectReferences', () => {
  it('lists the inputs, variables, timers, current inputs and functions an expression reads', () => {
    const refs = collectReferences(
      parseExpression('currentInput("Cmd") && $input.Cmd.a.b[1] > $variable.limit || timeout("t1") && isNull($input.`Other`.`x y`)'),
    );
    expect(refs.inputs.map(({ input, path }) => [input, path])).toEqual([['Cmd', ['a', 'b', 1]], ['Other', ['x y']]]);
    expect(refs.variables.map((v) => v.name)).toEqual(['limit']);
    expect(refs.timers.map((t) => t.name)).toEqual(['t1']);
    expect(refs.currentInputs.map((c) => c.name)).toEqual(['Cmd']);
    expect([...refs.functions].sort()).toEqual(['currentInput', 'isNull', 'timeout']);
  });

  it('finds references inside substitution templates', () => {
    const refs = collectReferences(parseExpression("'id=${$input.In.id}, n=${$variable.n}'"));
    expect(refs.inputs[0].input).toBe('In');
    expect(refs.variables[0].name).toBe('n');
  });
});

describe('inferType', () => {
  const env: TypeEnvironment = {
    variable: (name) => ({ count: TYPE.Integer, label: TYPE.String, flag: TYPE.Boolean | TYPE.Undefined }[name] ?? TYPE.Undefined),
    input: () => ANY_TYPE,
  };
  const infer = (source: string) => inferType(parseExpression(source), env);

  it.each([
    ['$variable.count + 1', '[Integer]'],
    ['$variable.count + 1.5', '[Decimal]'],
    ['$variable.count / 2', '[Integer, Undefined]'],
    ["$variable.label + 'x'", '[String]'],
    ['$variable.count > 3', '[Boolean]'],
    ['convert(Decimal, $variable.label)', '[Decimal]'],
    ["'n=${$variable.count}'", '[String]'],
    ['bitor($variable.count, 1)', '[Integer]'],
    ['contains($input.In.s, "a")', '[Boolean, Undefined]'],
    ['$input.In.x', '[Integer, Decimal, String, Boolean, Null, Undefined]'],
  ])('%s has type %s', (source, expected) => {
    expect(describeTypes(infer(source).type)).toBe(expected);
    expect(infer(source).findings).toEqual([]);
  });

  it.each([
    ["$variable.count + 'x'", "operator '+' cannot be applied to [Integer] and [String]"],
    ['$variable.label > 3', "operator '>' cannot compare [String] with [Integer]"],
    ['$variable.flag == "true"', 'comparing [Boolean] with [String]: incompatible types are never equal'],
    ['$variable.count && true', "operator '&&' needs Boolean operands, not [Integer]"],
    ['-$variable.label', "operator '-' cannot be applied to [String]"],
    ['$variable.count | 1.5', "operator '|' needs Integer operands, not [Integer] and [Decimal]"],
  ])('reports %s', (source, message) => {
    expect(infer(source).findings.map((f) => f.message)).toEqual([message]);
  });

  it('reports nothing when an operand may have a valid type', () => {
    expect(infer('$input.In.x + 1').findings).toEqual([]);
    expect(infer('$variable.unset + 1').findings).toEqual([]);
  });
});
