import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalCredentials } from '../stack/local-identity';
import { SIGNATURE_MISMATCH, UNKNOWN_KEY, type AuthRefusal } from './auth-refusal';
import { NodeSha256 } from './node-sha256';
import { formatAmzDate, isRefusal, parseAmzDate, parseAuthorization } from './sigv4-authorization';

/** A request as it arrived, before anything was decoded. */
export interface ReceivedRequest {
  readonly method: string;
  /** The request target: the raw path and query (`/detectors/m%20x?keyValue=a`). */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What {@link verifySigV4} checks against. */
export interface SigV4VerifierOptions {
  /** The service the signature must be scoped to: `execute-api` for the HTTP API, `lambda` for Invoke. */
  readonly service: string;
  /** The one key pair the local stack accepts. */
  readonly credentials: LocalCredentials;
  /** Largest clock difference accepted (AWS: 5 minutes). */
  readonly maxSkewMs?: number;
  readonly now?: () => number;
}

/** The outcome: the signer's access key, or the refusal to answer. */
export type SigV4Result = { readonly verified: true; readonly accessKeyId: string } | { readonly verified: false; readonly refusal: AuthRefusal };

const FIVE_MINUTES = 5 * 60_000;
const CONTENT_SHA256 = 'x-amz-content-sha256';

/**
 * Verifies an AWS Signature Version 4 as API Gateway's IAM authorization and the Lambda API do:
 * the Authorization header is complete and scoped to this service, X-Amz-Date is signed and within
 * five minutes of now, the access key is the configured one, and the signature, recomputed with
 * `@smithy/signature-v4` over the request as received (its path, query, the signed headers and
 * the SHA-256 of the body actually received), matches; compared in constant time.
 */
export async function verifySigV4(request: ReceivedRequest, options: SigV4VerifierOptions): Promise<SigV4Result> {
  const refuse = (refusal: AuthRefusal): SigV4Result => ({ verified: false, refusal });
  const queryIndex = request.target.indexOf('?');
  const path = queryIndex < 0 ? request.target : request.target.slice(0, queryIndex);
  const query = parseQuery(queryIndex < 0 ? '' : request.target.slice(queryIndex + 1));
  const authorization = parseAuthorization(single(request.headers.authorization), Object.keys(query).some((key) => key.toLowerCase() === 'x-amz-signature'));
  if (isRefusal(authorization)) return refuse(authorization);
  const amzDate = single(request.headers['x-amz-date']);
  if (amzDate === undefined) return refuse({ errorType: 'IncompleteSignatureException', message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header (the local stack reads X-Amz-Date)." });
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) return refuse({ errorType: 'IncompleteSignatureException', message: `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601` });
  if (!authorization.signedHeaders.includes('host')) return refuse({ errorType: 'IncompleteSignatureException', message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." });
  if (!authorization.signedHeaders.includes('x-amz-date')) return refuse({ errorType: 'IncompleteSignatureException', message: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization." });
  if (authorization.service !== options.service) return refuse({ errorType: 'InvalidSignatureException', message: `Credential should be scoped to correct service: '${options.service}'. ` });
  if (authorization.terminator !== 'aws4_request') return refuse({ errorType: 'InvalidSignatureException', message: `Credential should be scoped with a valid terminator: 'aws4_request', not '${authorization.terminator}'. ` });
  if (authorization.scopeDate !== amzDate.slice(0, 8)) return refuse({ errorType: 'InvalidSignatureException', message: `Credential should be scoped to a valid date: '${amzDate.slice(0, 8)}', not '${authorization.scopeDate}'. ` });
  const skew = checkSkew(signedAt, amzDate, (options.now ?? Date.now)(), options.maxSkewMs ?? FIVE_MINUTES);
  if (skew) return refuse(skew);
  // Session tokens belong to temporary AWS credentials; the local key pair has none.
  if (authorization.accessKeyId !== options.credentials.accessKeyId || request.headers['x-amz-security-token'] !== undefined) return refuse({ errorType: 'UnrecognizedClientException', message: UNKNOWN_KEY });
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const claimedHash = single(request.headers[CONTENT_SHA256]);
  if (claimedHash !== undefined && claimedHash !== bodyHash) {
    return refuse({ errorType: 'InvalidSignatureException', message: `The provided '${CONTENT_SHA256}' header does not match what was computed (unsigned payloads are not accepted).` });
  }
  const expected = await expectedSignature(request.method, path, query, request.headers, bodyHash, authorization, signedAt, options.credentials);
  return expected !== undefined && sameSignature(expected, authorization.signature) ? { verified: true, accessKeyId: authorization.accessKeyId } : refuse({ errorType: 'InvalidSignatureException', message: SIGNATURE_MISMATCH });
}

async function expectedSignature(
  method: string,
  path: string,
  query: Record<string, string | string[]>,
  received: IncomingHttpHeaders,
  bodyHash: string,
  authorization: { signedHeaders: readonly string[]; region: string; service: string },
  signedAt: Date,
  credentials: LocalCredentials,
): Promise<string | undefined> {
  // Only the headers the client signed, with the values received: a header it signed but that did
  // not arrive (or one added on the way) changes the signature, as it must.
  const headers: Record<string, string> = Object.create(null);
  for (const name of authorization.signedHeaders) {
    const value = received[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // The payload hash is always the body's own; the header is only part of the signed headers when
  // the client signed it.
  headers[CONTENT_SHA256] = bodyHash;
  const signedSha = authorization.signedHeaders.includes(CONTENT_SHA256);
  const signer = new SignatureV4({ service: authorization.service, region: authorization.region, credentials, sha256: NodeSha256, applyChecksum: false });
  const signed = await signer.sign(new HttpRequest({ method, path, query, headers }), {
    signingDate: signedAt,
    signableHeaders: new Set(authorization.signedHeaders),
    unsignableHeaders: signedSha ? undefined : new Set([CONTENT_SHA256]),
  });
  return /Signature=([0-9a-f]+)$/.exec(String(signed.headers.authorization))?.[1];
}

function checkSkew(signedAt: Date, amzDate: string, now: number, maxSkewMs: number): AuthRefusal | undefined {
  const nowText = formatAmzDate(new Date(now));
  if (signedAt.getTime() < now - maxSkewMs) {
    return { errorType: 'InvalidSignatureException', message: `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now - maxSkewMs))} (${nowText} - ${maxSkewMs / 60_000} min.)` };
  }
  if (signedAt.getTime() > now + maxSkewMs) {
    return { errorType: 'InvalidSignatureException', message: `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(now + maxSkewMs))} (${nowText} + ${maxSkewMs / 60_000} min.)` };
  }
  return undefined;
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  // timingSafeEqual needs equal lengths; a length mismatch reveals nothing about the secret.
  return a.length === b.length && timingSafeEqual(a, b);
}

// The query as the client had it before encoding: `+` is a literal plus here (SigV4 clients encode
// spaces as %20), unlike URLSearchParams. Repeated names keep every value.
function parseQuery(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null);
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decode(equals < 0 ? pair : pair.slice(0, equals));
    const value = decode(equals < 0 ? '' : pair.slice(equals + 1));
    const existing = query[name];
    query[name] = existing === undefined ? value : [existing, value].flat();
  }
  return query;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Malformed escapes are kept as sent; the signature then decides.
    return text;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
