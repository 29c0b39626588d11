import type { Node, PathSegment, UnaryOperator } from './ast';
import { ExpressionSyntaxError } from './errors';
import { PRECEDENCE, isBinaryOperator } from './grammar';
import { tokenize } from './lexer';
import { siteWiseIdProblem, siteWiseInputName } from './sitewise-input';
import { span, type Span } from './span';
import { describeToken, type Token } from './tokens';
import { INT64_MAX } from './values';

/** Longest expression text accepted; AWS's own limits are 512 (conditions) and 1024 (values). */
export const MAX_EXPRESSION_LENGTH = 65_536;
/** Deepest nesting of parentheses, unary operators and calls accepted. */
const MAX_DEPTH = 256;
/**
 * Tallest syntax tree accepted. A chain `1 + 1 + … + 1` nests one level per operator; compiling
 * and evaluating recurse once per level, so the bound keeps a long chain a syntax error instead of
 * a stack overflow.
 */
const MAX_HEIGHT = 1024;

/**
 * Parses IoT Events expression text into a syntax tree.
 *
 * @throws ExpressionSyntaxError with the 0-based position and a message that says what was
 * expected, e.g. `unexpected ')' at 14; expected an operand`.
 */
export function parseExpression(source: string): Node {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(
      `expression is ${source.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
      span(0, source.length),
      source,
    );
  }
  return new Parser(source, tokenize(source)).parseAll();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseAll(): Node {
    const node = this.expression(0);
    const rest = this.peek();
    if (rest.type !== 'end') {
      throw this.unexpected(rest, 'expected an operator or the end of the expression');
    }
    return node;
  }

  /** Precedence climbing: parses operators binding tighter than `minPrecedence`. */
  private expression(minPrecedence: number): Node {
    let left = this.unary();
    for (let chained = 1; ; chained++) {
      const token = this.peek();
      if (token.type !== 'punctuator' || !isBinaryOperator(token.value)) return left;
      const precedence = PRECEDENCE[token.value];
      if (precedence <= minPrecedence) return left;
      if (this.depth + chained > MAX_HEIGHT) {
        throw this.error(`expression chains more than ${MAX_HEIGHT} operators at ${token.span.start}; split it (a variable can hold part of it)`, token.span);
      }
      this.index++;
      const right = this.expression(precedence);
      left = { kind: 'binary', operator: token.value, left, right, span: join(left.span, right.span) };
    }
  }

  private unary(): Node {
    const token = this.peek();
    if (token.type === 'punctuator' && (token.value === '!' || token.value === '-' || token.value === '~')) {
      this.index++;
      const operand = this.nested(() => this.unary());
      return { kind: 'unary', operator: token.value as UnaryOperator, operand, span: join(token.span, operand.span) };
    }
    return this.primary();
  }

  private primary(): Node {
    const token = this.take();
    switch (token.type) {
      case 'number':
        return numberNode(token.text, token.span);
      case 'string':
        return this.stringNode(token);
      case 'reference':
        if (token.name === 'sitewise') return this.siteWiseReference(token.span);
        return token.name === 'input' ? this.inputReference(token.span) : this.variableReference(token.span);
      case 'identifier':
        return this.identifier(token.name, token.span);
      case 'punctuator':
        if (token.value === '(') {
          const inner = this.nested(() => this.expression(0));
          this.expect(')', `expected ')' to close the '(' at ${token.span.start}`);
          return inner;
        }
        if (token.value === '.') {
          throw this.error(`unexpected '.' at ${token.span.start}; decimals need a leading digit (0.5)`, token.span);
        }
        throw this.unexpected(token, 'expected an operand');
      default:
        throw this.unexpected(token, 'expected an operand');
    }
  }

  private identifier(name: string, nameSpan: Span): Node {
    if (this.peekPunctuator('(')) return this.call(name, nameSpan);
    const lower = name.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true', span: nameSpan };
    return { kind: 'name', name, span: nameSpan };
  }

  private call(callee: string, calleeSpan: Span): Node {
    this.index++; // '('
    const args: Node[] = [];
    if (!this.peekPunctuator(')')) {
      for (;;) {
        args.push(this.nested(() => this.expression(0)));
        if (this.peekPunctuator(',')) {
          this.index++;
          continue;
        }
        break;
      }
    }
    const close = this.expect(')', `expected ',' or ')' in the arguments of ${callee}()`);
    return { kind: 'call', callee, args, calleeSpan, span: join(calleeSpan, close.span) };
  }

  private inputReference(start: Span): Node {
    this.expect('.', "expected '.' and an input name after $input");
    const input = this.name('an input name');
    this.expect('.', `expected '.' and an attribute after $input.${input.name}`);
    const first = this.name('an attribute name');
    const path: PathSegment[] = [first.name];
    let end = first.span;
    for (;;) {
      if (this.peekPunctuator('.')) {
        this.index++;
        const segment = this.name('an attribute name');
        path.push(segment.name);
        end = segment.span;
      } else if (this.peekPunctuator('[')) {
        this.index++;
        const indexToken = this.take();
        if (indexToken.type !== 'number' || indexToken.text.includes('.')) {
          throw this.unexpected(indexToken, 'expected an array index (0, 1, 2, …)');
        }
        const close = this.expect(']', "expected ']' after the array index");
        path.push(Number(indexToken.text));
        end = close.span;
      } else {
        return { kind: 'input', input: input.name, path, span: join(start, end) };
      }
    }
  }

  /**
   * `$sitewise.assetModel.<assetModelId>.<propertyId>.propertyValue.value` or `….assetId`: an
   * `$input` read of the property's built-in input (see `siteWiseInputName`), so evaluation,
   * routing and analysis treat it as any input attribute.
   */
  private siteWiseReference(start: Span): Node {
    this.expect('.', "expected '.assetModel' after $sitewise");
    const assetModel = this.take();
    if (assetModel.type !== 'identifier' || assetModel.name !== 'assetModel') throw this.unexpected(assetModel, "expected 'assetModel' after $sitewise.");
    this.expect('.', "expected '.' and an asset model id after $sitewise.assetModel");
    const assetModelId = this.siteWiseId('an asset model id');
    this.expect('.', `expected '.' and a property id after the asset model id`);
    const propertyId = this.siteWiseId('a property id');
    this.expect('.', `expected '.propertyValue.value' or '.assetId' after the property id`);
    const member = this.take();
    const wanted = "expected 'propertyValue.value' or 'assetId'";
    if (member.type !== 'identifier' || (member.name !== 'propertyValue' && member.name !== 'assetId')) throw this.unexpected(member, wanted);
    const input = siteWiseInputName({ assetModelId: assetModelId.name, propertyId: propertyId.name });
    if (member.name === 'assetId') return { kind: 'input', input, path: ['assetId'], span: join(start, member.span) };
    this.expect('.', "expected '.value' after propertyValue");
    const value = this.take();
    if (value.type !== 'identifier' || value.name !== 'value') throw this.unexpected(value, "expected 'value' after propertyValue.");
    return { kind: 'input', input, path: ['propertyValue', 'value'], span: join(start, value.span) };
  }

  private siteWiseId(what: string): { name: string; span: Span } {
    const id = this.name(`${what} (in backticks when it holds '-')`);
    const problem = siteWiseIdProblem(id.name);
    if (problem) throw this.error(`${problem} at ${id.span.start}`, id.span);
    return id;
  }

  private variableReference(start: Span): Node {
    this.expect('.', "expected '.' and a variable name after $variable");
    const token = this.take();
    if (token.type !== 'identifier') throw this.unexpected(token, 'expected a variable name');
    return { kind: 'variable', name: token.name, span: join(start, token.span) };
  }

  private name(what: string): { name: string; span: Span } {
    const token = this.take();
    if (token.type === 'identifier' || token.type === 'quoted') return { name: token.name, span: token.span };
    throw this.unexpected(token, `expected ${what}`);
  }

  private stringNode(token: Extract<Token, { type: 'string' }>): Node {
    if (token.parts.length === 1 && 'text' in token.parts[0]) {
      return { kind: 'string', value: token.parts[0].text, span: token.span };
    }
    const parts = token.parts.map((part) => {
      if ('text' in part) return part.text;
      if (part.tokens.length === 1) {
        throw this.error(`empty substitution at ${part.span.start}; put an expression inside \${}`, part.span);
      }
      return this.nested(() => new Parser(this.source, part.tokens).parseAll());
    });
    return { kind: 'template', parts, span: token.span };
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) {
      throw this.error(`expression nests deeper than ${MAX_DEPTH} levels at ${this.peek().span.start}`, this.peek().span);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private peekPunctuator(value: string): boolean {
    const token = this.tokens[this.index];
    return token.type === 'punctuator' && token.value === value;
  }

  private take(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'end') this.index++;
    return token;
  }

  private expect(value: string, hint: string): Token {
    const token = this.take();
    if (token.type === 'punctuator' && token.value === value) return token;
    throw this.unexpected(token, hint);
  }

  private unexpected(token: Token, hint: string): ExpressionSyntaxError {
    return this.error(`unexpected ${describeToken(token)} at ${token.span.start}; ${hint}`, token.span);
  }

  private error(message: string, at: Span): ExpressionSyntaxError {
    return new ExpressionSyntaxError(message, at, this.source);
  }
}

function numberNode(text: string, at: Span): Node {
  if (text.includes('.')) return { kind: 'decimal', value: Number(text), span: at };
  const value = BigInt(text);
  // An integer literal too large for 64 bits is kept as a decimal, like an oversized payload number.
  return value > INT64_MAX + 1n ? { kind: 'decimal', value: Number(text), span: at } : { kind: 'integer', value, span: at };
}

function join(a: Span, b: Span): Span {
  return span(a.start, b.end);
}
