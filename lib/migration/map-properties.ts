import { closestName, type MemberShape, type StructureShape } from '../model';
import { CFN_PROPERTIES, type CfnPrimitive } from './cfn-spec';
import type { TemplateIssue } from './errors';
import { isCfnObject, type CfnValue } from './template';

/** Where each API member came from: its API path (`detectorModelDefinition.states[0]`) → its template path. */
export type PathMap = Map<string, string>;

/**
 * Maps resolved CloudFormation properties to the API request body of `shape`, member by member as
 * the resource specification names them ({@link CFN_PROPERTIES}): `DetectorModelDefinition` →
 * `detectorModelDefinition`, `Sns` → `sns`, `Payload.ContentExpression` → `payload.contentExpression`.
 * Values of string members are copied as written (expressions, payloads and tag values are never
 * re-cased); integers and Booleans are read from their text, as CloudFormation does. A property
 * the specification does not have, or a value of the wrong kind, is an ERROR at its template path;
 * every API path produced is recorded in `paths`, so validation findings can be reported where the
 * template says it. The walk follows the shape, so its depth is bounded whatever the template holds.
 */
export function mapProperties(value: CfnValue, shape: StructureShape, cfnPath: string, paths: PathMap, issues: TemplateIssue[]): Record<string, unknown> {
  return mapStructure(value, shape, cfnPath, '', paths, issues) ?? {};
}

function mapMember(value: CfnValue, shape: MemberShape, primitive: CfnPrimitive, cfnPath: string, apiPath: string, paths: PathMap, issues: TemplateIssue[]): unknown {
  paths.set(apiPath, cfnPath);
  if (shape.kind === 'structure') return mapStructure(value, shape, cfnPath, apiPath, paths, issues);
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return refuse(issues, cfnPath, 'expected a list');
    return value.map((item, i) => mapMember(item, shape.member, 'string', `${cfnPath}[${i}]`, `${apiPath}[${i}]`, paths, issues));
  }
  if (typeof value !== 'string') return refuse(issues, cfnPath, `expected ${primitive === 'string' ? 'text' : `${primitive === 'integer' ? 'an integer' : 'a Boolean'}`}, found a ${Array.isArray(value) ? 'list' : 'mapping'}`);
  if (primitive === 'integer') return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : refuse(issues, cfnPath, `expected an integer, found '${value}'`);
  if (primitive === 'boolean') {
    const text = value.trim().toLowerCase();
    return text === 'true' || text === 'false' ? text === 'true' : refuse(issues, cfnPath, `expected true or false, found '${value}'`);
  }
  return value;
}

function mapStructure(value: CfnValue, shape: StructureShape, cfnPath: string, apiPath: string, paths: PathMap, issues: TemplateIssue[]): Record<string, unknown> | undefined {
  if (!isCfnObject(value)) return refuse(issues, cfnPath, `expected a mapping (${shape.name}), found ${Array.isArray(value) ? 'a list' : `'${value}'`}`);
  const properties = Object.hasOwn(CFN_PROPERTIES, shape.name) ? CFN_PROPERTIES[shape.name] : {};
  const allowed = Object.keys(properties);
  const body: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const at = cfnPath ? `${cfnPath}.${key}` : key;
    const apiName = Object.hasOwn(properties, key) ? Object.keys(shape.members).find((name) => name.toLowerCase() === key.toLowerCase()) : undefined;
    if (apiName === undefined) {
      const near = closestName(key, allowed);
      issues.push({ level: 'ERROR', path: at, message: `CloudFormation has no property '${key}' here; ${near ? `did you mean '${near}'?` : `expected one of ${allowed.join(', ')}`}` });
      continue;
    }
    body[apiName] = mapMember(item, shape.members[apiName], properties[key], at, apiPath ? `${apiPath}.${apiName}` : apiName, paths, issues);
  }
  return body;
}

function refuse(issues: TemplateIssue[], path: string, message: string): undefined {
  issues.push({ level: 'ERROR', path, message });
  return undefined;
}
