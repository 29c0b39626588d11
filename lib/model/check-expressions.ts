import { issue, type CheckedExpression, type ModelContext } from './check-context';
import type { ModelIssue } from './issues';

/**
 * Reports every expression that does not parse or compile, with the parser's message (which names
 * the position: "unexpected ')' at 5; expected an operand") and its span.
 */
export function checkExpressionSyntax(context: ModelContext): ModelIssue[] {
  return context.expressions.flatMap((expression) => {
    const { error, site } = expression;
    if (!error || !reportsErrors(expression)) return [];
    return [issue('expression-syntax', 'ERROR', site.path, error.message, error.span)];
  });
}

function reportsErrors({ site }: CheckedExpression): boolean {
  // A target field (an ARN, a URL, an MQTT topic) that merely starts like an expression but does
  // not parse is literal text: AWS examples publish to "$aws/things/…/shadow/update" (spec §5.0).
  if (site.role === 'target') return false;
  // An empty payload has its own message ("Customized Payloads must be non-empty"), from the action check.
  return !(site.role === 'payload' && site.source.trim() === '');
}
