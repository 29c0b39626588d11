import fc from 'fast-check';
import { stringifyTypedJson } from '../../../lib/expression';
import { IotSqlError, applyRule, compileSql, topicMatches, type LocalRule, type SqlVersion } from '../../../local/iot-rules';
import { OPTIONS, message } from './helpers';

const RUNS = 2000;

// Fragments of the language, so random text reaches deep into the lexer, parser and compiler.
const FRAGMENTS = [
  'SELECT ', 'VALUE ', '*', ', ', ' FROM ', "'a/+/#'", "'a/b'", ' WHERE ', ' AND ', ' OR ', 'NOT ', ' AS ', 'SET ', '@v', ' = ',
  '<>', '!=', '<', '>=', '+', '-', '/', '%', '(', ')', '[', ']', '{', '}', ':', '.', 'a', 'b.c', '0', '20.0', '1e3', "'s'",
  '"d"', 'true', 'NULL', 'CASE ', ' WHEN ', ' THEN ', ' ELSE ', ' END', 'topic(', 'cast(', ' IS ', 'encode(', 'get(', 'concat(',
  'upper(', 'isUndefined(', 'aws_lambda(', 'nosuch(', '\n', '@', '!', '|', '$', 'é',
];
const sqlLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), sqlLike);
const version = fc.constantFrom<SqlVersion>('2015-10-08', '2016-03-23', 'beta');

const PAYLOADS = [
  '{"a":1,"b":{"c":[1,2.5,"s",true,null,{"d":20.0}]},"e":[{"n":"x","v":1}],"s":"20"}',
  '[1,2]',
  '"text"',
  'not json',
  '',
  '{"a":"true","b":{"c":"1e5"},"e":{"n":1}}',
];

// Well-formed expressions over the payloads below, to exercise evaluation rather than the parser.
const FUNCTIONS = ['abs', 'ceil', 'concat', 'decode', 'encode', 'get', 'indexof', 'isNull', 'isUndefined', 'length', 'lower', 'lpad', 'mod',
  'nanvl', 'power', 'regexp_replace', 'round', 'sign', 'sqrt', 'substring', 'topic', 'transform', 'trunc', 'upper', 'bitand', 'chr', 'cast'];
const { expr } = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'b.c', 'b.c[1]', 'b.c[5].d', 'e', 's', '*', '1', '-2', '2.5', '0', "'x'", "'base64'", "'20'", 'true', 'NULL', '@v', "topic(2)"),
    tie('unary'),
    tie('binary'),
    tie('call'),
    tie('case'),
  ),
  unary: fc.tuple(fc.constantFrom('-', 'NOT '), tie('expr')).map(([op, e]) => `${op}${e}`),
  binary: fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '%', '=', '<>', '<', '>=', 'AND', 'OR'), tie('expr')).map(([l, op, r]) => `(${l} ${op} ${r})`),
  call: fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) =>
    f === 'cast' ? `cast(${args[0] ?? 'a'} AS ${['Int', 'String', 'Decimal', 'Bool', 'Double'][args.length]})` : `${f}(${args.join(', ')})`),
  case: fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([v, t, r]) => `CASE ${v} WHEN ${t} THEN ${r} ELSE 0 END`),
}));
const wellFormed = fc.tuple(expr, expr, expr).map(([set, selected, condition]) => `SET @v = ${set} SELECT ${selected} AS r, (SELECT VALUE n FROM e) AS ns, * FROM '+/+/#' WHERE ${condition}`);

function compileOrNull(sql: string, v: SqlVersion): LocalRule | null {
  try {
    return { ruleName: 'fuzz', sql, sqlVersion: v, actions: [], source: 'fuzz', query: compileSql(sql, v) };
  } catch (error) {
    if (error instanceof IotSqlError) {
      expect(error.position).toBeGreaterThanOrEqual(0);
      expect(error.position).toBeLessThanOrEqual(sql.length);
      expect(error.message).toContain(` at ${error.position}`);
      return null;
    }
    throw error;
  }
}

describe('SQL compiler properties', () => {
  it('throws nothing but IotSqlError, with a position inside the text, for any text', () => {
    fc.assert(
      fc.property(anyText, version, (sql, v) => {
        compileOrNull(sql, v);
      }),
      { numRuns: RUNS },
    );
  });

  it('evaluates whatever compiles against any payload without throwing', () => {
    let compiled = 0;
    fc.assert(
      fc.property(fc.oneof(sqlLike, wellFormed), version, fc.constantFrom(...PAYLOADS), (sql, v, payload) => {
        const rule = compileOrNull(sql, v);
        if (!rule) return;
        compiled++;
        const outcome = applyRule(rule, message(payload, 'a/x/y'), OPTIONS);
        if (outcome.matched) expect(() => stringifyTypedJson(outcome.output)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
    expect(compiled).toBeGreaterThan(RUNS / 10);
  });

  it.each([
    ['a 200,000-character string', `SELECT '${'x'.repeat(200_000)}' AS s FROM 'a/b'`],
    ['100,000 open parentheses', `SELECT ${'('.repeat(100_000)}`],
    ['a 50,000-term sum', `SELECT ${Array(50_000).fill('1').join('+')} AS s FROM 'a/b'`],
    ['50,000 NOTs', `SELECT * FROM 'a/b' WHERE ${'NOT '.repeat(50_000)}`],
    ['100,000 select items', `SELECT ${Array(100_000).fill('a').join(',')} FROM 'a/b'`],
    ['an unterminated string after 100,000 characters', `SELECT ${'a,'.repeat(50_000)}'`],
  ])('compiles or refuses %s without exhausting the stack', (_, sql) => {
    // Act / Assert: no timing is asserted (the suite's rule); a RangeError would escape here.
    expect(() => compileOrNull(sql, '2016-03-23')).not.toThrow();
  });
});

describe('topic filter properties', () => {
  const level = fc.constantFrom('a', 'b', '', 'dev-1', '$aws', 'x y');
  const topic = fc.array(level, { minLength: 1, maxLength: 6 }).map((levels) => levels.join('/'));

  it('matches a topic with itself, and # matches every topic not starting with $', () => {
    fc.assert(
      fc.property(topic, (t) => {
        expect(topicMatches(t, t)).toBe(true);
        expect(topicMatches('#', t)).toBe(!t.startsWith('$'));
      }),
      { numRuns: RUNS },
    );
  });

  it('matches a + for every level exactly when the level counts agree', () => {
    fc.assert(
      fc.property(topic, fc.integer({ min: 1, max: 7 }), (t, levels) => {
        const filter = Array(levels).fill('+').join('/');
        expect(topicMatches(filter, t)).toBe(!t.startsWith('$') && t.split('/').length === levels);
      }),
      { numRuns: RUNS },
    );
  });
});
