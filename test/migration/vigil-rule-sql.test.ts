import { RuleRewriteError, splitSql, substitutionToSql, vigilRuleSql } from '../../lib/migration';

const input = { inputNameSql: "'PressureInput'", batch: false };

describe('splitSql', () => {
  it('finds the clauses outside strings and parentheses', () => {
    expect(splitSql("SELECT a, concat('FROM', b) AS c FROM 'x/+/where' WHERE f(a, 'WHERE') > 1")).toEqual({
      items: ['a', "concat('FROM', b) AS c"],
      value: false,
      from: "'x/+/where'",
      where: "f(a, 'WHERE') > 1",
    });
  });

  it('refuses text that is not SELECT … FROM …', () => {
    expect(() => splitSql('DELETE FROM x')).toThrow(RuleRewriteError);
  });
});

describe('substitutionToSql', () => {
  it.each([
    ['${messageId}', 'messageId'],
    ['${topic(2)}-${timestamp()}', "concat(topic(2), '-', timestamp())"],
    ["${concat('a}', b)}", "concat('a}', b)"],
    ["it's-${id}", `concat("it's-", id)`],
    ['fixed', "'fixed'"],
  ])('writes %s as %s', (template, sql) => {
    expect(substitutionToSql(template)).toBe(sql);
  });

  it('refuses an unterminated substitution', () => {
    expect(() => substitutionToSql('${topic(')).toThrow(/unterminated/);
  });
});

describe('vigilRuleSql: what an IotEvents action sent, sent to Vigil', () => {
  it("carries a SELECT * rule's payload as its bytes, its own columns after Vigil's", () => {
    expect(vigilRuleSql("SELECT *, topic(2) AS motorid FROM 'f/+/p' WHERE x > 1", { ...input, messageIdSql: 'messageId' })).toBe(
      "SELECT encode(*, 'base64') AS vigilRaw, 'PressureInput' AS vigilInputName, messageId AS vigilMessageId, topic(2) AS motorid FROM 'f/+/p' WHERE x > 1",
    );
  });

  it('keeps a projection as it is, the message being exactly its columns', () => {
    expect(vigilRuleSql("SELECT temperature, topic(2) AS deviceId FROM 'f/+/t'", input)).toBe("SELECT temperature, topic(2) AS deviceId, 'PressureInput' AS vigilInputName FROM 'f/+/t'");
  });

  it('marks a batch rule with true AS vigilBatchMode beside the raw array', () => {
    expect(vigilRuleSql("SELECT * FROM 'f/batch'", { ...input, batch: true })).toBe("SELECT encode(*, 'base64') AS vigilRaw, 'PressureInput' AS vigilInputName, true AS vigilBatchMode FROM 'f/batch'");
  });

  it.each([
    ['SELECT VALUE', "SELECT VALUE state FROM 'a'", input, /SELECT VALUE/],
    ['a nested wildcard', "SELECT state.reported.* FROM 'a'", input, /nested wildcard/],
    ["a column named like Vigil's", "SELECT *, 'x' AS vigilInputName FROM 'a'", input, /already selects a column named vigilInputName/],
    ['a batch rule that projects', "SELECT readings FROM 'a'", { ...input, batch: true }, /does not SELECT \* alone/],
    ['BatchMode with a MessageId', "SELECT * FROM 'a'", { ...input, batch: true, messageIdSql: 'id' }, /refused this combination/],
  ])('refuses %s', (_what, sql, target, message) => {
    expect(() => vigilRuleSql(sql, target)).toThrow(message);
  });
});
