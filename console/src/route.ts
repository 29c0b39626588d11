/**
 * Hash routes of the console (`#/models/motorDetectorModel`): a page is a link, the back button
 * works, and the console server needs no routing of its own. Pure: parsed from and formatted to
 * the hash text.
 */
export type Route =
  | { readonly view: 'models' }
  | { readonly view: 'detector-model'; readonly name: string; readonly version?: string }
  | { readonly view: 'alarm-model'; readonly name: string; readonly version?: string }
  | { readonly view: 'detectors'; readonly model: string; readonly state?: string; readonly key?: string }
  | { readonly view: 'detector'; readonly model: string; readonly key?: string }
  | { readonly view: 'alarms'; readonly model: string }
  | { readonly view: 'try'; readonly model?: string }
  | { readonly view: 'validate' }
  | { readonly view: 'infer' }
  | { readonly view: 'not-found'; readonly hash: string };

const optional = <K extends string>(key: K, value: string | null): { [P in K]?: string } =>
  (value === null || value === '' ? {} : { [key]: value }) as { [P in K]?: string };

/** The route a location hash names; an unknown one is `not-found`. */
export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = text.split('?', 2);
  const query = new URLSearchParams(queryPart);
  let segments: string[];
  try {
    segments = pathPart.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
  } catch {
    return { view: 'not-found', hash };
  }
  const [first, name, extra] = segments;
  if (extra !== undefined) return { view: 'not-found', hash };
  if (first === undefined || (first === 'models' && name === undefined)) return { view: 'models' };
  if (first === 'models') return { view: 'detector-model', name, ...optional('version', query.get('version')) };
  if (first === 'alarm-models' && name) return { view: 'alarm-model', name, ...optional('version', query.get('version')) };
  if (first === 'detectors' && name) return { view: 'detectors', model: name, ...optional('state', query.get('state')), ...optional('key', query.get('key')) };
  // A key may hold any character but `|` (decisions D8), so it travels in the query.
  if (first === 'detector' && name) return { view: 'detector', model: name, ...(query.has('key') ? { key: query.get('key') as string } : {}) };
  if (first === 'alarms' && name) return { view: 'alarms', model: name };
  if (first === 'try' && name === undefined) return { view: 'try', ...optional('model', query.get('model')) };
  if (first === 'validate' && name === undefined) return { view: 'validate' };
  if (first === 'infer' && name === undefined) return { view: 'infer' };
  return { view: 'not-found', hash };
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

/** The hash of a route (`href` of a link to it). */
export function routeHref(route: Route): string {
  const e = encodeURIComponent;
  switch (route.view) {
    case 'models': return '#/models';
    case 'detector-model': return withQuery(`/models/${e(route.name)}`, { version: route.version });
    case 'alarm-model': return withQuery(`/alarm-models/${e(route.name)}`, { version: route.version });
    case 'detectors': return withQuery(`/detectors/${e(route.model)}`, { state: route.state, key: route.key });
    case 'detector': return withQuery(`/detector/${e(route.model)}`, { key: route.key });
    case 'alarms': return `#/alarms/${e(route.model)}`;
    case 'try': return withQuery('/try', { model: route.model });
    case 'validate': return '#/validate';
    case 'infer': return '#/infer';
    case 'not-found': return route.hash;
  }
}
