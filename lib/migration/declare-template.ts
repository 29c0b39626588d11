import { Document, Scalar, isMap, isScalar, isSeq, parse } from 'yaml';
import { DECLARED_RULES_PATH, DeclaredRulesError, readDeclaredRules, type StackNames } from '../declared-rules';
import { planDeclaredRules, type RuleDeclaration } from './declare-rules';
import type { TemplateIssue } from './errors';
import { Resolver } from './intrinsics';
import { rewriteTemplate } from './rewrite-template';
import { member, parseTemplate, type CfnObject } from './template';
import type { RuleEdit } from './template-rules';

/** A template's IotEvents routes as declared rules: the template without them and the declarations (both undefined when there is an ERROR). */
export interface DeclaredTemplate {
  readonly text?: string;
  /** `rules:` and its entries, YAML to paste under `custom.vigil` of Vigil's serverless.yml. */
  readonly rules?: string;
  readonly declarations: readonly RuleDeclaration[];
  readonly edits: readonly RuleEdit[];
  readonly issues: readonly TemplateIssue[];
}

/**
 * `vigil migrate-rules --template F --declare`: the template's IotEvents actions taken out (and a
 * rule left with no action), every other action and SQL kept as it was ({@link rewriteTemplate}),
 * and the routes they were written as `custom.vigil.rules` entries ({@link planDeclaredRules}).
 * The YAML written is read back and checked as `serverless package` and `npm start` check it
 * (`readDeclaredRules`, for the stack `stack`): a declaration it would refuse is an ERROR at the
 * template path of its action. Throws a `TemplateError` for a text that is no template. Pure.
 */
export function declareTemplateRules(text: string, stack: StackNames, parameters: Readonly<Record<string, string>> = {}): DeclaredTemplate {
  const { root, format } = parseTemplate(text);
  const issues: TemplateIssue[] = [];
  const { edits, routes } = planDeclaredRules(root, new Resolver(root, parameters, issues), issues);
  const declarations = routes.map((route) => route.declaration);
  if (issues.some((issue) => issue.level === 'ERROR')) return { declarations, edits, issues };
  const rules = declarationsYaml(declarations, routes.map((route) => route.at));
  try {
    readDeclaredRules((parse(rules) as { rules: unknown }).rules, stack);
  } catch (error) {
    if (!(error instanceof DeclaredRulesError)) throw error;
    for (const found of error.issues) {
      const index = /^custom\.vigil\.rules\[(\d+)\]/.exec(found.path)?.[1];
      issues.push({ level: 'ERROR', path: index === undefined ? '' : routes[Number(index)].at, message: `its declared rule would be refused: ${found.path}: ${found.message}` });
    }
    return { declarations, edits, issues };
  }
  const removed = edits.filter((edit) => edit.removeResource).length;
  if (removed && removed === Object.keys(member(root, 'Resources') as CfnObject).length) {
    issues.push({ level: 'WARNING', path: 'Resources', message: 'no resource is left, and CloudFormation refuses a template without one: delete the stack instead of deploying it' });
  }
  return { text: edits.length ? rewriteTemplate(text, format, edits) : text, rules, declarations, edits, issues };
}

/**
 * The declarations as `rules:` YAML, each entry under a comment naming the action it replaces; SQL
 * and message id expressions, which hold single quotes, double-quoted as serverless.yml writes them.
 */
function declarationsYaml(declarations: readonly RuleDeclaration[], from: readonly string[]): string {
  const document = new Document({ [DECLARED_RULES_PATH.split('.').pop() as string]: declarations });
  const list = document.get('rules', true);
  if (isSeq(list)) {
    list.items.forEach((item, i) => {
      if (!isMap(item)) return;
      item.commentBefore = ` from ${from[i]}`;
      for (const pair of item.items) {
        if (isScalar(pair.value) && typeof pair.value.value === 'string' && pair.value.value.includes("'")) (pair.value as Scalar).type = 'QUOTE_DOUBLE';
      }
    });
  }
  return document.toString({ lineWidth: 0 });
}
