import { isObject, issue } from './check-context';
import { quote } from './check-fields';
import type { ModelIssue } from './issues';
import { closestName } from './closest-name';
import { memberNames, type MemberShape, type StructureShape } from './shape';

/** Options of {@link checkMembers}. */
export interface MemberCheckOptions {
  /** Also check the structures inside (default true); false checks only the top level. */
  readonly nested?: boolean;
}

/**
 * Reports every member of `value` that its AWS shape does not declare, with its JSON path and the
 * closest allowed name: `states[2].onInput.transitionEvents[0].condtion: unknown member; did you
 * mean 'condition'?`. AWS's clients and the service refused such members; ignoring them silently
 * would let a typo change what a model does (an event without its `condition` fires on every
 * message). Members the shape marks as ignored (read-only output) are WARNINGs.
 *
 * The walk follows the shape, never the value, so its depth is bounded by the shape's however
 * deeply the value nests; values of the wrong type are left to the field checks.
 */
export function checkMembers(value: unknown, shape: StructureShape, path = '', options: MemberCheckOptions = {}): ModelIssue[] {
  const issues: ModelIssue[] = [];
  visitStructure(value, shape, path, undefined, options.nested !== false, issues);
  return issues;
}

function visit(value: unknown, shape: MemberShape, path: string, owner: string | undefined, issues: ModelIssue[]): void {
  if (shape.kind === 'structure') visitStructure(value, shape, path, owner, true, issues);
  else if (shape.kind === 'list' && Array.isArray(value)) value.forEach((item, i) => visit(item, shape.member, `${path}[${i}]`, undefined, issues));
}

function visitStructure(value: unknown, shape: StructureShape, path: string, owner: string | undefined, nested: boolean, issues: ModelIssue[]): void {
  if (!isObject(value)) return;
  const allowed = memberNames(shape);
  for (const member of Object.keys(value)) {
    const at = join(path, member);
    if (Object.hasOwn(shape.members, member)) {
      const child = shape.members[member];
      if (!nested || child.kind === 'scalar') continue;
      const root = child.kind === 'structure' && child.pathRoot;
      visit(value[member], child, root ? '' : at, root ? member : undefined, issues);
    } else if (shape.ignored?.names.includes(member)) {
      issues.push(issue('structure', 'WARNING', at, `${shape.ignored.reason}; ignored`));
    } else {
      issues.push(unknownMember(shape, member, at, owner, allowed));
    }
  }
}

function unknownMember(shape: StructureShape, member: string, path: string, owner: string | undefined, allowed: readonly string[]): ModelIssue {
  const near = closestName(member, allowed);
  if (shape.unknown) return issue(shape.unknown.type, 'ERROR', path, shape.unknown.describe(member, near, allowed));
  // A member right under a path root has a path that could also be a top-level member: say where it is.
  const where = owner && path === pathSegment(member) ? ` of ${owner}` : '';
  const hint = near ? `did you mean '${near}'?` : `expected one of ${allowed.join(', ')}`;
  return issue('structure', 'ERROR', path, `unknown member${where}; ${hint}`);
}

function join(path: string, member: string): string {
  const segment = pathSegment(member);
  return path === '' || segment.startsWith('[') ? `${path}${segment}` : `${path}.${segment}`;
}

/** A member name as a path segment: bare when it is a plain name, else quoted (and shortened) in brackets. */
function pathSegment(member: string): string {
  return /^[A-Za-z_$][\w$-]{0,127}$/.test(member) ? member : `[${quote(member)}]`;
}
