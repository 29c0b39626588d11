import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import { Pair, Scalar, YAMLMap, YAMLSeq, isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { CFN_YAML_TAGS, tagOfIntrinsic } from './cfn-tags';
import type { OutValue, RuleEdit } from './template-rules';

type JsonObject = Record<string, unknown>;

/**
 * Applies rule edits ({@link RuleEdit}) to a template's text, in its own format, leaving the rest
 * as it was: YAML through the `yaml` Document API (comments, order, quoting and short-form tags
 * kept; new values written with short-form tags), JSON with every number's text kept
 * (`lossless-json`) and the file's indentation. A companion rule is placed right after its rule; a
 * rule marked `removeResource` is taken out, with the comments written inside it.
 */
export function rewriteTemplate(text: string, format: 'json' | 'yaml', edits: readonly RuleEdit[]): string {
  return format === 'json' ? rewriteJson(text, edits) : rewriteYaml(text, edits);
}

function rewriteJson(text: string, edits: readonly RuleEdit[]): string {
  const root = parseLossless(text) as JsonObject;
  const resources = root.Resources as JsonObject;
  for (const edit of edits) {
    const payload = ((resources[edit.logicalId] as JsonObject).Properties as JsonObject).TopicRulePayload as JsonObject;
    if (edit.inPlace) {
      Object.assign(payload, { Sql: edit.inPlace.sql, Actions: edit.inPlace.actions, ErrorAction: edit.inPlace.errorAction });
      if (edit.inPlace.version !== undefined) payload.AwsIotSqlVersion = edit.inPlace.version;
    }
    payload.Actions = (payload.Actions as unknown[]).filter((_, i) => !edit.removeActions.includes(i));
  }
  for (const edit of edits) if (edit.removeResource) delete resources[edit.logicalId];
  // Companions go right after their rule: rebuild Resources in that order.
  const ordered: JsonObject = {};
  for (const [id, resource] of Object.entries(resources)) {
    ordered[id] = resource;
    for (const companion of edits.find((edit) => edit.logicalId === id)?.companions ?? []) ordered[companion.logicalId] = companion.resource;
  }
  root.Resources = ordered;
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return `${stringifyLossless(root, null, indent)}\n`;
}

function rewriteYaml(text: string, edits: readonly RuleEdit[]): string {
  const document = parseDocument(text, { customTags: [...CFN_YAML_TAGS], keepSourceTokens: false });
  const resources = document.get('Resources', true) as YAMLMap;
  for (const edit of edits) {
    const payload = document.getIn(['Resources', edit.logicalId, 'Properties', 'TopicRulePayload'], true) as YAMLMap;
    if (edit.inPlace) {
      payload.set('Sql', toNode(document, edit.inPlace.sql));
      if (edit.inPlace.version !== undefined) payload.set('AwsIotSqlVersion', toNode(document, edit.inPlace.version));
      payload.set('Actions', toNode(document, edit.inPlace.actions));
      payload.set('ErrorAction', toNode(document, edit.inPlace.errorAction));
    }
    const actions = payload.get('Actions', true);
    if (isSeq(actions)) actions.items = actions.items.filter((_, i) => !edit.removeActions.includes(i));
    const at = resources.items.findIndex((pair) => String((pair.key as Scalar).value) === edit.logicalId);
    const added = edit.companions.map((companion) => new Pair(document.createNode(companion.logicalId), toNode(document, companion.resource)));
    resources.items.splice(at + 1, 0, ...added);
  }
  for (const edit of edits) if (edit.removeResource) resources.delete(edit.logicalId);
  return document.toString({ lineWidth: 0 });
}

/** A value as YAML nodes, long-form intrinsics as short-form tags (`!GetAtt Role.Arn`, `!Join […]`). */
function toNode(document: Document, value: OutValue): Node {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.items = value.map((item) => toNode(document, item));
    return seq;
  }
  if (typeof value === 'object') {
    const [name] = Object.keys(value);
    const tag = Object.keys(value).length === 1 ? tagOfIntrinsic(name) : undefined;
    if (tag) {
      const argument = value[name];
      const node = name === 'Fn::GetAtt' && Array.isArray(argument) && argument.every((part) => typeof part === 'string')
        ? new Scalar(argument.join('.'))
        : typeof argument === 'object' ? toNode(document, argument) : new Scalar(argument);
      if (isMap(node) || isSeq(node)) node.flow = true;
      node.tag = tag;
      return node;
    }
    const map = new YAMLMap();
    map.items = Object.entries(value).map(([key, item]) => new Pair(document.createNode(key), toNode(document, item)));
    return map;
  }
  const scalar = document.createNode(value) as Scalar;
  // Text a YAML 1.1 reader (CloudFormation's) could take for a date, number or Boolean is quoted;
  // SQL, which holds single quotes, is double-quoted, as Vigil's own rules are written.
  if (typeof value === 'string' && (/^[-+.\d:]+$/.test(value) || /^(y|n|yes|no|on|off|true|false|null|~)$/i.test(value))) scalar.type = 'QUOTE_SINGLE';
  else if (typeof value === 'string' && value.includes("'")) scalar.type = 'QUOTE_DOUBLE';
  return scalar;
}
