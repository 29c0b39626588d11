import { AppError } from '../errors';

/** How serious a finding about a template is: ERROR stops the import or migration, WARNING is reported. */
export type TemplateIssueLevel = 'ERROR' | 'WARNING';

/** One finding about a template, at its path (`Resources.Motor.Properties.RoleArn`). */
export interface TemplateIssue {
  readonly level: TemplateIssueLevel;
  /** Where in the template, as `Resources.<LogicalId>.Properties.…[i]…`; `''` for the whole template. */
  readonly path: string;
  readonly message: string;
}

/** `path: message`, as the commands print a finding. */
export function formatTemplateIssue(issue: TemplateIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** A template that cannot be read at all: not YAML or JSON, too large, not a CloudFormation template. */
export class TemplateError extends AppError {
  constructor(
    message: string,
    /** Where in the template (`Resources`), or `''`; a line and column when the text itself is broken. */
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(path ? `${path}: ${message}` : message, options);
  }
}
