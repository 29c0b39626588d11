import { CFN_PROPERTIES } from './cfn-spec';
import type { PathMap } from './map-properties';

/** The last segment of a path: `.name` or `[3]`. */
const LAST_SEGMENT = /(\.[^.[\]]+|\[\d+\])$|^[^.[\]]+$/;

/**
 * The template path of a validation finding: the longest prefix of its API path that the mapping
 * recorded, then the rest of the API path (a member the template left out, say). Detector model
 * findings inside the definition are relative to it (`states[0]…`, as AWS reports them), so
 * `prefixes` lists where else they may start (`detectorModelDefinition.`).
 */
export function templatePathOf(apiPath: string, paths: PathMap, resourcePath: string, prefixes: readonly string[] = []): string {
  let best: { cfn: string; rest: string; length: number } | undefined;
  for (const candidate of ['', ...prefixes].map((prefix) => prefix + apiPath)) {
    let head = candidate;
    let rest = '';
    while (head && !paths.has(head)) {
      const match = LAST_SEGMENT.exec(head);
      if (!match) break;
      rest = head.slice(head.length - match[0].length) + rest;
      head = head.slice(0, head.length - match[0].length);
    }
    const cfn = head ? paths.get(head) : undefined;
    if (cfn !== undefined && (!best || head.length > best.length)) best = { cfn, rest, length: head.length };
  }
  if (!best) return apiPath ? `${resourcePath}.${cfnNames(apiPath)}` : resourcePath;
  const rest = cfnNames(best.rest);
  return `${best.cfn}${rest && !rest.startsWith('.') && !rest.startsWith('[') ? `.${rest}` : rest}`;
}

/** CloudFormation's name of each API member name (letter case aside, they are the same word). */
const CFN_NAME = new Map(Object.values(CFN_PROPERTIES).flatMap((types) => Object.keys(types).map((name) => [name.toLowerCase(), name] as const)));

/** A path the template does not hold (a member it left out) in CloudFormation's names: `RoleArn`, not `roleArn`. */
function cfnNames(apiPath: string): string {
  return apiPath.replace(/(^|\.)([^.[\]]+)/g, (_whole, dot: string, name: string) => `${dot}${CFN_NAME.get(name.toLowerCase()) ?? name}`);
}
