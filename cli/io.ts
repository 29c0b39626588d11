import { ExpressionError } from '../lib/expression';

/** Where a command writes; injectable so tests capture output without spawning processes. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

/** Writes to the process's stdout and stderr. */
export const processIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Exit codes shared by every command (3: the API could not be reached). */
export const EXIT = { ok: 0, invalid: 1, usage: 2, unavailable: 3 } as const;

/** Thrown for a wrong command line; the message says what to type instead. */
export class UsageError extends Error {}

/** Prints an expression error with a caret under the offending text. */
export function printExpressionError(io: CommandIo, error: ExpressionError, label = 'vigil'): void {
  io.err(`${label}: ${error.message}`);
  if (!error.expression.includes('\n')) {
    const width = Math.max(1, error.span.end - error.span.start);
    io.err(`  ${error.expression}`);
    io.err(`  ${' '.repeat(error.span.start)}${'^'.repeat(Math.min(width, error.expression.length - error.span.start || 1))}`);
  }
}
