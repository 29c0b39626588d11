import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { CFN_YAML_TAGS, intrinsicOfTag } from './cfn-tags';
import { TemplateError } from './errors';

/**
 * A template value after parsing: every scalar is its text (`70.0`, `true` and `"70"` alike, as
 * CloudFormation reads them; the resource specification then says which are numbers or Booleans),
 * short-form intrinsics are in their long form (`{ "Fn::GetAtt": ["Role", "Arn"] }`), and
 * mappings are objects without a prototype, so a key such as `__proto__` is an ordinary key.
 */
export type CfnValue = string | CfnValue[] | CfnObject;

/** A mapping of a template. */
export interface CfnObject {
  [key: string]: CfnValue;
}

/** CloudFormation's own limit is 1 MB (a template given through S3); a little room for indentation. */
export const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;
/** At most this many values are read, aliases expanded: an alias bomb (aliases of aliases) stops here. */
const MAX_NODES = 1_000_000;
/** At most this many aliases (`*anchor`) are written in a template; CloudFormation templates rarely hold any. */
const MAX_ALIASES = 100;

/** A parsed template, and whether it was JSON (written back as JSON) or YAML. */
export interface ParsedTemplate {
  readonly format: 'json' | 'yaml';
  readonly root: CfnObject;
}

/** Is the value a template mapping (not a list, not a scalar)? */
export function isCfnObject(value: CfnValue | undefined): value is CfnObject {
  return typeof value === 'object' && !Array.isArray(value);
}

/** The own member of a template mapping, never an inherited one. */
export function member(value: CfnValue | undefined, key: string): CfnValue | undefined {
  return isCfnObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** A new mapping without a prototype, filled with `entries`. */
export function cfnObject(entries: Iterable<readonly [string, CfnValue]> = []): CfnObject {
  const object = Object.create(null) as CfnObject;
  for (const [key, value] of entries) object[key] = value;
  return object;
}

/**
 * Parses a CloudFormation, SAM or CDK template, JSON or YAML with short-form intrinsics. Untrusted
 * input: its size, aliases and total nodes are bounded, and a duplicate key is an error. Throws a
 * {@link TemplateError} naming the line, or the path, of what is wrong; checks that it has a
 * `Resources` mapping, as every template must.
 */
export function parseTemplate(text: string): ParsedTemplate {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TEMPLATE_BYTES) throw new TemplateError(`the template is ${bytes} bytes; at most ${MAX_TEMPLATE_BYTES} are read (CloudFormation's own limit is 1 MB)`, '');
  const format = /^\s*[{[]/.test(text) ? 'json' : 'yaml';
  // The failsafe schema keeps every scalar as text: `70.0` stays `70.0`, not the number 70.
  const document = parseDocument(text, { schema: 'failsafe', customTags: [...CFN_YAML_TAGS], uniqueKeys: true });
  const [error] = document.errors;
  if (error) {
    const at = error.linePos?.[0];
    throw new TemplateError(`not a readable ${format === 'json' ? 'JSON' : 'YAML'} template${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, '');
  }
  const root = new Reader(document).read(document.contents, '');
  if (!isCfnObject(root)) throw new TemplateError('not a CloudFormation template: the document is not a mapping', '');
  if (!isCfnObject(member(root, 'Resources'))) throw new TemplateError('not a CloudFormation template: it has no Resources mapping', 'Resources');
  return { format, root };
}

/** Turns the YAML nodes into template values, counting nodes and aliases. */
class Reader {
  private nodes = 0;
  private readonly aliases = new Set<unknown>();

  constructor(private readonly document: Document) {}

  read(node: unknown, path: string): CfnValue {
    if (++this.nodes > MAX_NODES) throw new TemplateError(`more than ${MAX_NODES} values; the template is refused`, path);
    if (isAlias(node)) {
      this.aliases.add(node);
      if (this.aliases.size > MAX_ALIASES) throw new TemplateError(`more than ${MAX_ALIASES} YAML aliases; the template is refused`, path);
      return this.read(node.resolve(this.document), path);
    }
    const value = this.plain(node as Node | null, path);
    const intrinsic = intrinsicOfTag((node as Node | null)?.tag);
    if (!intrinsic) return value;
    // `!GetAtt Role.Arn`: the short form splits at the first dot.
    if (intrinsic === 'Fn::GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.');
      return cfnObject([[intrinsic, dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : value]]);
    }
    return cfnObject([[intrinsic, value]]);
  }

  private plain(node: Node | null, path: string): CfnValue {
    if (node === null || node === undefined) return '';
    if (isScalar(node)) return node.value === null || node.value === undefined ? '' : String(node.value);
    if (isSeq(node)) return node.items.map((item, i) => this.read(item, `${path}[${i}]`));
    if (isMap(node)) {
      const object = cfnObject();
      for (const pair of node.items) {
        const key = this.read(pair.key, path);
        if (typeof key !== 'string') throw new TemplateError('a mapping key must be text', path);
        object[key] = this.read(pair.value, path ? `${path}.${key}` : key);
      }
      return object;
    }
    throw new TemplateError('unexpected YAML node', path);
  }
}
