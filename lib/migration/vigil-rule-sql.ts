import { RuleRewriteError, itemName, joinSql, splitSql } from './iot-sql';

/** The IotEvents action of a topic rule, as far as the SQL of its replacement needs it. */
export interface IotEventsTarget {
  /** An SQL expression giving the input's name (`'PressureInput'`). */
  readonly inputNameSql: string;
  /** An SQL expression giving the message id (from the action's MessageId), if it set one. */
  readonly messageIdSql?: string;
  /** The action's BatchMode: the rule's output is an array of messages. */
  readonly batch: boolean;
}

/** The columns Vigil's ingestion reads from a rule's output (lib/runtime/rule-message.ts; vigilBatchMode: issue 16's contract). */
export const VIGIL_COLUMNS = { raw: 'vigilRaw', input: 'vigilInputName', id: 'vigilMessageId', batch: 'vigilBatchMode' } as const;

/** The SQL version `encode()` needs (AWS IoT: 2016-03-23 or later); CloudFormation's default is 2015-10-08. */
export const ENCODE_SQL_VERSION = '2016-03-23';

/**
 * The SQL version the Vigil rule runs under: the original's, unless the rule reads the payload's
 * bytes with `encode()`, which needs {@link ENCODE_SQL_VERSION}. `changed` says when that differs
 * from the original's and the rule evaluates more than `*` (a WHERE, other columns), whose results
 * may then differ between the versions: worth a look.
 */
export function vigilSqlVersion(originalSql: string, vigilSql: string, originalVersion: string | undefined): { version: string | undefined; changed: boolean } {
  if (!vigilSql.startsWith(`SELECT encode(*, 'base64')`) || originalVersion === ENCODE_SQL_VERSION) return { version: originalVersion, changed: false };
  const clauses = splitSql(originalSql);
  return { version: ENCODE_SQL_VERSION, changed: clauses.where !== undefined || clauses.items.some((item) => item !== '*') };
}

/**
 * The SQL of a rule that sends to Vigil's ingest queue what the original rule's IotEvents action
 * sent to AWS IoT Events: the same FROM and WHERE, and
 *
 * - for `SELECT *[, items]`: Vigil's own form, `encode(*, 'base64') AS vigilRaw` (the payload's
 *   exact bytes; a device cannot forge Vigil's columns), the input, the message id, then the other
 *   items, which ingestion lays over the payload — the payload AWS IoT Events received;
 * - for a projection (`SELECT a, b.c AS d`): the same items plus the input and id columns, so the
 *   message is exactly the projection (ingestion takes every column but Vigil's);
 * - with BatchMode: `true AS vigilBatchMode` beside the raw payload, which is then the array whose
 *   elements are each one message; only `SELECT *` can carry an array through `vigilRaw`.
 *
 * Throws a {@link RuleRewriteError} for what cannot be reproduced: `SELECT VALUE`, a nested
 * wildcard (`a.*`, whose columns a device chooses, Vigil's included), a column already named like
 * Vigil's, a batch rule that projects.
 */
export function vigilRuleSql(sql: string, target: IotEventsTarget): string {
  const clauses = splitSql(sql);
  if (clauses.value) throw new RuleRewriteError('SELECT VALUE gives a bare value, which Vigil cannot tell from a message; port this rule by hand');
  const star = clauses.items.filter((item) => item === '*').length;
  const others = clauses.items.filter((item) => item !== '*');
  if (others.some((item) => /\.\s*\*\s*$/.test(item))) {
    throw new RuleRewriteError('a nested wildcard (a.*) lets the device choose column names, Vigil\'s routing columns included; port this rule by hand');
  }
  const taken = others.map(itemName).find((name) => name !== undefined && Object.values(VIGIL_COLUMNS).some((column) => column.toLowerCase() === name.toLowerCase()));
  if (taken) throw new RuleRewriteError(`the rule already selects a column named ${taken}, which Vigil's ingestion reads as its own`);
  const vigil = [
    `${target.inputNameSql} AS ${VIGIL_COLUMNS.input}`,
    ...(target.messageIdSql === undefined ? [] : [`${target.messageIdSql} AS ${VIGIL_COLUMNS.id}`]),
  ];
  if (target.batch) {
    if (target.messageIdSql !== undefined) throw new RuleRewriteError('BatchMode with a MessageId: AWS IoT refused this combination');
    if (!star || others.length) throw new RuleRewriteError('BatchMode on a rule that does not SELECT * alone: the array of messages cannot be carried as it was sent; port this rule by hand');
    return joinSql({ ...clauses, items: [`encode(*, 'base64') AS ${VIGIL_COLUMNS.raw}`, ...vigil, `true AS ${VIGIL_COLUMNS.batch}`] });
  }
  if (star) return joinSql({ ...clauses, items: [`encode(*, 'base64') AS ${VIGIL_COLUMNS.raw}`, ...vigil, ...others] });
  return joinSql({ ...clauses, items: [...others, ...vigil] });
}
