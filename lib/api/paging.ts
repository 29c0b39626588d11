import { apiErrors, type ApiRequest } from './http';
import { RULES, optionalString } from './request-fields';

/** The largest page any list operation returns (the SDK models allow `maxResults` 1–250). */
const MAX_PAGE = 250;

/** What a list request asks for: how many, and where to continue. */
export interface PageRequest {
  readonly limit: number;
  readonly nextToken: string | undefined;
}

/**
 * Reads `maxResults` (1–250; the whole page, 250, when absent) and `nextToken` from the query
 * string of a GET list operation.
 */
export function pageQuery(request: ApiRequest): PageRequest {
  return readPage(request.query.maxResults, request.query.nextToken, 'maxResults');
}

/** The same, from the body of a POST list operation (ListInputRoutings). */
export function pageBody(body: Record<string, unknown>): PageRequest {
  const raw = body.maxResults;
  if (raw !== undefined && raw !== null && typeof raw !== 'number') throw apiErrors.invalid('maxResults must be a number');
  return readPage(raw === undefined || raw === null ? undefined : String(raw), body.nextToken, 'maxResults');
}

function readPage(maxResults: string | undefined, nextToken: unknown, field: string): PageRequest {
  let limit = MAX_PAGE;
  if (maxResults !== undefined) {
    limit = /^\d{1,4}$/.test(maxResults) ? Number(maxResults) : NaN;
    if (!(limit >= 1 && limit <= MAX_PAGE)) throw apiErrors.invalid(`${field} must be a whole number from 1 to ${MAX_PAGE}, not '${maxResults}'`);
  }
  return { limit, nextToken: optionalString(nextToken === '' ? undefined : nextToken, 'nextToken', RULES.nextToken) };
}

/** Adds `nextToken` to a list response only when there is a next page (AWS leaves it out). */
export function withNextToken<T extends object>(body: T, nextToken: string | undefined): T & { nextToken?: string } {
  return nextToken === undefined ? body : { ...body, nextToken };
}
