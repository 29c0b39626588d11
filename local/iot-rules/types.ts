import type { CompiledQuery } from './compile-query';

/**
 * The IoT SQL versions AWS accepts in `awsIotSqlVersion`. `beta` is evaluated like `2016-03-23`:
 * AWS documents no difference for it.
 */
export type SqlVersion = '2015-10-08' | '2016-03-23' | 'beta';

/** Every accepted {@link SqlVersion}, for validation. */
export const SQL_VERSIONS: readonly SqlVersion[] = ['2015-10-08', '2016-03-23', 'beta'];

/**
 * CloudFormation's default when `AwsIotSqlVersion` is omitted (and so Serverless' default, since its
 * `iot` event leaves the property out when `sqlVersion` is not set).
 */
export const DEFAULT_SQL_VERSION: SqlVersion = '2015-10-08';

/** Where a rule delivers its output: a function of this service, or a queue declared in `resources`. */
export type RuleTarget =
  | { readonly type: 'lambda'; readonly functionKey: string }
  | { readonly type: 'sqs'; readonly queueName: string; readonly useBase64: boolean };

/** A topic rule as declared, before its SQL is compiled. */
export interface RuleDefinition {
  /** The rule name AWS would use (letters, digits and `_`). */
  readonly ruleName: string;
  /** The SQL statement, exactly as AWS receives it. */
  readonly sql: string;
  readonly sqlVersion: SqlVersion;
  readonly actions: readonly RuleTarget[];
  /** Where AWS sends the error message when an action fails. */
  readonly errorAction?: RuleTarget;
  /** Where the rule is declared, for messages: `functions.ingest.events[0].iot`. */
  readonly source: string;
}

/** A rule ready to evaluate: its definition plus the SQL, parsed and checked once. */
export interface LocalRule extends RuleDefinition {
  readonly query: CompiledQuery;
}

/** One MQTT publish, as the local broker saw it. */
export interface RuleMessage {
  readonly topic: string;
  readonly payload: Buffer;
  /** The publishing client; `clientid()` returns `n/a` without one, as AWS does for non-MQTT messages. */
  readonly clientId?: string;
  /** What `principal()` returns; undefined when not given. */
  readonly principal?: string;
  /** When the broker received the message, epoch ms: `timestamp()` returns it. */
  readonly receivedAt: number;
  /** What `traceid()` returns; a fresh UUID per evaluation when not given. */
  readonly traceId?: string;
  /** What `sourceip()` returns; undefined when not given. */
  readonly sourceIp?: string;
}

/** Sources of non-determinism, injectable so tests are repeatable. */
export interface ApplyOptions {
  /** Used by `newuuid()` and a missing `traceId`. Defaults to `crypto.randomUUID`. */
  readonly newUuid?: () => string;
  /** Used by `rand()`. Defaults to `Math.random`. */
  readonly random?: () => number;
  /** What `accountid()` returns. Defaults to `000000000000`, the local stack's account. */
  readonly accountId?: string;
}

/** The rule selected the message: what its actions receive. */
export interface RuleMatch {
  readonly matched: true;
  /**
   * The SELECT result as typed JSON (integers `bigint`, decimals `number`); write it with
   * `stringifyTypedJson`. Empty when the rule forwards a non-JSON payload unchanged.
   */
  readonly output: Record<string, unknown>;
  /** The exact bytes AWS hands to the actions: the output as JSON, or the raw payload for `SELECT *` of a non-JSON payload. */
  readonly body: Buffer;
  /** True when `body` is the raw payload and not JSON text (AWS's Lambda action cannot take it). */
  readonly binary: boolean;
}

/** The result of {@link applyRule}-ing one message to one rule. */
export type RuleOutcome = { readonly matched: false } | RuleMatch;
