import type { MemberShape, StructureShape } from '../../lib/model/shape';

/**
 * Compares Vigil's shape declarations with the schemas the AWS SDK v3 clients are generated from
 * (their `<Name>$` exports: `[3, namespace, name, traits, memberNames, memberSchemas, required]`
 * for a structure, `[1, namespace, name, traits, memberSchema]` for a list), so a declaration
 * cannot drift from AWS's model.
 */
type SdkSchema = unknown;

const resolve = (schema: SdkSchema): SdkSchema => (typeof schema === 'function' ? (schema as () => SdkSchema)() : schema);

function kind(schema: SdkSchema): 'structure' | 'list' | 'scalar' {
  const resolved = resolve(schema);
  if (Array.isArray(resolved) && resolved[0] === 3) return 'structure';
  if (Array.isArray(resolved) && resolved[0] === 1) return 'list';
  return 'scalar';
}

/**
 * The differences between a declaration and the SDK's schema of the same name, as readable lines
 * (`TransitionEvent: members [...] vs SDK [...]`); empty when they agree all the way down.
 */
export function differencesFromSdk(shape: StructureShape, schemas: Record<string, SdkSchema>): string[] {
  const sdk = schemas[`${shape.name}$`];
  if (!Array.isArray(sdk)) return [`${shape.name}: the SDK has no such shape`];
  return compareStructure(shape, sdk);
}

function compareStructure(shape: StructureShape, sdk: unknown[]): string[] {
  const names = sdk[4] as string[];
  const ours = Object.keys(shape.members);
  const differences: string[] = [];
  if ([...ours].sort().join() !== [...names].sort().join()) differences.push(`${shape.name}: members [${ours.join(', ')}] vs SDK [${names.join(', ')}]`);
  names.forEach((name, i) => {
    const member = shape.members[name];
    if (member) differences.push(...compareMember(member, (sdk[5] as SdkSchema[])[i], `${shape.name}.${name}`));
  });
  return differences;
}

function compareMember(member: MemberShape, schema: SdkSchema, where: string): string[] {
  const sdkKind = kind(schema);
  if (member.kind !== sdkKind) return [`${where}: ${member.kind} vs SDK ${sdkKind}`];
  const resolved = resolve(schema) as unknown[];
  if (member.kind === 'structure') {
    if (member.name !== resolved[2]) return [`${where}: shape ${member.name} vs SDK ${String(resolved[2])}`];
    return compareStructure(member, resolved);
  }
  if (member.kind === 'list') return compareMember(member.member, resolved[4], `${where}[]`);
  return [];
}
