/**
 * The console's only way out: same-origin `fetch('/api' + <Vigil API path>)` with JSON. The
 * console server signs and forwards the call; errors come back in AWS's shape (status,
 * `x-amzn-ErrorType`, `{message}`) and are raised as {@link ApiError}.
 */

/** A refused or failed call, with AWS's error type when the API named one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** The parsed error body, for answers that say more than a message (a replay's problems). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A query string from the defined members of `query`. */
export function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let message = text.slice(0, 2000) || response.statusText;
  let type = response.headers.get('x-amzn-ErrorType')?.split(':')[0] ?? '';
  let body: { message?: unknown; Message?: unknown; __type?: unknown } | undefined;
  try {
    body = JSON.parse(text) as { message?: unknown; Message?: unknown; __type?: unknown };
    const said = body.message ?? body.Message;
    if (typeof said === 'string') message = said;
    if (!type && typeof body.__type === 'string') type = body.__type.split('#').pop() ?? '';
  } catch {
    // Not JSON (a proxy's page): the text itself is the message.
  }
  return new ApiError(response.status, type || `HTTP ${response.status}`, message, body);
}

/**
 * Calls the API: GET without a body, POST with `body` as JSON. Resolves with the parsed answer
 * (undefined for an empty one), rejects with {@link ApiError}.
 */
export async function callApi<T>(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError(0, 'NetworkError', `the console server did not answer (${(error as Error).message})`);
  }
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Every item of a paged list (`nextToken`), up to `max` items: a console shows a fleet's first
 * thousands, never loops forever on a token that repeats.
 */
export async function allPages<P extends { nextToken?: string }, I>(path: string, items: (page: P) => readonly I[] | undefined, max = 1000): Promise<{ items: I[]; truncated: boolean }> {
  const all: I[] = [];
  let nextToken: string | undefined;
  const seen = new Set<string>();
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await callApi<P>(nextToken === undefined ? path : `${path}${separator}nextToken=${encodeURIComponent(nextToken)}`);
    all.push(...(items(page) ?? []));
    nextToken = page.nextToken;
    if (nextToken !== undefined && seen.has(nextToken)) break;
    if (nextToken !== undefined) seen.add(nextToken);
  } while (nextToken !== undefined && all.length < max);
  return { items: all.slice(0, max), truncated: nextToken !== undefined || all.length > max };
}
