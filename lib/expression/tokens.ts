import type { Span } from './span';

/** Operator and punctuation tokens, spelled as in the source. */
export type Punctuator =
  | '(' | ')' | ',' | '.' | '[' | ']' | '}'
  | '||' | '&&' | '|' | '^' | '&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/'
  | '!' | '~';

/** One piece of a string literal: literal text, or the tokens of a `${…}` substitution. */
export type StringPart =
  | { readonly text: string }
  | { readonly tokens: readonly Token[]; readonly span: Span };

/** A lexical token. Every token knows where it came from. */
export type Token =
  | { readonly type: 'number'; readonly text: string; readonly span: Span }
  | { readonly type: 'string'; readonly parts: readonly StringPart[]; readonly span: Span }
  | { readonly type: 'identifier'; readonly name: string; readonly span: Span }
  | { readonly type: 'quoted'; readonly name: string; readonly span: Span }
  | { readonly type: 'reference'; readonly name: 'input' | 'variable' | 'sitewise'; readonly span: Span }
  | { readonly type: 'punctuator'; readonly value: Punctuator; readonly span: Span }
  | { readonly type: 'end'; readonly span: Span };

/** How a token is shown in error messages: `')'`, `'$input'`, `"abc"`, `the end of the expression`. */
export function describeToken(token: Token): string {
  switch (token.type) {
    case 'number':
      return `'${token.text}'`;
    case 'string':
      return 'a string';
    case 'identifier':
      return `'${token.name}'`;
    case 'quoted':
      return `'\`${token.name}\`'`;
    case 'reference':
      return `'$${token.name}'`;
    case 'punctuator':
      return `'${token.value}'`;
    case 'end':
      return 'end of the expression';
  }
}
