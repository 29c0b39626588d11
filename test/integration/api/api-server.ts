import { readFileSync } from 'node:fs';
import { IoTEventsClient } from '@aws-sdk/client-iot-events';
import { IoTEventsDataClient } from '@aws-sdk/client-iot-events-data';
import { createHandler as createControlHandler } from '../../../functions/control-api';
import { createHandler as createDataHandler } from '../../../functions/data-api';
import { vigilClientConfig } from '../../../lib/api/client-config';
import { signRequest } from '../../../local/auth/sign-request';
import { startHttpApiServer, type HttpApiHandler, type HttpApiRoute, type RunningHttpApi } from '../../support/http-api-server';
import { LOCAL_CREDENTIALS } from '../../../local/stack/local-identity';
import type { ServerlessConfig } from '../../../local/serverless-config';
import type { Clock } from '../../../lib/ports';
import type { Runtime } from '../../../lib/wiring';
import type { TestStack } from '../stack';

/**
 * Routes the deployed API lacks so far (serverless.yml): until they are declared there, the local
 * server adds them, so the SDK operations they serve can be tested.
 */
const PENDING_ROUTES = [
  { function: 'controlApi', method: 'POST', path: '/input-routings' },
  { function: 'controlApi', method: 'GET', path: '/analysis/detector-models/{analysisId}' },
];

/** The API of one test stack, served over HTTP, and the official SDK clients pointed at it. */
export interface TestApi {
  readonly server: RunningHttpApi;
  readonly runtime: Runtime;
  readonly data: IoTEventsDataClient;
  readonly control: IoTEventsClient;
  /** `fetch` on the API, signed with SigV4 for execute-api as the SDK clients sign (the server verifies it). */
  fetch(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Serves the data and control functions of a test stack on 127.0.0.1 with exactly the routes
 * serverless.yml declares, and builds both SDK clients with `vigilClientConfig`. `runtime`: the
 * functions' runtime, when the test built its own (alarm models in its catalog, say).
 */
export async function startTestApi(stack: TestStack, options: { clock?: Clock; runtime?: Runtime } = {}): Promise<TestApi> {
  const runtime = options.runtime ?? stack.runtime({ clock: options.clock });
  const handlers: Record<string, HttpApiHandler> = {
    dataApi: createDataHandler(runtime) as HttpApiHandler,
    controlApi: createControlHandler(runtime, stageOf(stack)) as HttpApiHandler,
  };
  const server = await startHttpApiServer({ routes: routesOf(handlers) });
  const config = { ...vigilClientConfig({ endpoint: server.url, region: 'us-east-1' }), credentials: LOCAL_CREDENTIALS, maxAttempts: 1 };
  const data = new IoTEventsDataClient(config);
  const control = new IoTEventsClient(config);
  return {
    server,
    runtime,
    data,
    control,
    async fetch(path, init = {}) {
      const url = new URL(path, server.url);
      const method = init.method ?? 'GET';
      const { host: _host, ...headers } = await signRequest({ method, url, headers: init.headers, body: init.body }, { service: 'execute-api', region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
      return fetch(url, { method, headers, body: init.body });
    },
    async close() {
      data.destroy();
      control.destroy();
      await server.close();
    },
  };
}

/**
 * The stage the stack's resources are named after (`vigil-<stage>-detectors`), so that the ARNs the
 * API fills into `${Vigil::Stage}` placeholders name this stack's topics and queues.
 */
export function stageOf(stack: TestStack): string {
  return /^vigil-(.+)-detectors$/.exec(stack.config.detectorsTable)?.[1] ?? 'test';
}

/** The httpApi events of serverless.yml (as resolved for the test stage), for the functions given. */
function routesOf(handlers: Record<string, HttpApiHandler>): HttpApiRoute[] {
  const serverless = JSON.parse(readFileSync(process.env.VIGIL_TEST_SERVERLESS as string, 'utf8')) as ServerlessConfig;
  const declared = Object.keys(handlers).flatMap((name) =>
    (serverless.functions[name]?.events ?? []).flatMap((event) => {
      const httpApi = event.httpApi as { method: string; path: string } | undefined;
      return httpApi ? [{ function: name, method: httpApi.method, path: httpApi.path }] : [];
    }),
  );
  const missing = PENDING_ROUTES.filter((pending) => !declared.some((route) => route.method === pending.method && route.path === pending.path));
  return [...declared, ...missing].map((route) => ({ method: route.method, path: route.path, handler: handlers[route.function], functionName: `vigil-test-${route.function}` }));
}
