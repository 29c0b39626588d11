import { isSiteWiseInputName } from '../expression';
import { issue, type CheckedExpression, type ModelContext } from './check-context';
import type { ModelIssue } from './issues';

/**
 * Reports every expression that does not parse or compile, with the parser's message (which names
 * the position: "unexpected ')' at 5; expected an operand") and its span; and every `$sitewise`
 * read, which only alarm models have (AWS routed SiteWise data to alarm models alone).
 */
export function checkExpressionSyntax(context: ModelContext): ModelIssue[] {
  return context.expressions.flatMap((expression) => {
    const { error, site, references } = expression;
    if (!error) {
      const siteWise = references?.inputs.find((reference) => isSiteWiseInputName(reference.input));
      if (!siteWise || site.role === 'target') return [];
      return [issue('expression-syntax', 'ERROR', site.path, `$sitewise at ${siteWise.span.start} reads AWS IoT SiteWise data, which only alarm models can; a detector model reads $input`, siteWise.span)];
    }
    if (!reportsErrors(expression)) return [];
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
