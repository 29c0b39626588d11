import { createHash, createHmac, type BinaryLike } from 'node:crypto';
import type { ApiClients } from './api-client';

/** SHA-256 for the SigV4 signer, from node:crypto (no extra dependency). */
class NodeSha256 {
  private hash;
  constructor(secret?: BinaryLike) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  update(data: BinaryLike): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    throw new Error('not reusable');
  }
}

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])$/;

/**
 * GETs a path of the Vigil API that the SDK clients have no command for (Vigil's own routes). On a
 * deployment the request is signed with SigV4 for `execute-api`, with the data client's own
 * credentials and region; the local stack takes it unsigned.
 */
export async function signedGet(clients: ApiClients, path: string, query: Record<string, string>, fetcher: typeof fetch = fetch): Promise<Response> {
  const url = new URL(path, clients.endpoint.endsWith('/') ? clients.endpoint : `${clients.endpoint}/`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  if (LOOPBACK.test(url.hostname)) return fetcher(url);
  const [{ SignatureV4 }, { HttpRequest }] = await Promise.all([import('@smithy/signature-v4'), import('@smithy/protocol-http')]);
  const signer = new SignatureV4({
    service: 'execute-api',
    region: await clients.data.config.region(),
    credentials: clients.data.config.credentials,
    sha256: NodeSha256 as never,
  });
  const signed = await signer.sign(
    new HttpRequest({ method: 'GET', protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: url.pathname, query, headers: { host: url.host } }),
  );
  return fetcher(url, { headers: signed.headers as Record<string, string> });
}
