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
  if (!best) return apiPath ? `${resourcePath}.${apiPath}` : resourcePath;
  return `${best.cfn}${best.rest && !best.rest.startsWith('.') && !best.rest.startsWith('[') ? `.${best.rest}` : best.rest}`;
}
