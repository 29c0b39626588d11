import type { AuthRefusal } from './auth-refusal';

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header. */
export interface ParsedAuthorization {
  readonly accessKeyId: string;
  /** `yyyymmdd` of the credential scope. */
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  /** Lower-case header names, in the order given. */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * Parses the Authorization header of a SigV4-signed request. Returns the refusal AWS would answer
 * when it is missing (`MissingAuthenticationTokenException`) or malformed
 * (`IncompleteSignatureException`, naming every missing part as AWS does).
 */
export function parseAuthorization(header: string | undefined, hasQuerySignature: boolean): ParsedAuthorization | AuthRefusal {
  if (header === undefined || header.trim() === '') {
    // Presigned URLs (X-Amz-Signature in the query) are not accepted: no SDK call to these APIs
    // makes them, and a URL is what a web page could forge without a CORS preflight.
    return {
      errorType: 'MissingAuthenticationTokenException',
      message: hasQuerySignature ? 'Missing Authentication Token (the local stack accepts SigV4 only in the Authorization header)' : 'Missing Authentication Token',
    };
  }
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return { errorType: 'IncompleteSignatureException', message: `Unsupported authorization type '${algorithm}': sign with ${ALGORITHM} (SigV4). Authorization=${trimmed}` };
  }
  const parts = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) parts.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !parts.get(name));
  if (missing.length) {
    return { errorType: 'IncompleteSignatureException', message: `${missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ')} Authorization=${trimmed}` };
  }
  const credential = (parts.get('Credential') as string).split('/');
  if (credential.length !== 5 || credential.some((piece) => piece === '')) {
    return { errorType: 'IncompleteSignatureException', message: `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parts.get('Credential')}'` };
  }
  const [accessKeyId, scopeDate, region, service, terminator] = credential;
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    terminator,
    signedHeaders: (parts.get('SignedHeaders') as string).split(';').map((name) => name.trim().toLowerCase()),
    signature: parts.get('Signature') as string,
  };
}

/** Whether a parse result is a refusal. */
export function isRefusal(value: ParsedAuthorization | AuthRefusal): value is AuthRefusal {
  return 'errorType' in value;
}

/** Reads an `X-Amz-Date` value (`20260102T030405Z`, ISO 8601 basic format), or undefined. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 20260231 over into March: such a date was never what the client meant.
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date : undefined;
}

/** `Date` in X-Amz-Date's format. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
