import { isVigilFunction, walk } from '../expression';
import { issue, type ModelContext } from './check-context';
import type { ModelIssue } from './issues';

/**
 * Reports every call of a Vigil extension function (`vigil_ewma`, …) as a WARNING at the callee's
 * position: the model runs on Vigil, but AWS IoT Events would reject it, so it is not portable
 * back. A warning, never an error: using the extensions is a legitimate choice.
 */
export function checkPortability(context: ModelContext): ModelIssue[] {
  const issues: ModelIssue[] = [];
  for (const { compiled, site } of context.expressions) {
    if (!compiled) continue;
    walk(compiled.ast, (node) => {
      if (node.kind !== 'call' || !isVigilFunction(node.callee)) return;
      issues.push(issue('expression-syntax', 'WARNING', site.path,
        `${node.callee}() at ${node.calleeSpan.start} is a Vigil extension: not portable to AWS IoT Events`, node.calleeSpan));
    });
  }
  return issues;
}
