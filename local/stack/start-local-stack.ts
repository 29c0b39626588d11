import path from 'node:path';
import { DynamoSchedulerState } from '../../lib/adapters/dynamodb/scheduler-state';
import { startDynamoDbLocal, startSnsSqs } from '../emulators';
import { startIotCore } from '../iot-core/mqtt-broker';
import { RuleRouter } from '../iot-core/rule-router';
import { discoverRules, IotRuleError } from '../iot-rules';
import { provision, type Provisioned } from '../provision';
import { serverlessConfig } from '../serverless-config';
import { AsyncInvoker } from './async-invoker';
import { LocalStackError } from './errors';
import { eventSources } from './event-sources';
import { ruleActions, startEventSources } from './function-wiring';
import { kickMinuteSchedules } from './minute-schedules';
import { createClients } from './stack-clients';
import { offlineLambdaApi } from './lambda-api';
import { localAuthFromEnv, type LocalAuth } from '../auth/local-auth';
import { LOCAL_ACCOUNT, LOCAL_CALLER_ARN, LOCAL_REGION, LOCAL_STAGE } from './local-identity';
import { DEFAULT_PORTS, resolvePorts, type LocalStackPorts } from './ports';
import { startServedFunctions } from './served-functions';
import { watchModels } from './model-watcher';
import { watchRules } from './rule-watcher';
import { describeSeed, seedLocalModels } from './seed-local-models';
import { Shutdown } from './shutdown';
import { followRulesFile } from '../targets/rules-file';
import { startStackConsole } from '../console/stack-console';

/** How to start the local stack; everything is optional. */
export interface LocalStackOptions {
  /** The project folder (serverless.yml, models/). Default: this checkout. */
  readonly root?: string;
  /** Ports to listen on; 0 picks a free one. Default: {@link DEFAULT_PORTS}. */
  readonly ports?: Partial<LocalStackPorts>;
  /** The shortest timer models may set, in seconds (AWS: 60). Lower it for short test timers. */
  readonly minTimerSeconds?: number;
  /** Where DynamoDB Local keeps its data across restarts (`npm start -- --persist`). Default: in memory. */
  readonly dataDir?: string;
  /** The folder of detector models and inputs to load. Default: `<root>/models`. */
  readonly modelsDir?: string;
  /** How the HTTP and Lambda APIs authenticate requests, and the key pair the stack signs with. Default: {@link localAuthFromEnv}. */
  readonly auth?: LocalAuth;
  /** Interface the MQTT broker listens on. Default 127.0.0.1. */
  readonly mqttHost?: string;
  /** Delays of Lambda's asynchronous retries. Default: AWS's (1 min, then 2 min). */
  readonly asyncRetryDelaysMs?: readonly number[];
  /**
   * Where the functions send their DynamoDB requests, instead of DynamoDB Local itself: a proxy
   * on this machine that forwards to DynamoDB Local (`npm run bench -- load` meters the capacity
   * the functions consume this way). The stack's own clients and stream pollers go direct.
   */
  readonly functionsDynamodbEndpoint?: string;
  /** Receives everything serverless-offline prints (the functions' logs). */
  readonly onOfflineLine?: (line: string) => void;
  /** Where migrated models' real topic ARNs and queue URLs are mapped to local ones. Default: `<root>/local-targets.json` (none: same names). */
  readonly localTargetsFile?: string;
  /** Problems worth a developer's attention once running (rule action failures, retries, …). */
  readonly log?: (message: string, error?: Error) => void;
  /** Something the stack cannot run without stopped (serverless-offline crashed): stop the stack. */
  readonly onFatal?: (error: LocalStackError) => void;
}

/** Where each service of a running local stack listens. */
export interface LocalStackEndpoints {
  readonly http: string;
  readonly lambda: string;
  readonly mqtt: string;
  readonly dynamodb: string;
  /** SNS and SQS (fauxqs), one endpoint. */
  readonly sqs: string;
  /** The Vigil Console, in a browser. */
  readonly console: string;
}

/** A running local stack. */
export interface LocalStack {
  readonly endpoints: LocalStackEndpoints;
  readonly ports: LocalStackPorts;
  readonly stage: string;
  readonly provisioned: Provisioned;
  /** Milliseconds from the call to ready. */
  readonly readyMs: number;
  /** What loading `models/` at start has to say: models whose API-deployed version was kept or replaced. */
  readonly modelNotices: readonly string[];
  /** Stops everything it started, broker first, emulators last. */
  stop(): Promise<void>;
}

/**
 * Runs the whole system on this machine, in this process and its children: DynamoDB Local and
 * fauxqs with the tables, queues, topics and subscriptions of serverless.yml; serverless-offline for
 * the HTTP APIs and the functions; the event sources offline lacks (SQS and table-stream pollers);
 * an MQTT broker emulating AWS IoT Core with every topic rule and the lifecycle events; and the
 * models of `models/`. Resolves when all of it answers.
 *
 * @throws LocalStackError (or the IotRuleConfigError naming the rule) when anything cannot start;
 *   whatever had started is stopped first.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const started = Date.now();
  const root = options.root ?? path.resolve(__dirname, '..', '..');
  const log = options.log ?? (() => undefined);
  const minTimerSeconds = options.minTimerSeconds ?? 60;
  const auth = options.auth ?? localAuthFromEnv();
  const ports = await resolvePorts({ ...DEFAULT_PORTS, ...options.ports });
  const shutdown = new Shutdown((message, error) => log(message, error));
  let targets;
  try {
    targets = { rules: followRulesFile(options.localTargetsFile ?? path.join(root, 'local-targets.json'), log), log };
  } catch (error) {
    throw new LocalStackError('targets', (error as Error).message, { cause: error });
  }
  const endpoint = (port: number) => `http://127.0.0.1:${port}`;
  const track = <T extends { stop(): Promise<void> }>(name: string, service: Promise<T>) =>
    service.then((running) => {
      shutdown.add(name, () => running.stop());
      return running;
    });
  const pending = [
    serverlessConfig(root, LOCAL_STAGE).catch((error: Error) => {
      throw new LocalStackError('serverless', `cannot resolve serverless.yml: ${error.message}`, { cause: error });
    }),
    track('DynamoDB Local', startDynamoDbLocal(ports.dynamodb, options.dataDir === undefined ? {} : { dbPath: options.dataDir })),
    track('fauxqs', startSnsSqs(ports.sqs, targets)),
    track(
      'serverless offline',
      startServedFunctions({
        root,
        stage: LOCAL_STAGE,
        httpPort: ports.http,
        lambdaPort: ports.lambda,
        // No STS or IAM here: actions run with the functions' own (local) credentials (MODEL_ROLES).
        // The local signer is the operator: it may send built-in lifecycle inputs with
        // BatchPutMessage (`vigil batch-put-message --input AwsIotPresence`), as a deployment's
        // `lifecyclePublishers` would allow; devices still cannot (the broker reserves $aws/events).
        params: { minTimerSeconds: String(minTimerSeconds), modelRoles: 'ignore', notifications: 'record', identityStore: 'local', lifecyclePublishers: LOCAL_CALLER_ARN },
        env: {
          AWS_ENDPOINT_URL_DYNAMODB: options.functionsDynamodbEndpoint ?? endpoint(ports.dynamodb),
          AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoint(ports.dynamodb),
          AWS_ENDPOINT_URL_SQS: endpoint(ports.sqs),
          AWS_ENDPOINT_URL_SNS: endpoint(ports.sqs),
          // Detector models' lambda actions call the functions through the Lambda gateway, signed with the key pair below.
          AWS_ENDPOINT_URL_LAMBDA: endpoint(ports.lambda),
          AWS_REGION: LOCAL_REGION,
          AWS_ACCESS_KEY_ID: auth.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: auth.credentials.secretAccessKey,
          // A session token in the developer's shell would ride along with the local key pair (offline
          // passes every AWS_* variable on), and the Lambda gateway refuses tokens it never issued.
          AWS_SESSION_TOKEN: '',
        },
        auth,
        log,
        onLine: options.onOfflineLine ?? (() => undefined),
        onExit: (error) => options.onFatal?.(error),
      }),
    ),
    track('console', startStackConsole({ port: ports.console, apiEndpoint: endpoint(ports.http), credentials: auth.credentials, log })),
  ] as const;
  try {
    // Check the rules as soon as the configuration is known: a rule the emulator cannot run stops the start.
    const config = await pending[0];
    const rules = discoverRules(config);
    await Promise.all(pending);
    const clients = createClients(ports, auth.credentials);
    shutdown.add('SDK clients', () => Object.values(clients).forEach((client) => client.destroy()));
    const provisioned = await provision(config, clients);
    const modelsDir = options.modelsDir ?? path.join(root, 'models');
    const seed = () => seedLocalModels(clients.dynamodb, provisioned.tables.ModelsTable, modelsDir, minTimerSeconds);
    const [, ...modelNotices] = describeSeed(await seed());
    // A new database: no timer can have been missed. Without a watermark the scheduler's first run
    // would read back an hour of minute buckets, slow on a busy machine. A kept one has its
    // watermark: the scheduler catches up from it, firing the timers that fell due while stopped.
    const schedulerState = new DynamoSchedulerState(clients.dynamodb, provisioned.tables.TimersTable);
    if ((await schedulerState.watermark()) === undefined) await schedulerState.advance(Math.floor(Date.now() / 60_000) * 60_000);
    const lambda = offlineLambdaApi(endpoint(ports.lambda), { region: LOCAL_REGION, credentials: auth.credentials });
    const invoker = new AsyncInvoker(lambda, { retryDelaysMs: options.asyncRetryDelaysMs, log, functionArn: (name) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${name}` });
    shutdown.add('asynchronous invocations', () => invoker.stop());
    const sources = eventSources(config, provisioned);
    shutdown.add('event source pollers', await startEventSources(sources, clients, lambda, log, options.dataDir === undefined ? 'TRIM_HORIZON' : 'LATEST'));
    const router = new RuleRouter(rules, ruleActions(config, provisioned, sources, clients, invoker));
    const broker = await startIotCore({ port: ports.mqtt, host: options.mqttHost, router, log });
    shutdown.add('MQTT broker', () => broker.stop());
    kickMinuteSchedules(config, invoker, log);
    shutdown.add('model watcher', watchModels(modelsDir, async () => describeSeed(await seed()), log));
    shutdown.add('rule watcher', watchRules(root, LOCAL_STAGE, router, { config, provisioned }, log));
    return {
      endpoints: { http: endpoint(ports.http), lambda: endpoint(ports.lambda), mqtt: broker.endpoint, dynamodb: endpoint(ports.dynamodb), sqs: endpoint(ports.sqs), console: endpoint(ports.console) },
      ports,
      stage: LOCAL_STAGE,
      provisioned,
      readyMs: Date.now() - started,
      modelNotices,
      stop: () => shutdown.run(),
    };
  } catch (error) {
    await Promise.allSettled(pending);
    await shutdown.run();
    if (error instanceof LocalStackError || error instanceof IotRuleError) throw error;
    throw new LocalStackError('start', (error as Error).message, { cause: error });
  }
}
