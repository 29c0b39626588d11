import type { SqlValue } from './sql-values';
import type { SqlVersion } from './types';

/** Everything about the message that the context functions (`topic()`, `clientid()`, …) report. */
export interface MessageContext {
  /** The topic `topic()` sees: without the `$aws/rules/<rule>` prefix of Basic Ingest. */
  readonly topic: string;
  readonly clientId?: string;
  readonly principal?: string;
  readonly receivedAt: number;
  readonly traceId: string;
  readonly sourceIp?: string;
  readonly sqlVersion: SqlVersion;
  readonly accountId: string;
  readonly newUuid: () => string;
  readonly random: () => number;
}

/** The state one evaluation of a compiled expression reads. */
export interface EvalContext {
  readonly message: MessageContext;
  /** What field names read from: the payload object, or the current element of a nested query. */
  readonly root: SqlValue;
  /** The payload bytes, for `encode(*, …)`; only at the top level of a statement. */
  readonly raw?: Buffer;
  /** `SET` variables assigned so far. */
  readonly variables: Map<string, SqlValue>;
}

/** A compiled expression: a closure over the syntax tree, built once per rule. */
export type Evaluator = (context: EvalContext) => SqlValue;
