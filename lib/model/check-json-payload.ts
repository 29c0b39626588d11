import { TYPE, describeTypes, inferType, type Node, type TypeEnvironment } from '../expression';
import { isObject, issue, type CheckedExpression } from './check-context';
import type { ModelIssue } from './issues';
import type { ExpressionSite } from './walk';

/** True when the site is the `contentExpression` of a payload whose `type` is JSON. */
export function isJsonPayload(site: ExpressionSite): boolean {
  if (site.role !== 'payload' || !site.action) return false;
  // The path names the action type the payload belongs to: `….actions[0].sns.payload.contentExpression`.
  const type = site.path.slice(site.action.path.length + 1).split('.')[0];
  const body = (site.action.action as Record<string, unknown>)[type];
  return isObject(body) && isObject(body.payload) && body.payload.type === 'JSON';
}

/**
 * Warns about each value spliced into a JSON payload outside a JSON string when it can only be a
 * String (spec §7.1: interpolations must be numbers or Booleans). Strings are inserted raw, so
 * `'{"a": ${$variable.s}}'` gives `{"a": text}`, which AWS sends anyway but no consumer can parse.
 */
export function checkJsonInterpolations(expression: CheckedExpression, environment: TypeEnvironment): ModelIssue[] {
  const { site, compiled } = expression;
  if (!compiled || !isJsonPayload(site)) return [];
  const pieces = splitConcatenation(compiled.ast);
  // Without literal JSON text around them, the values are the whole payload (a String may hold JSON).
  if (!pieces.some((piece) => typeof piece === 'string' && piece.trim() !== '')) return [];
  const issues: ModelIssue[] = [];
  let quoted = false;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      quoted = scanQuotes(piece, quoted);
      continue;
    }
    const type = inferType(piece, environment).type & ~TYPE.Undefined;
    if (quoted || type !== TYPE.String) continue;
    const text = site.source.slice(piece.span.start, piece.span.end);
    issues.push(issue('data-type', 'WARNING', site.path,
      `${text} is inserted into this JSON payload outside quotes at ${piece.span.start}, but it is a ${describeTypes(type)}, ` +
      `so the payload will not parse as JSON: put it in quotes ("\${${text}}") or give a number or Boolean`, piece.span));
  }
  return issues;
}

/** The literal texts and inserted values of a template or `+` concatenation, in order. */
function splitConcatenation(node: Node): (string | Node)[] {
  if (node.kind === 'template') return [...node.parts];
  if (node.kind === 'string') return [node.value];
  if (node.kind === 'binary' && node.operator === '+') return [...splitConcatenation(node.left), ...splitConcatenation(node.right)];
  return [node];
}

/** Whether the text after `text` is inside a JSON string, given whether `text` starts inside one. */
function scanQuotes(text: string, quoted: boolean): boolean {
  let inside = quoted;
  for (let i = 0; i < text.length; i++) {
    if (inside && text[i] === '\\') i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}
