import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4 } from '../../../local/auth/sigv4-verifier';

/** A request the fake API received, after its signature was checked. */
export interface ReceivedCall {
  readonly method: string;
  readonly target: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** The access key that signed it, or the refusal's error type when the signature did not verify. */
  readonly signer: string;
}

/** A fake Vigil API on loopback that verifies SigV4 (`execute-api`) as API Gateway does and answers what the test says. */
export interface FakeApi {
  readonly endpoint: string;
  readonly calls: ReceivedCall[];
  stop(): Promise<void>;
}

/**
 * Starts a fake API on `host` (127.0.0.1, or another loopback address so the CLI takes it for a
 * deployment): signed requests with `credentials` get `answer`'s reply, others a 403 in AWS's shape.
 */
export async function startFakeApi(
  credentials: { accessKeyId: string; secretAccessKey: string },
  answer: (call: ReceivedCall) => { status: number; headers?: Record<string, string>; body: string },
  host = '127.0.0.1',
): Promise<FakeApi> {
  const calls: ReceivedCall[] = [];
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const received = { method: request.method ?? 'GET', target: request.url ?? '/', headers: request.headers, body };
    const result = await verifySigV4(received, { service: 'execute-api', credentials });
    const call = { ...received, body: body.toString('utf8'), signer: result.verified ? result.accessKeyId : result.refusal.errorType };
    calls.push(call);
    const reply = result.verified
      ? answer(call)
      : { status: 403, headers: { 'content-type': 'application/json', 'x-amzn-errortype': result.refusal.errorType }, body: JSON.stringify({ message: result.refusal.message }) };
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${port}`,
    calls,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
