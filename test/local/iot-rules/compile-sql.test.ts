import { IotSqlError, compileSql, type SqlVersion } from '../../../local/iot-rules';

function compileError(sql: string, version: SqlVersion = '2016-03-23'): IotSqlError {
  try {
    compileSql(sql, version);
  } catch (error) {
    if (error instanceof IotSqlError) return error;
    throw error;
  }
  throw new Error(`compiled: ${sql}`);
}

describe('compileSql rejects what the emulator cannot evaluate', () => {
  it.each([
    // [sql, message, position]
    ["SELECT foo(1) AS x FROM 'a/b'", "unknown SQL function 'foo'", 7],
    ["SELECT aws_lambda('arn:aws:lambda:us-east-1:1:function:f', *) AS x FROM 'a/b'", "unsupported SQL function 'aws_lambda'", 7],
    ["SELECT * FROM 'a/b' WHERE get_thing_shadow('t', 'arn:aws:iam::1:role/r').state.reported.on = true", "unsupported SQL function 'get_thing_shadow'", 26],
    ["SELECT parse_time('yyyy', timestamp()) AS y FROM 'a/b'", "unsupported SQL function 'parse_time'", 7],
    ["SELECT decode(*, 'proto', 'bucket', 'key', 'file', 'Msg') AS m FROM 'a/b'", "unsupported decoding scheme 'proto' in 'decode'", 17],
    ["SELECT encode(*, 'hex') AS m FROM 'a/b'", "unknown encoding scheme 'hex'", 17],
    ["SELECT transform('enrich', a, b) AS m FROM 'a/b'", 'unknown transform mode', 17],
    ["SELECT VALUE color FROM 'a/b'", 'unsupported SELECT VALUE', 0],
    ["SELECT upper(color) FROM 'a/b'", 'SELECT item needs a name', 7],
    ["SELECT 15 FROM 'a/b'", 'SELECT item needs a name', 7],
    ["SELECT * FROM 'a/b' WHERE x IS NULL", 'IS NULL / IS UNDEFINED are not AWS IoT SQL', 28],
    ["SELECT CASE WHEN x = 1 THEN 2 END AS c FROM 'a/b'", 'CASE WHEN condition is not supported', 7],
    ["SELECT * FROM 'a/b", 'unterminated string', 14],
    ["SELECT * FROM 'a/#/b'", "invalid topic filter 'a/#/b'", 14],
    ["SELECT * FROM '$aws/rules/r/#'", 'Basic Ingest', 14],
    ['SELECT * FROM a/b', 'expected a quoted topic filter', 14],
    ["SELECT @v AS v FROM 'a/b'", 'variable @v is not set', 7],
    ["SET @v = 1, @v = 2 SELECT @v AS v FROM 'a/b'", 'variable @v is assigned twice', 12],
    ["SET @b = @a, @a = 1 SELECT @b AS v FROM 'a/b'", 'variable @a is not set', 9],
    ["SELECT cast(x AS Date) AS d FROM 'a/b'", "cannot cast to 'Date'", 17],
    ["SELECT * FROM 'a/b' WHERE x == 1", "unexpected '='; expected an operand", 29],
    ["SELECT * FROM 'a/b' WHERE a || b", 'IoT SQL joins strings with + or concat()', 28],
    ["SELECT * FROM 'a/b' WHERE", 'unexpected end of SQL; expected an operand', 25],
    ["SELECT * FROM 'a/b' LIMIT 1", "unexpected 'LIMIT'; expected end of SQL", 20],
    ["SELECT a b FROM 'a/b'", "unexpected 'b'", 9],
    ['SELECT', 'unexpected end of SQL; expected an operand', 6],
    ["SELECT x AS FROM 'a/b'", "unexpected string 'a/b'; expected ',', FROM or WHERE", 17],
    ["SELECT 1e999 AS x FROM 'a/b'", 'number 1e999 is out of range', 7],
    ["SELECT 12abc AS x FROM 'a/b'", "malformed number '12a'", 7],
    ["SELECT (SELECT VALUE a, b FROM e) AS x FROM 'a/b'", 'SELECT VALUE takes exactly one item', 8],
  ])('%s', (sql, message, position) => {
    // Arrange, Act
    const error = compileError(sql);

    // Assert
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
    expect(error.message).toContain(` at ${position}`);
  });

  it.each([
    ['parentheses', `SELECT ${'('.repeat(5000)}1${')'.repeat(5000)} AS x FROM 'a/b'`, 207],
    ['a long sum', `SELECT ${Array(5000).fill('a').join(' + ')} AS x FROM 'a/b'`, 7],
    ['unary minus signs', `SELECT ${'-'.repeat(5000)}a AS x FROM 'a/b'`, 207],
    ['NOT operators', `SELECT * FROM 'a/b' WHERE ${'NOT '.repeat(5000)}a`, 826],
  ])('rejects %s nested deeper than the limit, without exhausting the stack', (_, sql, position) => {
    // Arrange, Act
    const error = compileError(sql);

    // Assert
    expect(error.message).toBe(`expression nested deeper than 200 levels at ${position}`);
  });

  it.each([
    ["SELECT encode(*, 'base64') AS d FROM 'a/b'", "function 'encode' needs SQL version 2016-03-23 or later"],
    ["SELECT * FROM 'a/b' WHERE isUndefined(x)", "function 'isUndefined' needs SQL version 2016-03-23 or later"],
    ["SELECT {'a': 1} AS o FROM 'a/b'", 'an object literal needs SQL version 2016-03-23'],
    ["SELECT [1] AS o FROM 'a/b'", 'an array literal needs SQL version 2016-03-23'],
    ["SELECT (SELECT VALUE n FROM e) AS o FROM 'a/b'", 'a nested SELECT needs SQL version 2016-03-23'],
    ["SELECT cast(x AS Decimal) AS o FROM 'a/b'", "cannot cast to 'Decimal' in SQL version 2015-10-08"],
  ])('rejects %s under SQL version 2015-10-08', (sql, message) => {
    // Arrange, Act
    const error = compileError(sql, '2015-10-08');

    // Assert
    expect(error.message).toContain(message);
  });

  it.each(['2016-03-23', 'beta'] as const)('accepts the 2016 constructs under %s', (version) => {
    // Arrange
    const sql = "SET @x = {'a': [1]} SELECT encode(*, 'base64') AS d, (SELECT VALUE n FROM e) AS ns, cast(1 AS Bool) AS b, @x AS x FROM 'a/b' WHERE isUndefined(z)";

    // Act, Assert
    expect(() => compileSql(sql, version)).not.toThrow();
  });

  it('accepts a statement without FROM for Basic Ingest', () => {
    // Arrange, Act
    const query = compileSql('SELECT * WHERE a > 1', '2016-03-23');

    // Assert
    expect(query.topicFilter).toBeUndefined();
  });
});
