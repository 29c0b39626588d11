import { siteWiseProperty, type InputReference, type Node, type SiteWiseProperty } from '../../expression';
import { compileForCheck, issue, isObject } from '../check-context';
import type { ModelIssue } from '../issues';
import { alarmActionExpressions } from './check-alarm-actions';

const RULE = 'alarmRule.simpleRule';

/** A `$sitewise` read: the property it names and what of it (`propertyValue.value` or `assetId`). */
export interface SiteWiseRead extends SiteWiseProperty {
  readonly member: 'propertyValue.value' | 'assetId';
}

/** The SiteWise read a rule operand is, or undefined when it reads no SiteWise property. */
export function siteWiseRead(node: Pick<InputReference, 'input' | 'path'> | Node | undefined): SiteWiseRead | undefined {
  if (!node || ('kind' in node && node.kind !== 'input')) return undefined;
  const { input, path } = node as Pick<InputReference, 'input' | 'path'>;
  const property = siteWiseProperty(input);
  return property && { ...property, member: path.length === 1 ? 'assetId' : 'propertyValue.value' };
}

/** The SiteWise read of a rule operand's text, or undefined (also when it does not compile). */
export function operandSiteWiseRead(source: unknown): SiteWiseRead | undefined {
  if (typeof source !== 'string') return undefined;
  const ast = compileForCheck(source).compiled?.ast;
  return ast && siteWiseRead(ast);
}

/** The asset model a SiteWise-backed alarm model's rule reads, or undefined when it reads `$input`. */
export function ruleAssetModel(request: Record<string, unknown>): string | undefined {
  const rule = isObject(request.alarmRule) && isObject(request.alarmRule.simpleRule) ? request.alarmRule.simpleRule : {};
  return operandSiteWiseRead(rule.inputProperty)?.assetModelId;
}

/**
 * The rule's SiteWise constraints. An operand reads a property's value, not its asset's id. A rule
 * reading a SiteWise property keys its instances by asset id, so its threshold is a number or a
 * property of the same asset model (an attribute each asset sets for itself): an `$input`
 * threshold, or another model's property, could never be matched to an asset. A SiteWise threshold
 * needs a SiteWise input property likewise.
 */
export function checkSiteWiseRule(inputProperty: Node | undefined, threshold: Node | undefined, issues: ModelIssue[]): void {
  const input = siteWiseRead(inputProperty);
  const limit = siteWiseRead(threshold);
  for (const [node, read, side] of [[inputProperty, input, 'inputProperty'], [threshold, limit, 'threshold']] as const) {
    if (read?.member === 'assetId' && node) {
      issues.push(issue('expression-syntax', 'ERROR', `${RULE}.${side}`, `${side} must read a property's value ($sitewise.assetModel.\`…\`.\`…\`.propertyValue.value), not an asset id, at character ${node.span.start}`, node.span));
    }
  }
  if (input && threshold?.kind === 'input' && !limit) {
    issues.push(issue('expression-syntax', 'ERROR', `${RULE}.threshold`, `the input property reads AWS IoT SiteWise, so the threshold must be a number or a property of the same asset model ($sitewise.assetModel.\`${input.assetModelId}\`.\`…\`.propertyValue.value), not an $input attribute, at character ${threshold.span.start}`, threshold.span));
  } else if (input && limit && limit.assetModelId !== input.assetModelId && threshold) {
    issues.push(issue('expression-syntax', 'ERROR', `${RULE}.threshold`, `the threshold reads asset model ${limit.assetModelId} but the input property reads ${input.assetModelId}: instances are keyed by asset, so both must be properties of the same asset model (at character ${threshold.span.start})`, threshold.span));
  } else if (!input && limit && inputProperty && threshold) {
    issues.push(issue('expression-syntax', 'ERROR', `${RULE}.threshold`, `a SiteWise threshold needs a SiteWise input property of the same asset model; the input property reads $input (threshold at character ${threshold.span.start})`, threshold.span));
  }
}

/**
 * Action and notification expressions may read `$sitewise` only in a SiteWise-backed model, and
 * only its own asset model: the asset id of the instance, or the value of the notification that
 * caused the change. The `key` of a SiteWise-backed model is not used (a WARNING): its instances
 * are keyed by asset id.
 */
export function checkSiteWiseUses(request: Record<string, unknown>, issues: ModelIssue[]): void {
  const assetModel = ruleAssetModel(request);
  if (assetModel !== undefined && request.key !== undefined) {
    issues.push(issue('structure', 'WARNING', 'key', 'the rule reads AWS IoT SiteWise, whose alarms have one instance per asset: the key is not used, instances are keyed by asset id'));
  }
  for (const { path, source } of alarmActionExpressions(request)) {
    for (const reference of compileForCheck(source).references?.inputs ?? []) {
      const read = siteWiseRead(reference);
      if (!read) continue;
      const at = reference.span.start;
      if (assetModel === undefined) {
        issues.push(issue('referenced-data', 'ERROR', path, `$sitewise at character ${at}: the alarm rule reads no AWS IoT SiteWise property, so no SiteWise data reaches this model`, reference.span));
      } else if (read.assetModelId !== assetModel) {
        issues.push(issue('referenced-data', 'ERROR', path, `$sitewise at character ${at} reads asset model ${read.assetModelId}; this alarm's rule reads asset model ${assetModel}, the only one whose data reaches it`, reference.span));
      }
    }
  }
}
