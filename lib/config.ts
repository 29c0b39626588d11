import { DUPLICATE_WINDOW_MS, MAX_DUPLICATE_WINDOW_MS, MAX_RECENT_IDS } from './engine';
import { AppError } from './errors';
import { RETRY_DELAYS_S } from './runtime/envelope';
import { DEFAULT_MAX_MESSAGE_BYTES } from './runtime/route-batch';

/** The environment is missing a setting or holds one that is not valid. */
export class ConfigError extends AppError {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/** Every setting of the runtime, read once per container from the environment. */
export interface Config {
  readonly detectorsTable: string;
  readonly modelsTable: string;
  readonly timersTable: string;
  readonly tracesTable: string;
  /** Message ids spilled from busy detectors (the duplicate window); without it every id stays in the item. */
  readonly messageIdsTable: string | undefined;
  /** The telemetry queue (topic rules on device topics): a queue name or URL. */
  readonly ingestQueue: string | undefined;
  /** The lifecycle queue (only the `$aws/events/#` rule writes to it): a queue name or URL. */
  readonly lifecycleQueue: string | undefined;
  /**
   * The internal queue: envelopes from Vigil itself (`iotEvents` actions, retries narrowed to the
   * detectors that still need a message) and operators' redrives. A queue name or URL.
   */
  readonly internalQueue: string | undefined;
  /**
   * IAM principals allowed to send built-in lifecycle inputs with BatchPutMessage (nobody else
   * may): role ARNs (any session of the role), user ARNs or assumed-role session ARNs.
   */
  readonly lifecyclePublishers: readonly string[];
  /**
   * Receives after which a message that keeps failing is dead-lettered by Vigil itself, narrowed to
   * the detectors that have not applied it; the queues' `maxReceiveCount` must be higher.
   */
  readonly maxReceives: number;
  /** Delays before Vigil's retries of a failed message from the internal queue, by attempt, seconds (≤ 900). */
  readonly retryDelaysSeconds: readonly number[];
  /**
   * Check with SQS that records claiming the lifecycle or internal queue came from it (one
   * ChangeMessageVisibilityBatch per 10): anyone allowed to invoke the function could otherwise
   * hand it a made-up event. Off only for tests that build events themselves.
   */
  readonly verifyReceipts: boolean;
  /** Where messages that can never be processed are recorded, with the reason: a queue name or URL. */
  readonly ingestDeadLetterQueue: string | undefined;
  /** Where actions that failed for good are recorded: a queue name or URL. */
  readonly actionsDeadLetterQueue: string | undefined;
  readonly minTimerSeconds: number;
  /** Most timers one detector may hold at once (AWS: 5). */
  readonly maxTimers: number;
  readonly maxMessageBytes: number;
  readonly traceDepth: number;
  readonly modelRefreshMs: number;
  readonly duplicateWindowMs: number;
  readonly maxRecentIds: number;
  readonly timerShards: number;
  /** The timer sweep runs at least this often (ms), besides when the scheduler asks for one. */
  readonly sweepPeriodMs: number;
  /** Segments of the detectors table the timer sweep reads in parallel. */
  readonly sweepSegments: number;
  /** The most read capacity per second the timer sweep may consume. */
  readonly sweepReadUnitsPerSecond: number;
  readonly inputScope: 'retained' | 'currentOnly';
  readonly concurrency: number;
  /** The account's IoT data endpoint (`iotTopicPublish` actions), e.g. `https://abc123-ats.iot.eu-west-1.amazonaws.com`. */
  readonly iotDataEndpoint: string | undefined;
  /** True when an emulator endpoint is set for SQS (fauxqs): queue URLs then need special handling. */
  readonly localSqs: boolean;
  /** The deployment's stage (`STAGE`, as serverless.yml sets it); named in the sessions of model roles. */
  readonly stage: string;
  /**
   * `MODEL_ROLES`: `assume` (default) — each model's actions run with its `roleArn`, assumed with
   * STS, and the control API checks that whoever names a role may pass it; `ignore` — for the local
   * stack, which has no STS or IAM: actions run with the dispatcher's own credentials and roles are
   * not checked (docs/decisions.md R13).
   */
  readonly modelRoles: 'assume' | 'ignore';
  /**
   * `NOTIFICATIONS`: `send` (default) — the alarm notifier sends mail through SES and texts
   * through SNS; `record` — it puts them on {@link notificationsInbox} instead (the local stack, or
   * a stage that must not reach people).
   */
  readonly notifications: 'send' | 'record';
  /** `NOTIFICATIONS_INBOX`: the queue (name or URL) `record` puts alarm mail and texts on. */
  readonly notificationsInbox: string | undefined;
  /**
   * `IDENTITY_STORE`: `aws` (default) — alarm notification recipients are looked up in IAM Identity
   * Center as the alarm model's role; `local` — the local stack's fixed rule (no Identity Center;
   * docs/decisions.md AR4).
   */
  readonly identityStore: 'aws' | 'local';
}

/** Reads and checks the configuration; every problem names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const text = (name: string, fallback?: string) => {
    const value = env[name] ?? fallback;
    if (value === undefined || value === '') throw new ConfigError(name, 'is required');
    return value;
  };
  const optional = (name: string) => (env[name] ? env[name] : undefined);
  const number = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new ConfigError(name, `must be a number ≥ ${min}, not '${raw}'`);
    return value;
  };
  const scope = env.INPUT_SCOPE ?? 'retained';
  if (scope !== 'retained' && scope !== 'currentOnly') throw new ConfigError('INPUT_SCOPE', `must be retained or currentOnly, not '${scope}'`);
  const modelRoles = env.MODEL_ROLES || 'assume';
  if (modelRoles !== 'assume' && modelRoles !== 'ignore') throw new ConfigError('MODEL_ROLES', `must be assume or ignore, not '${modelRoles}'`);
  const notifications = env.NOTIFICATIONS || 'send';
  if (notifications !== 'send' && notifications !== 'record') throw new ConfigError('NOTIFICATIONS', `must be send or record, not '${notifications}'`);
  const identityStore = env.IDENTITY_STORE || 'aws';
  if (identityStore !== 'aws' && identityStore !== 'local') throw new ConfigError('IDENTITY_STORE', `must be aws or local, not '${identityStore}'`);
  if (notifications === 'record' && !env.NOTIFICATIONS_INBOX) throw new ConfigError('NOTIFICATIONS_INBOX', 'is required when NOTIFICATIONS=record');
  return {
    detectorsTable: text('DETECTORS_TABLE'),
    modelsTable: text('MODELS_TABLE'),
    timersTable: text('TIMERS_TABLE'),
    tracesTable: text('TRACES_TABLE'),
    messageIdsTable: optional('MESSAGE_IDS_TABLE'),
    ingestQueue: optional('INGEST_QUEUE'),
    lifecycleQueue: optional('LIFECYCLE_QUEUE'),
    internalQueue: optional('INTERNAL_QUEUE'),
    lifecyclePublishers: (env.LIFECYCLE_PUBLISHERS ?? '').split(',').map((arn) => arn.trim()).filter(Boolean),
    maxReceives: number('MAX_RECEIVES', 4, 1),
    retryDelaysSeconds: delays(env.RETRY_DELAYS_S),
    verifyReceipts: env.VERIFY_RECEIPTS !== 'false',
    ingestDeadLetterQueue: optional('INGEST_DLQ'),
    actionsDeadLetterQueue: optional('ACTIONS_DLQ'),
    minTimerSeconds: number('MIN_TIMER_SECONDS', 60, 1),
    maxMessageBytes: number('MAX_PAYLOAD_BYTES', DEFAULT_MAX_MESSAGE_BYTES, 1),
    maxTimers: number('MAX_TIMERS', 5, 1),
    traceDepth: number('TRACE_DEPTH', 20, 0),
    modelRefreshMs: number('MODEL_REFRESH_MS', 5000, 0),
    duplicateWindowMs: Math.min(number('DUPLICATE_WINDOW_MS', DUPLICATE_WINDOW_MS, 0), MAX_DUPLICATE_WINDOW_MS),
    maxRecentIds: number('MAX_RECENT_IDS', MAX_RECENT_IDS, 2),
    timerShards: number('TIMER_SHARDS', 4, 1),
    sweepPeriodMs: number('TIMER_SWEEP_PERIOD_HOURS', 24, 1) * 3_600_000,
    sweepSegments: Math.floor(number('TIMER_SWEEP_SEGMENTS', 4, 1)),
    sweepReadUnitsPerSecond: number('TIMER_SWEEP_READ_UNITS', 1000, 1),
    inputScope: scope,
    concurrency: number('DETECTOR_CONCURRENCY', 16, 1),
    iotDataEndpoint: optional('IOT_DATA_ENDPOINT'),
    localSqs: Boolean(env.AWS_ENDPOINT_URL_SQS),
    stage: env.STAGE || 'dev',
    modelRoles,
    notifications,
    notificationsInbox: optional('NOTIFICATIONS_INBOX'),
    identityStore,
  };
}

function delays(raw: string | undefined): readonly number[] {
  if (raw === undefined || raw === '') return RETRY_DELAYS_S;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (!values.every((value) => Number.isInteger(value) && value >= 0 && value <= 900)) throw new ConfigError('RETRY_DELAYS_S', `must be whole seconds from 0 to 900, comma-separated, not '${raw}'`);
  return values;
}
