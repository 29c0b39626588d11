import { decideCondition } from './conditions';
import { UNRESOLVED_MARK, intrinsicName, unresolved } from './intrinsic-name';
import type { TemplateIssue } from './errors';
import { RESOURCE_REFERENCES } from './resource-references';
import { cfnObject, isCfnObject, member, type CfnObject, type CfnValue } from './template';

/** What `Ref: AWS::NoValue` gives: the property (or list item) is left out. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Vigil's placeholders for the pseudo parameters it fills when a model is loaded (lib/model/placeholders.ts). */
const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Region': '${AWS::Region}',
  'AWS::AccountId': '${AWS::AccountId}',
  'AWS::Partition': '${AWS::Partition}',
};


/**
 * Resolves CloudFormation intrinsics in a template value, as far as a template alone allows:
 * `Ref` of a parameter (its `Default`, or a value given with `--parameter`), of a pseudo parameter
 * (Vigil's placeholders) and of a resource that names itself; `Fn::GetAtt` of such a resource;
 * `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap`, `Fn::If` (with the template's
 * Conditions), `Fn::Base64`. What only a deployment knows (a role's generated name, an imported
 * value, a parameter without a default) becomes `<unresolved: !GetAtt Role.Arn>` and a WARNING
 * naming the path; what cannot be resolved at all (`Fn::GetAZs`, `Fn::Transform`, an unknown
 * function, a reference to nothing) is an ERROR. Findings go to `issues`. Pure.
 */
export class Resolver {
  private readonly parameters: CfnObject;
  private readonly resources: CfnObject;
  private readonly active = new Set<string>();

  constructor(
    /** The template. */
    readonly root: CfnObject,
    private readonly overrides: Readonly<Record<string, string>>,
    private readonly issues: TemplateIssue[],
  ) {
    this.parameters = asObject(member(root, 'Parameters'));
    this.resources = asObject(member(root, 'Resources'));
  }

  /** The value with its intrinsics resolved; {@link NO_VALUE} for `Ref: AWS::NoValue`. */
  resolve(value: CfnValue, path: string): CfnValue | typeof NO_VALUE {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) {
      const items = value.map((item, i) => this.resolve(item, `${path}[${i}]`));
      return items.filter((item): item is CfnValue => item !== NO_VALUE);
    }
    const intrinsic = intrinsicName(value);
    if (intrinsic) return this.intrinsic(intrinsic, value[intrinsic], path);
    const object = cfnObject();
    for (const [key, item] of Object.entries(value)) {
      const resolved = this.resolve(item, `${path}.${key}`);
      if (resolved !== NO_VALUE) object[key] = resolved;
    }
    return object;
  }

  /** Whether a named condition of the template holds; undefined (and an ERROR) when the template alone cannot say. */
  condition(name: string, path: string): boolean | undefined {
    const definition = member(member(this.root, 'Conditions'), name);
    if (definition === undefined) return this.fail(path, `condition '${name}' is not in the template's Conditions`);
    return this.guarded(`Condition ${name}`, path, () => decideCondition(this, definition, `Conditions.${name}`));
  }

  /** The text a value resolves to, or undefined (and an ERROR) when it is a list or a mapping. */
  text(value: CfnValue | undefined, path: string): string | undefined {
    if (value === undefined) return undefined;
    const resolved = this.resolve(value, path);
    if (typeof resolved === 'string') return resolved;
    return this.fail(path, 'expected text here, found a list or a mapping');
  }

  private intrinsic(name: string, argument: CfnValue, path: string): CfnValue | typeof NO_VALUE {
    const at = `${path}.${name}`;
    switch (name) {
      // A reference is reported where it stands (`…Properties.RoleArn`), a function's argument inside it.
      case 'Ref':
        return typeof argument === 'string' ? this.ref(argument, path) : this.error(at, 'Ref takes a name');
      case 'Fn::GetAtt':
        return this.getAtt(argument, path);
      case 'Fn::Sub':
        return this.sub(argument, at);
      case 'Fn::Join': {
        const [delimiter, list] = pair(argument);
        const items = list === undefined ? undefined : this.resolve(list, `${at}[1]`);
        if (typeof delimiter !== 'string' || !Array.isArray(items)) return this.error(at, 'Fn::Join takes [delimiter, [values…]]');
        if (!items.every((item): item is string => typeof item === 'string')) return this.error(at, 'Fn::Join joins text values only');
        return items.join(delimiter);
      }
      case 'Fn::Select': {
        const [index, list] = pair(argument);
        const position = index === undefined ? undefined : this.text(index, `${at}[0]`);
        const items = list === undefined ? undefined : this.resolve(list, `${at}[1]`);
        if (position === undefined || !/^\d+$/.test(position) || !Array.isArray(items)) return this.error(at, 'Fn::Select takes [index, [values…]]');
        return Number(position) < items.length ? items[Number(position)] : this.error(at, `Fn::Select: index ${position} is past the end of a list of ${items.length}`);
      }
      case 'Fn::Split': {
        const [delimiter, source] = pair(argument);
        const text = source === undefined ? undefined : this.text(source, `${at}[1]`);
        if (typeof delimiter !== 'string' || text === undefined) return this.error(at, 'Fn::Split takes [delimiter, text]');
        return text.split(delimiter);
      }
      case 'Fn::FindInMap':
        return this.findInMap(argument, at);
      case 'Fn::If': {
        if (!Array.isArray(argument) || argument.length !== 3 || typeof argument[0] !== 'string') return this.error(at, 'Fn::If takes [condition, value if true, value if false]');
        const holds = this.condition(argument[0], at);
        if (holds === undefined) return unresolved(`!If ${argument[0]}`);
        return this.resolve(argument[holds ? 1 : 2], `${at}[${holds ? 1 : 2}]`);
      }
      case 'Fn::Base64': {
        const text = this.text(argument, at);
        return text === undefined ? this.error(at, 'Fn::Base64 takes text') : Buffer.from(text, 'utf8').toString('base64');
      }
      case 'Fn::ImportValue':
        return this.warn(path, `!ImportValue ${describe(argument)}`, 'another stack exports it; only a deployment knows its value');
      default:
        return this.error(at, `${name} is not supported by the import (supported: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::If, Fn::Base64, Fn::ImportValue)`);
    }
  }

  private ref(name: string, path: string): CfnValue | typeof NO_VALUE {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (Object.hasOwn(PSEUDO, name)) return PSEUDO[name];
    if (name === 'AWS::URLSuffix') {
      this.issues.push({ level: 'WARNING', path, message: 'AWS::URLSuffix written as amazonaws.com (it is amazonaws.com.cn in the China regions)' });
      return 'amazonaws.com';
    }
    if (name.startsWith('AWS::')) return this.warn(path, `!Ref ${name}`, 'a pseudo parameter only a deployment knows');
    if (Object.hasOwn(this.overrides, name)) return this.overrides[name];
    const parameter = member(this.parameters, name);
    if (parameter !== undefined) return this.parameter(name, parameter, path);
    const resource = member(this.resources, name);
    if (resource !== undefined) return this.guarded(`Ref ${name}`, path, () => this.reference(name, resource, undefined, path));
    return this.error(path, `Ref ${name}: no parameter or resource of the template has that name`);
  }

  private parameter(name: string, parameter: CfnValue, path: string): CfnValue {
    const type = this.text(member(parameter, 'Type'), path) ?? 'String';
    const fallback = member(parameter, 'Default');
    if (type.startsWith('AWS::SSM::Parameter::Value')) return this.warn(path, `!Ref ${name}`, `parameter ${name} is read from SSM Parameter Store at deploy time; pass --parameter ${name}=VALUE`);
    if (fallback === undefined) return this.warn(path, `!Ref ${name}`, `parameter ${name} has no Default; pass --parameter ${name}=VALUE`);
    const value = this.text(fallback, `Parameters.${name}.Default`) ?? '';
    return type === 'CommaDelimitedList' || type.startsWith('List<') ? value.split(',').map((item) => item.trim()) : value;
  }

  private getAtt(argument: CfnValue, path: string): CfnValue {
    // The long form also takes `Role.Arn` as one text (the short form always does).
    const dotted = typeof argument === 'string' ? argument.indexOf('.') : -1;
    const [logicalId, attribute] = dotted > 0 ? [(argument as string).slice(0, dotted), (argument as string).slice(dotted + 1)] : pair(argument);
    const name = attribute === undefined ? undefined : this.text(attribute, `${path}[1]`);
    if (typeof logicalId !== 'string' || name === undefined) return this.error(path, 'Fn::GetAtt takes [logicalId, attribute] or logicalId.attribute');
    const resource = member(this.resources, logicalId);
    if (resource === undefined) return this.error(path, `!GetAtt ${logicalId}.${name}: the template has no resource ${logicalId}`);
    return this.guarded(`GetAtt ${logicalId}`, path, () => this.reference(logicalId, resource, name, path));
  }

  /** `Ref` (attribute undefined) or `Fn::GetAtt` of a resource of the template. */
  private reference(logicalId: string, resource: CfnValue, attribute: string | undefined, path: string): CfnValue {
    const shown = attribute === undefined ? `!Ref ${logicalId}` : `!GetAtt ${logicalId}.${attribute}`;
    const type = this.text(member(resource, 'Type'), `Resources.${logicalId}.Type`) ?? '';
    const known = Object.hasOwn(RESOURCE_REFERENCES, type) ? RESOURCE_REFERENCES[type] : undefined;
    const build = attribute === undefined ? known?.ref : known && Object.hasOwn(known.attributes, attribute) ? known.attributes[attribute] : undefined;
    if (!known || !build) return this.warn(path, shown, `the value of ${type || 'this resource'}${attribute ? `'s ${attribute}` : ''} is known only once deployed`);
    const properties = member(resource, 'Properties');
    const value = build(isCfnObject(properties) ? properties : undefined, (item) => this.text(item, `Resources.${logicalId}.Properties`), logicalId);
    return value ?? this.warn(path, shown, `${logicalId} has no ${known.nameProperty}, so CloudFormation generates its name at deploy time`);
  }

  private sub(argument: CfnValue, path: string): CfnValue {
    const [template, variables] = Array.isArray(argument) ? argument : [argument, undefined];
    if (typeof template !== 'string') return this.error(path, "Fn::Sub takes text, or [text, {variables}]");
    return template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const bound = member(variables, name);
      if (bound !== undefined) return this.text(bound, `${path}[1].${name}`) ?? whole;
      const dot = name.indexOf('.');
      const value = dot > 0 && !name.startsWith('AWS::') ? this.getAtt([name.slice(0, dot), name.slice(dot + 1)], path) : this.ref(name, path);
      if (typeof value === 'string') return value;
      this.fail(path, `\${${name}} is not text`);
      return whole;
    });
  }

  private findInMap(argument: CfnValue, path: string): CfnValue {
    if (!Array.isArray(argument) || argument.length < 3) return this.error(path, 'Fn::FindInMap takes [map, top-level key, second-level key]');
    const keys = argument.slice(0, 3).map((key, i) => this.text(key, `${path}[${i}]`));
    if (keys.some((key) => key === undefined || key.includes(UNRESOLVED_MARK))) return unresolved(`!FindInMap ${keys.join('.')}`);
    const [map, top, second] = keys as string[];
    const found = member(member(member(member(this.root, 'Mappings'), map), top), second);
    return found === undefined ? this.error(path, `Fn::FindInMap: Mappings.${map}.${top}.${second} does not exist`) : this.resolve(found, `Mappings.${map}.${top}.${second}`) as CfnValue;
  }

  /** Runs a resolution that may refer back to itself (a resource named after another), refusing a cycle. */
  private guarded<T>(key: string, path: string, run: () => T): T {
    if (this.active.has(key)) {
      this.fail(path, `${key} refers back to itself`);
      return unresolved(key) as T;
    }
    this.active.add(key);
    try {
      return run();
    } finally {
      this.active.delete(key);
    }
  }

  private warn(path: string, shown: string, why: string): string {
    const placeholder = unresolved(shown);
    this.issues.push({ level: 'WARNING', path, message: `${shown} cannot be resolved from the template (${why}): written as '${placeholder}'; replace it before deploying` });
    return placeholder;
  }

  private error(path: string, message: string): string {
    this.fail(path, message);
    return unresolved('error');
  }

  /** Reports an ERROR at `path`; returns undefined, for `return resolver.fail(…)`. */
  fail(path: string, message: string): undefined {
    this.issues.push({ level: 'ERROR', path, message });
    return undefined;
  }
}

function asObject(value: CfnValue | undefined): CfnObject {
  return isCfnObject(value) ? value : cfnObject();
}

function pair(value: CfnValue): [CfnValue | undefined, CfnValue | undefined] {
  return Array.isArray(value) ? [value[0], value[1]] : [undefined, undefined];
}

function describe(value: CfnValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
