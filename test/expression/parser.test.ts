import {
  ExpressionCompileError,
  ExpressionSyntaxError,
  compileExpression,
  parseExpression,
  type Node,
} from '../../lib/expression';
import { span } from '../../lib/expression/span';
import { evaluate } from '../helpers/expression';

/** A compact, span-free rendering of a tree, fully parenthesised. */
function show(node: Node): string {
  switch (node.kind) {
    case 'integer':
    case 'decimal':
    case 'boolean':
      return String(node.value);
    case 'string':
      return JSON.stringify(node.value);
    case 'template':
      return `tpl(${node.parts.map((p) => (typeof p === 'string' ? JSON.stringify(p) : show(p))).join(', ')})`;
    case 'input':
      return `$input.${node.input}${node.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
    case 'variable':
      return `$variable.${node.name}`;
    case 'name':
      return node.name;
    case 'call':
      return `${node.callee}(${node.args.map(show).join(', ')})`;
    case 'unary':
      return `(${node.operator}${show(node.operand)})`;
    case 'binary':
      return `(${show(node.left)} ${node.operator} ${show(node.right)})`;
  }
}

describe('parseExpression', () => {
  it.each([
    ['a || b && c', '($variable.a || ($variable.b && $variable.c))'],
    ['a && b || c', '(($variable.a && $variable.b) || $variable.c)'],
    ['a | b ^ c & d', '($variable.a | ($variable.b ^ ($variable.c & $variable.d)))'],
    ['a == b < c', '($variable.a == ($variable.b < $variable.c))'],
    ['a + b * c - d / e', '(($variable.a + ($variable.b * $variable.c)) - ($variable.d / $variable.e))'],
    ['a - b - c', '(($variable.a - $variable.b) - $variable.c)'],
    ['!a == b', '((!$variable.a) == $variable.b)'],
    ['- - a', '(-(-$variable.a))'],
    ['~a & b', '((~$variable.a) & $variable.b)'],
    ['(a || b) && c', '(($variable.a || $variable.b) && $variable.c)'],
    ['a != b && c >= d', '(($variable.a != $variable.b) && ($variable.c >= $variable.d))'],
  ])('parses %s with C precedence', (source, expected) => {
    const withVariables = source.replace(/\b([a-e])\b/g, '$variable.$1');
    expect(show(parseExpression(withVariables))).toBe(expected);
  });

  it.each([
    ['$input.PressureInput.sensorData.pressure', '$input.PressureInput.sensorData.pressure'],
    ['$input.X.temperatures[2]', '$input.X.temperatures[2]'],
    ['$input.X.a[0][1].b', '$input.X.a[0][1].b'],
    ['$input.X.`motor pressure`', '$input.X.motor pressure'],
    ['$input.`X`.`_value`', '$input.X._value'],
    ['$variable.count', '$variable.count'],
    ['$input . X . a', '$input.X.a'],
    ['timeout("awake")', 'timeout("awake")'],
    ["timeout('awake')", 'timeout("awake")'],
    ['convert(Decimal, $input.X.s)', 'convert(Decimal, $input.X.s)'],
    ['isNull($input.X.a)==false', '(isNull($input.X.a) == false)'],
    ["'a${1 + 2}b${$variable.x}'", 'tpl("a", (1 + 2), "b", $variable.x)'],
    ["''", '""'],
    ['123', '123'],
    ['123.45', '123.45'],
    ['True', 'true'],
  ])('parses %s', (source, expected) => {
    expect(show(parseExpression(source))).toBe(expected);
  });

  it('gives every node the span of its own text', () => {
    const source = 'startsWith($input.In.s, "a") && $variable.v > 10';
    const root = parseExpression(source);
    expect(root.kind).toBe('binary');
    if (root.kind !== 'binary') return;
    expect(source.slice(root.span.start, root.span.end)).toBe(source);
    expect(source.slice(root.left.span.start, root.left.span.end)).toBe('startsWith($input.In.s, "a")');
    expect(source.slice(root.right.span.start, root.right.span.end)).toBe('$variable.v > 10');
    if (root.left.kind !== 'call') throw new Error('expected a call');
    expect(source.slice(root.left.args[0].span.start, root.left.args[0].span.end)).toBe('$input.In.s');
    expect(source.slice(root.left.args[1].span.start, root.left.args[1].span.end)).toBe('"a"');
  });

  it('gives nodes inside a substitution spans in the whole expression', () => {
    const source = "'x${$variable.a + 1}'";
    const root = parseExpression(source);
    if (root.kind !== 'template') throw new Error('expected a template');
    const inner = root.parts[1] as Node;
    expect(source.slice(inner.span.start, inner.span.end)).toBe('$variable.a + 1');
  });

  it.each([
    ['(1 + )', "unexpected ')' at 5; expected an operand", 5],
    ['1 +', 'unexpected end of the expression at 3; expected an operand', 3],
    ['1 2', "unexpected '2' at 2; expected an operator or the end of the expression", 2],
    ['(1 + 2', "unexpected end of the expression at 6; expected ')' to close the '(' at 0", 6],
    ['1 = 2', "unexpected '=' at 2; use '==' to compare", 2],
    ['5 % 2', "unexpected '%' at 2; IoT Events expressions have no remainder operator", 2],
    ["'abc", "unterminated string starting at 0; add the closing '", 0],
    ['"abc', 'unterminated string starting at 0; add the closing "', 0],
    ['1e3', 'exponents are not supported at 1; write the number out in full', 0],
    ['.5', "unexpected '.' at 0; decimals need a leading digit (0.5)", 0],
    ['1.', 'a decimal needs digits after the point at 1; write 1.0', 0],
    ['$input.X', 'unexpected end of the expression at 8; expected \'.\' and an attribute after $input.X', 8],
    ['$input.X.a[x]', "unexpected 'x' at 11; expected an array index (0, 1, 2, …)", 11],
    ['$input.X.a[1.5]', "unexpected '1.5' at 11; expected an array index (0, 1, 2, …)", 11],
    ['$variable.`x`', "unexpected '`x`' at 10; expected a variable name", 10],
    ['$var.x', "unknown reference '$var' at 0; references start with $input or $variable (or $sitewise in an alarm model)", 0],
    ['$input.X._a', "unexpected '_' at 9; names that do not start with a letter must be quoted in backticks (`_name`)", 9],
    ['$input.X.``', 'empty backtick name at 9', 9],
    ['f(1, 2', "unexpected end of the expression at 6; expected ',' or ')' in the arguments of f()", 6],
    ["'${}'", 'empty substitution at 1; put an expression inside ${}', 1],
    ["'${1 + }'", "unexpected end of the expression at 7; expected an operand", 7],
    ["'${1 + 2'", "unterminated substitution starting at 1; add the closing '}'", 1],
    ['{a}', "unexpected '{' at 0; substitutions ${…} are only allowed inside string literals", 0],
    ['1 }', "unexpected '}' at 2; expected an operator or the end of the expression", 2],
    ['', 'unexpected end of the expression at 0; expected an operand', 0],
  ])('rejects %s with "%s"', (source, message, start) => {
    let error: unknown;
    try {
      parseExpression(source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExpressionSyntaxError);
    expect((error as ExpressionSyntaxError).message).toBe(message);
    expect((error as ExpressionSyntaxError).span.start).toBe(start);
  });

  it('refuses to nest deeper than it can parse safely', () => {
    expect(() => parseExpression('('.repeat(5000) + '1' + ')'.repeat(5000))).toThrow(/nests deeper than 256 levels/);
  });

  it('refuses a chain of operators too long to compile safely, with its position', () => {
    const chain = '1' + '+1'.repeat(10_000);
    expect(() => parseExpression(chain)).toThrow(new ExpressionSyntaxError('expression chains more than 1024 operators at 2049; split it (a variable can hold part of it)', span(2049, 2050), chain));
  });

  it('compiles and evaluates a chain of a thousand operators', () => {
    expect(evaluate('1' + '+1'.repeat(999))).toBe(1000n);
  });
});

describe('compileExpression', () => {
  it.each([
    ['timeOut("a")', "unknown function 'timeOut' at 0; did you mean timeout()?"],
    ['abs(1)', "unknown function 'abs' at 0; did you mean vigil_abs()? (a Vigil extension, not portable to AWS IoT Events)"],
    ['sin(1)', "unknown function 'sin' at 0; the functions are timeout, convert, isNull, isUndefined, triggerType, currentInput, startsWith, endsWith, contains, bitor, bitand, bitxor, bitnot, " +
      'vigil_abs, vigil_sqrt, vigil_min, vigil_max, vigil_ewma, vigil_ewmvar, vigil_zscore, vigil_rate, vigil_timestamp'],
    ['vigil_ewma(1, 2)', 'vigil_ewma() takes 3 arguments, got 2 at 0'],
    ['vigil_timestamp(1)', 'vigil_timestamp() takes 0 arguments, got 1 at 0'],
    ['timeout()', 'timeout() takes 1 argument, got 0 at 0'],
    ['contains("a")', 'contains() takes 2 arguments, got 1 at 0'],
    ['convert(Integer, 1)', "convert() cannot produce 'Integer' at 8; use String, Boolean or Decimal"],
    ['convert(1, 1)', 'convert() needs String, Boolean or Decimal as its first argument at 8'],
    ['triggerType("Message2")', 'triggerType() takes "Message" or "Timer" at 12, not "Message2"'],
    ['pressure > 70', "unknown name 'pressure' at 0; read data with $input.<Input>.<attribute> or $variable.<name>, and quote strings"],
  ])('rejects %s', (source, message) => {
    expect(() => compileExpression(source)).toThrow(new ExpressionCompileError(message, { start: 0, end: 0 }, source));
  });
});
