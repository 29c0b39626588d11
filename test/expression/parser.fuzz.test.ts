import fc from 'fast-check';
import {
  ExpressionCompileError,
  ExpressionSyntaxError,
  compileExpression,
  parseExpression,
  walk,
  type Node,
} from '../../lib/expression';
import { context } from '../helpers/expression';

const RUNS = 3000;

/** Every node's span lies inside the text, and children lie inside their parent. */
function assertSpans(root: Node, length: number): void {
  walk(root, (node) => {
    expect(node.span.start).toBeGreaterThanOrEqual(0);
    expect(node.span.end).toBeLessThanOrEqual(length);
    expect(node.span.start).toBeLessThanOrEqual(node.span.end);
  });
}

// Text biased toward the language's own characters, so the fuzzer reaches deep into the parser.
const ALPHABET = ['$input.', '$variable.', 'X', 'a', '.', '[', ']', '0', '7', '(', ')', ',', "'", '"', '`', '${', '}',
  '&&', '||', '==', '!=', '<', '>=', '+', '-', '*', '/', '!', '~', '&', '|', '^', ' ', 'timeout', 'convert', 'true', '1.5', '%', 'é', '\n'];
const languageLike = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((parts) => parts.join(''));

describe('parser properties', () => {
  it('throws nothing but ExpressionSyntaxError, with a span inside the text, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), languageLike), (source) => {
        try {
          assertSpans(parseExpression(source), source.length);
        } catch (error) {
          if (!(error instanceof ExpressionSyntaxError)) throw error;
          expect(error.span.start).toBeGreaterThanOrEqual(0);
          expect(error.span.end).toBeLessThanOrEqual(source.length);
          expect(error.message).toMatch(/ at \d+/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('evaluates whatever compiles without throwing', () => {
    fc.assert(
      fc.property(languageLike, (source) => {
        let compiled;
        try {
          compiled = compileExpression(source);
        } catch (error) {
          if (error instanceof ExpressionSyntaxError || error instanceof ExpressionCompileError) return;
          throw error;
        }
        compiled.evaluate(context({ inputs: { X: '{"a": [1, 2.5, "s", true, null, {"b": 1}]}' }, variables: { a: 1n } }));
      }),
      { numRuns: RUNS },
    );
  });
});

// Random syntax trees, printed with full parentheses, must parse back to the same shape.
const leaf = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map((n) => n.toString()),
  fc.tuple(fc.nat(1000), fc.nat(999)).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom('true', 'false', "'text'", '"q"', '$variable.v', '$input.In.a', '$input.In.`b c`[1]', "'${$variable.v}!'"),
);
const CALLS: [string, number][] = [['timeout', 1], ['isNull', 1], ['isUndefined', 1], ['contains', 2], ['bitor', 2], ['bitnot', 1], ['startsWith', 2]];
const tree: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom('!', '-', '~'), tie('expr')).map(([op, e]) => `${op}(${e})`),
    fc.tuple(tie('expr'), fc.constantFrom('||', '&&', '|', '^', '&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/'), tie('expr'))
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom(...CALLS), tie('expr'), tie('expr'))
      .map(([[name, arity], a, b]) => `${name}(${arity === 1 ? a : `${a}, ${b}`})`),
    fc.tuple(tie('expr')).map(([e]) => `convert(String, ${e})`),
  ),
})).expr;

describe('random syntax trees', () => {
  it('parse, keep their spans inside the text, compile and evaluate', () => {
    fc.assert(
      fc.property(tree, (source) => {
        const ast = parseExpression(source);
        assertSpans(ast, source.length);
        compileExpression(source).evaluate(context({ inputs: { In: '{"a": 3, "b c": [0, 2.5]}' }, variables: { v: 'x' } }));
      }),
      { numRuns: RUNS },
    );
  });
});
