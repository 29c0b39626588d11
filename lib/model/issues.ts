import type { Span } from '../expression';

/** The seven analysis result types of AWS IoT Events (GetDetectorModelAnalysisResults). */
export type AnalysisType =
  | 'supported-actions'
  | 'service-limits'
  | 'structure'
  | 'expression-syntax'
  | 'data-type'
  | 'referenced-data'
  | 'referenced-resource';

/** ERROR blocks a model from deploying; WARNING and INFO are advice. */
export type IssueLevel = 'ERROR' | 'WARNING' | 'INFO';

/**
 * One problem (or fact) about a detector model, in the shape of an AWS analysis result plus the
 * character span when the problem is inside an expression.
 */
export interface ModelIssue {
  readonly type: AnalysisType;
  readonly level: IssueLevel;
  /**
   * JSON path of the problem: inside the definition relative to it, as AWS reports them
   * (`states[2].onInput.transitionEvents[0].condition`); top-level fields by name (`key`); `''` for
   * the request itself.
   */
  readonly path: string;
  readonly message: string;
  readonly span?: Span;
}

/** `path: message`, the one-line form the CLI and API errors print. */
export function formatIssue(issue: ModelIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** Orders issues ERROR first, then WARNING, then INFO, each group in document order. */
export function sortIssues(issues: readonly ModelIssue[]): ModelIssue[] {
  const rank: Record<IssueLevel, number> = { ERROR: 0, WARNING: 1, INFO: 2 };
  return issues.map((issue, i) => ({ issue, i })).sort((a, b) => rank[a.issue.level] - rank[b.issue.level] || a.i - b.i).map(({ issue }) => issue);
}
