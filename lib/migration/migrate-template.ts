import type { TemplateIssue } from './errors';
import { Resolver } from './intrinsics';
import { rewriteTemplate } from './rewrite-template';
import { parseTemplate } from './template';
import { planTemplateRules, type IngestTarget, type RuleEdit } from './template-rules';

/** A template's topic rules rerouted to Vigil: the new text (undefined when there is an ERROR), the edits, every finding. */
export interface MigratedTemplate {
  readonly text?: string;
  readonly edits: readonly RuleEdit[];
  readonly issues: readonly TemplateIssue[];
}

/**
 * Reroutes the `IotEvents` actions of a template's topic rules to Vigil's ingestion
 * ({@link planTemplateRules}) and writes the template back in its own format ({@link rewriteTemplate}),
 * everything but those rules unchanged. Throws a `TemplateError` for a text that is no template. Pure.
 */
export function migrateTemplateRules(text: string, target: IngestTarget, parameters: Readonly<Record<string, string>> = {}): MigratedTemplate {
  const { root, format } = parseTemplate(text);
  const issues: TemplateIssue[] = [];
  const edits = planTemplateRules(root, target, new Resolver(root, parameters, issues), issues);
  if (issues.some((issue) => issue.level === 'ERROR')) return { edits, issues };
  return { text: edits.length ? rewriteTemplate(text, format, edits) : text, edits, issues };
}
