import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { verifySigV4, type ReceivedRequest } from '../../../local/auth/sigv4-verifier';
import { SIGNATURE_MISMATCH } from '../../../local/auth/auth-refusal';

const KEYS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const NOW = Date.now();
const MINUTE = 60_000;

interface Unsigned {
  method?: string;
  path?: string;
  query?: Record<string, string | string[]>;
  rawQuery?: string;
  body?: string;
  headers?: Record<string, string>;
}

/** Signs a request with the reference signer (pure-JS SHA-256, independent of the verifier's hashing) and returns it as it arrives. */
async function signed(request: Unsigned = {}, options: { at?: number; keys?: typeof KEYS; service?: string; region?: string; hashHeader?: boolean } = {}): Promise<ReceivedRequest> {
  const method = request.method ?? 'POST';
  const path = request.path ?? '/inputs/messages';
  const body = request.body ?? '{"messages":[]}';
  const signer = new SignatureV4({ service: options.service ?? 'execute-api', region: options.region ?? 'eu-west-1', credentials: options.keys ?? KEYS, sha256: Sha256, applyChecksum: options.hashHeader ?? true });
  const headers = { host: '127.0.0.1:3000', 'content-type': 'application/json', ...request.headers };
  const result = await signer.sign(new HttpRequest({ method, hostname: '127.0.0.1', port: 3000, path, query: request.query, headers, body }), { signingDate: new Date(options.at ?? NOW) });
  const lower = Object.fromEntries(Object.entries(result.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { method, target: `${path}${request.rawQuery ? `?${request.rawQuery}` : ''}`, headers: lower, body: Buffer.from(body) };
}

const verify = (request: ReceivedRequest, service = 'execute-api') => verifySigV4(request, { service, credentials: KEYS, now: () => NOW });

describe('SigV4 verification of the local APIs', () => {
  it('accepts a request signed with the configured key pair, with its path, query and body', async () => {
    // Arrange: an escaped path segment, repeated and escaped query values, as the AWS CLI sends them.
    const request = await signed({ method: 'GET', path: '/detectors/motor%20Model/keyValues/', query: { keyValue: 'Fulton:A32+b', x: ['1', '2'] }, rawQuery: 'keyValue=Fulton%3AA32%2Bb&x=1&x=2', body: '' });

    // Act
    const result = await verify(request);

    // Assert
    expect(result).toEqual({ verified: true, accessKeyId: 'AKIDLOCALTEST' });
  });

  it('accepts a signature made without an x-amz-content-sha256 header', async () => {
    // Arrange
    const request = await signed({ body: '{"messages":[]}' }, { hashHeader: false });

    // Act
    const result = await verify(request);

    // Assert
    expect(request.headers['x-amz-content-sha256']).toBeUndefined();
    expect(result).toEqual({ verified: true, accessKeyId: 'AKIDLOCALTEST' });
  });

  it('refuses an unsigned request as missing its authentication token', async () => {
    // Arrange
    const request: ReceivedRequest = { method: 'POST', target: '/inputs/messages', headers: { host: '127.0.0.1:3000' }, body: Buffer.from('{}') };

    // Act
    const result = await verify(request);

    // Assert
    expect(result).toEqual({ verified: false, refusal: { errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' } });
  });

  it('refuses a request whose body was changed after signing', async () => {
    // Arrange
    const body = '{"messages":[{"inputName":"A"}]}';
    const tampered = Buffer.from('{"messages":[{"inputName":"B"}]}');

    // Act: signed with an x-amz-content-sha256 header, and without one (the hash is then only in the signature).
    const withHash = await verify({ ...(await signed({ body })), body: tampered });
    const withoutHash = await verify({ ...(await signed({ body }, { hashHeader: false })), body: tampered });

    // Assert
    expect(withHash).toMatchObject({ verified: false, refusal: { errorType: 'InvalidSignatureException' } });
    expect(withoutHash).toEqual({ verified: false, refusal: { errorType: 'InvalidSignatureException', message: SIGNATURE_MISMATCH } });
  });

  it('refuses a body whose signed x-amz-content-sha256 names another body', async () => {
    // Arrange: the hash header is signed and consistent with the signature, but not with the body sent.
    const original = await signed({ body: '{"a":1}', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });

    // Act
    const result = await verify(original);

    // Assert
    expect(result).toMatchObject({ verified: false, refusal: { errorType: 'InvalidSignatureException', message: expect.stringContaining("'x-amz-content-sha256'") } });
  });

  it('refuses a signature made with another secret', async () => {
    // Arrange
    const request = await signed({}, { keys: { ...KEYS, secretAccessKey: 'not-the-secret' } });

    // Act
    const result = await verify(request);

    // Assert
    expect(result).toEqual({ verified: false, refusal: { errorType: 'InvalidSignatureException', message: SIGNATURE_MISMATCH } });
  });

  it('refuses an access key it does not know', async () => {
    // Arrange
    const request = await signed({}, { keys: { accessKeyId: 'AKIDSOMEONEELSE', secretAccessKey: KEYS.secretAccessKey } });

    // Act
    const result = await verify(request);

    // Assert
    expect(result).toMatchObject({ verified: false, refusal: { errorType: 'UnrecognizedClientException' } });
  });

  it('refuses a signature more than 5 minutes old or ahead, and accepts one within', async () => {
    // Arrange
    const old = await signed({}, { at: NOW - 5 * MINUTE - 1000 });
    const ahead = await signed({}, { at: NOW + 5 * MINUTE + 1000 });
    const recent = await signed({}, { at: NOW - 4 * MINUTE });

    // Act
    const results = await Promise.all([old, ahead, recent].map((request) => verify(request)));

    // Assert
    expect(results[0]).toMatchObject({ verified: false, refusal: { errorType: 'InvalidSignatureException', message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than/) } });
    expect(results[1]).toMatchObject({ verified: false, refusal: { errorType: 'InvalidSignatureException', message: expect.stringMatching(/^Signature not yet current/) } });
    expect(results[2]).toMatchObject({ verified: true });
  });

  it('refuses a changed query string or path', async () => {
    // Arrange
    const request = await signed({ method: 'GET', path: '/detectors/m/keyValues/', query: { keyValue: 'a' }, rawQuery: 'keyValue=a', body: '' });

    // Act
    const query = await verify({ ...request, target: '/detectors/m/keyValues/?keyValue=b' });
    const path = await verify({ ...request, target: '/detectors/n/keyValues/?keyValue=a' });

    // Assert
    expect([query, path]).toEqual([
      { verified: false, refusal: { errorType: 'InvalidSignatureException', message: SIGNATURE_MISMATCH } },
      { verified: false, refusal: { errorType: 'InvalidSignatureException', message: SIGNATURE_MISMATCH } },
    ]);
  });

  it('refuses a signature scoped to another service', async () => {
    // Arrange
    const request = await signed({}, { service: 'iotevents' });

    // Act
    const result = await verify(request);

    // Assert
    expect(result).toMatchObject({ verified: false, refusal: { errorType: 'InvalidSignatureException', message: expect.stringContaining("'execute-api'") } });
  });

  it('names every part an incomplete Authorization header lacks', async () => {
    // Arrange
    const request: ReceivedRequest = { method: 'GET', target: '/', headers: { host: '127.0.0.1:3000', authorization: 'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/execute-api/aws4_request' }, body: Buffer.alloc(0) };

    // Act
    const result = await verify(request);

    // Assert
    expect(result).toMatchObject({
      verified: false,
      refusal: { errorType: 'IncompleteSignatureException', message: expect.stringContaining("Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.") },
    });
  });

  it('refuses a signature that leaves the Host header out', async () => {
    // Arrange: re-label the signed headers as if host had not been signed.
    const request = await signed();
    const authorization = String(request.headers.authorization).replace(/SignedHeaders=[^,]+/, 'SignedHeaders=content-type;x-amz-date');

    // Act
    const result = await verify({ ...request, headers: { ...request.headers, authorization } });

    // Assert
    expect(result).toMatchObject({ verified: false, refusal: { errorType: 'IncompleteSignatureException', message: expect.stringContaining("'Host'") } });
  });

  it('refuses a presigned URL', async () => {
    // Arrange
    const request: ReceivedRequest = { method: 'POST', target: '/inputs/messages?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc', headers: { host: '127.0.0.1:3000' }, body: Buffer.from('{}') };

    // Act
    const result = await verify(request);

    // Assert
    expect(result).toMatchObject({ verified: false, refusal: { errorType: 'MissingAuthenticationTokenException' } });
  });
});
