import { stringifyTypedJson } from '../../../lib/expression';
import { applyRule, compileRule, type ApplyOptions, type LocalRule, type RuleMessage, type SqlVersion } from '../../../local/iot-rules';

/** A compiled rule named `test_rule` that delivers nowhere. */
export function rule(sql: string, sqlVersion: SqlVersion = '2016-03-23', ruleName = 'test_rule'): LocalRule {
  return compileRule({ ruleName, sql, sqlVersion, actions: [], source: 'test' });
}

/** A message on `topic` with a JSON text (or raw bytes) payload, received at a fixed time. */
export function message(payload: string | Buffer, topic = 'a/b', extra: Partial<RuleMessage> = {}): RuleMessage {
  return {
    topic,
    payload: Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8'),
    clientId: 'client-1',
    receivedAt: 1767225600000,
    traceId: 'trace-1',
    ...extra,
  };
}

/** Deterministic sources for newuuid(), rand() and accountid(). */
export const OPTIONS: ApplyOptions = { newUuid: () => 'uuid-1', random: () => 0.25, accountId: '123456789012' };

/**
 * Runs `sql` on one message and returns the output as JSON text (typed: `20.0` stays `20.0`), or
 * `null` when the rule does not match.
 */
export function select(sql: string, payload: string | Buffer, topic = 'a/b', version: SqlVersion = '2016-03-23'): string | null {
  const outcome = applyRule(rule(sql, version), message(payload, topic), OPTIONS);
  return outcome.matched ? stringifyTypedJson(outcome.output) : null;
}

/** Evaluates one expression as `SELECT <expr> AS v` and returns v as JSON text, or `undefined` when it is Undefined. */
export function value(expr: string, payload = '{}', version: SqlVersion = '2016-03-23'): string | undefined {
  const output = select(`SELECT ${expr} AS v FROM 'a/b'`, payload, 'a/b', version);
  const parsed = output === null ? undefined : (JSON.parse(output) as { v?: unknown });
  return parsed?.v === undefined ? undefined : output!.slice('{"v":'.length, -1);
}

/** True when the rule's WHERE clause lets the message through. */
export function where(condition: string, payload: string, topic = 'a/b'): boolean {
  return select(`SELECT * FROM '#' WHERE ${condition}`, payload, topic) !== null;
}
