import { AppError } from '../errors';
import type { Span } from './span';

/**
 * Base of the errors raised while turning expression text into a compiled expression. The message
 * names the 0-based character position (`unexpected ')' at 14; expected an operand`), `span`
 * locates the problem in `expression`.
 */
export abstract class ExpressionError extends AppError {
  constructor(
    message: string,
    readonly span: Span,
    readonly expression: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The text is not a well-formed IoT Events expression. */
export class ExpressionSyntaxError extends ExpressionError {}

/**
 * The text parses but cannot be compiled: an unknown function or name, a wrong number of
 * arguments, or a `convert` target other than `String`, `Boolean` or `Decimal`.
 */
export class ExpressionCompileError extends ExpressionError {}
