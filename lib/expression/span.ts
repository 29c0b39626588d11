/** A half-open range `[start, end)` of character offsets (0-based) in an expression's source text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Creates a span; `end` defaults to `start + 1`. */
export function span(start: number, end: number = start + 1): Span {
  return { start, end };
}
