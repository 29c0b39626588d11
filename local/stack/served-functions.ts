import type { LocalAuth } from '../auth/local-auth';
import { LocalStackError } from './errors';
import { startOffline } from './offline-process';
import { privateSockets } from './private-sockets';
import { startSigningGateway, type RunningGateway } from './signing-gateway';

/** How to serve the functions: offline's settings and the public ports. */
export interface ServedFunctionsOptions {
  readonly root: string;
  readonly stage: string;
  /** The public ports of the HTTP APIs and of the Lambda API (on 127.0.0.1). */
  readonly httpPort: number;
  readonly lambdaPort: number;
  readonly params: Readonly<Record<string, string>>;
  /** The functions' environment (endpoints, region, the key pair they sign with). */
  readonly env: Readonly<Record<string, string>>;
  readonly auth: LocalAuth;
  readonly onLine: (line: string) => void;
  /** serverless-offline exited on its own once ready: the stack cannot go on without it. */
  readonly onExit: (error: LocalStackError) => void;
  readonly log: (message: string, error?: Error) => void;
}

/** The functions, served. */
export interface ServedFunctions {
  readonly httpEndpoint: string;
  readonly lambdaEndpoint: string;
  stop(): Promise<void>;
}

/**
 * Runs serverless-offline on private sockets, with a signing gateway on each public port: the
 * HTTP APIs (SigV4 for `execute-api`, the signer passed to the handlers as API Gateway's IAM
 * authorizer does) and the Lambda Invoke API (SigV4 for `lambda`). Nothing reaches a function
 * without a signature, whether from the network, another user or a web page.
 *
 * @throws LocalStackError when offline or a gateway cannot start; what started is stopped first.
 */
export async function startServedFunctions(options: ServedFunctionsOptions): Promise<ServedFunctions> {
  const sockets = privateSockets();
  const gateway = (port: number, name: 'http' | 'lambda') =>
    startSigningGateway({ port, upstream: sockets.path(name), service: name === 'http' ? 'execute-api' : 'lambda', auth: options.auth, forwardCaller: name === 'http', log: options.log });
  const starting = [
    gateway(options.httpPort, 'http'),
    gateway(options.lambdaPort, 'lambda'),
    startOffline({ root: options.root, stage: options.stage, httpSocket: sockets.path('http'), lambdaSocket: sockets.path('lambda'), params: options.params, env: options.env, onLine: options.onLine, onExit: (code) => options.onExit(new LocalStackError('offline', `serverless offline exited (${code}); its last lines are in the log`)) }),
  ] as const;
  const settled = await Promise.allSettled(starting);
  const stops = settled.flatMap((result) => (result.status === 'fulfilled' ? [() => result.value.stop()] : []));
  const stop = async () => {
    await Promise.all(stops.map((stopOne) => stopOne()));
    sockets.remove();
  };
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }
  const [http, lambda] = settled.slice(0, 2).map((result) => (result as PromiseFulfilledResult<RunningGateway>).value);
  return { httpEndpoint: http.endpoint, lambdaEndpoint: lambda.endpoint, stop };
}
