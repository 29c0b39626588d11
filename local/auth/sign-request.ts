import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from './node-sha256';

/** A key pair, as the SDK's credential providers give it. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Who signs, for which service and region. */
export interface SigningOptions {
  readonly service: string;
  readonly region: string;
  readonly credentials: SigningCredentials | (() => Promise<SigningCredentials>);
}

/** A request to sign: what `fetch` will send. */
export interface RequestToSign {
  readonly method: string;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/**
 * The headers of `request` with a SigV4 signature added (Authorization, X-Amz-Date, the body's
 * SHA-256), ready for `fetch`: for the local stack's APIs, and for Vigil routes the SDK clients have
 * no command for.
 */
export async function signRequest(request: RequestToSign, options: SigningOptions): Promise<Record<string, string>> {
  const { url } = request;
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [existing, value].flat();
  }
  const signer = new SignatureV4({ service: options.service, region: options.region, credentials: options.credentials, sha256: NodeSha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers: { ...request.headers, host: url.host },
      body: request.body,
    }),
  );
  return signed.headers as Record<string, string>;
}
