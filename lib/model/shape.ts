import type { AnalysisType } from './issues';

/**
 * The members of a request as the AWS API models declare them (botocore / Smithy shapes), so that
 * a member nobody declared — a typo such as `condtion` — is refused instead of silently ignored.
 * Only structure matters here: which members a structure has and which of them hold structures or
 * lists of them. Field types and values are checked elsewhere (`check-schema`, `check-actions`…).
 */

/** A member whose value is not entered: a string, number, boolean, blob or timestamp. */
export const SCALAR = { kind: 'scalar' } as const;

/** What a structure's unknown member is reported as (default: a `structure` error, "unknown member"). */
export interface UnknownMemberReport {
  readonly type: AnalysisType;
  /** The message for `member`, given the closest allowed name (if one is close) and all allowed names. */
  readonly describe: (member: string, near: string | undefined, allowed: readonly string[]) => string;
}

/** Members a request may carry without effect: accepted with a WARNING, ignored. */
export interface IgnoredMembers {
  readonly names: readonly string[];
  /** Why they are ignored, for the warning ("returned by DescribeDetectorModel; read-only"). */
  readonly reason: string;
}

/** A structure: its AWS name and its members. */
export interface StructureShape {
  readonly kind: 'structure';
  readonly name: string;
  readonly members: Readonly<Record<string, MemberShape>>;
  readonly ignored?: IgnoredMembers;
  readonly unknown?: UnknownMemberReport;
  /**
   * Paths below this structure restart from it: the detector model definition, whose issues AWS
   * reports relative to it (`states[0].stateName`, not `detectorModelDefinition.states[0]…`).
   */
  readonly pathRoot?: boolean;
}

/** A list of one member shape. */
export interface ListShape {
  readonly kind: 'list';
  readonly member: MemberShape;
}

/** What a member holds. */
export type MemberShape = typeof SCALAR | StructureShape | ListShape;

/** The member declarations of a TypeScript interface: every key, and no other (checked with `satisfies`). */
export type MembersOf<T> = { readonly [K in keyof Required<NonNullable<T>>]: MemberShape };

/** Declares a structure. */
export function structure(
  name: string,
  members: Readonly<Record<string, MemberShape>>,
  options: Pick<StructureShape, 'ignored' | 'unknown' | 'pathRoot'> = {},
): StructureShape {
  return { kind: 'structure', name, members, ...options };
}

/** Declares a list. */
export function listOf(member: MemberShape): ListShape {
  return { kind: 'list', member };
}

/** The member names of a structure, in declaration order. */
export function memberNames(shape: StructureShape): string[] {
  return Object.keys(shape.members);
}

/**
 * The members of `output` that `input` does not have: what a Describe operation returns but the
 * matching Create does not take (read-only), e.g. `detectorModelArn`, `creationTime`.
 */
export function readOnlyMembers(output: StructureShape, input: Readonly<Record<string, MemberShape>>): string[] {
  return memberNames(output).filter((name) => !Object.hasOwn(input, name));
}
