import { supportedFunctionNames } from '../../../local/iot-rules';
import { value } from './helpers';

// Examples from https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-functions.html unless noted.
describe('SQL functions', () => {
  it.each([
    ['abs(-5)', '5'],
    ['abs(-5.5)', '5.5'],
    ["abs('-5.123')", '5.123'],
    ['abs(true)', undefined],
    ['acos(0)', '1.5707963267948966'],
    ['acos(2)', undefined], // imaginary
    ['asin(0)', '0.0'],
    ['atan2(1, 0)', '1.5707963267948966'],
    ['bitand(13, 5)', '5'],
    ['bitor(8, 5)', '13'],
    ['bitxor(13, 5)', '8'],
    ['bitand(13.9, 5)', '5'],
    ['bitnot(13)', '-14'],
    ['ceil(1.2)', '2'],
    ['ceil(-1.2)', '-1'],
    ['floor(1.2)', '1'],
    ['floor(-1.2)', '-2'],
    ["floor('2.5')", '2'],
    ['chr(65)', '"A"'],
    ['chr(49)', '"1"'],
    ['chr(300)', undefined],
    ['concat()', undefined],
    ['concat(1)', '1'],
    ['concat([1, 2, 3], 4)', '[1,2,3,4]'],
    ["concat([1, 2, 3], 'hello')", '[1,2,3,"hello"]'],
    ["concat('con', 'cat')", '"concat"'],
    ["concat(1, 'hello')", '"1hello"'],
    ["concat('he','is','man')", '"heisman"'],
    ["concat([1, 2, 3], 'hello', [4, 5, 6])", '[1,2,3,"hello",4,5,6]'],
    ['cos(0)', '1.0'],
    ["endswith('cat','at')", 'true'],
    ['endswith(NULL, \'at\')', undefined],
    ['exp(0)', '1.0'],
    ["get(['a', 'b', 'c'], 1)", '"b"'],
    ["get({'a':'b'}, 'a')", '"b"'],
    ["get('abc', 1)", '"b"'],
    ["get(['a'], 5)", undefined],
    ["indexof('abcd', 'bc')", '1'],
    ['isNull(5)', 'false'],
    ['isNull(NULL)', 'true'],
    ['isNull(missing)', 'false'],
    ['isUndefined(5)', 'false'],
    ['isUndefined(floor([1,2,3]))', 'true'],
    ["length('hi')", '2'],
    ['length(false)', '5'],
    ['ln(1)', '0.0'],
    ['log(100)', '2.0'],
    ["lower('HELLO')", '"hello"'],
    ["lower(['HELLO'])", '"[\\"hello\\"]"'],
    ["lpad('hello', 2)", '"  hello"'],
    ['lpad(1, 3)', '"   1"'],
    ["lpad('x', -4)", '"x"'],
    ["Ltrim(' h i ')", '"h i "'],
    ['mod(8, 3)', '2'],
    ['remainder(8, 3)', '2'],
    ['Nanvl(8, 3)', '8'],
    ['nanvl(missing, 3)', '3'],
    ["numbytes('hi')", '2'],
    ["numbytes('€')", '3'],
    ['power(2, 5)', '32.0'],
    ["regexp_matches('aaaa', 'a{2,}')", 'true'],
    ["regexp_matches('aaaa', 'b')", 'false'],
    ["regexp_matches('aaaa', '(')", undefined],
    ["regexp_replace('abcd', 'bc', 'x')", '"axd"'],
    ["regexp_replace('abcd', 'b(.*)d', '$1')", '"ac"'],
    ["regexp_replace('abcd', 'b', '\\$')", '"a$cd"'], // Java escape for a literal $
    ["regexp_replace('abcd', 'b', '$9')", undefined],
    ["regexp_substr('hihihello', 'hi')", '"hi"'],
    ["regexp_substr('hihihello', '(hi)*')", '"hihi"'],
    ["replace('abcd', 'bc', 'x')", '"axd"'],
    ["replace('abcdabcd', 'b', 'x')", '"axcdaxcd"'],
    ["rpad('hello', 2)", '"hello  "'],
    ['rpad(1, 3)', '"1   "'],
    ['Round(1.2)', '1'],
    ['Round(1.5)', '2'],
    ['Round(1.7)', '2'],
    ['Round(-1.1)', '-1'],
    ['Round(-1.5)', '-2'],
    ["rtrim(' h i ')", '" h i"'],
    ['sign(-7)', '-1'],
    ['sign(0)', '0'],
    ['sign(13)', '1'],
    ['sign(-0.5)', '-1'],
    ['sin(0)', '0.0'],
    ['sqrt(9)', '3.0'],
    ['sqrt(-1)', undefined],
    ["startswith('ranger','ran')", 'true'],
    ["substring('012345', 0)", '"012345"'],
    ["substring('012345', 2)", '"2345"'],
    ["substring('012345', 2.745)", '"2345"'],
    ['substring(123, 2)', '"3"'],
    ["substring('012345', -1)", '"012345"'],
    ['substring(true, 1.2)', '"rue"'],
    ['substring(false, -2.411E247)', '"false"'],
    ["substring('012345', 1, 3)", '"12"'],
    ["substring('012345', -50, 50)", '"012345"'],
    ["substring('012345', 3, 1)", '""'],
    ['tan(0)', '0.0'],
    ["Trim(' hi ')", '"hi"'],
    ['trunc(2.3, 0)', '2'],
    ['trunc(2.3123, 2)', '2.31'],
    ['trunc(2.888, 2)', '2.88'],
    ['trunc(2.00, 5)', '2'],
    ['trunc(7, 2)', '7'],
    ["upper('hello')", '"HELLO"'],
    ["upper(['hello'])", '"[\\"HELLO\\"]"'],
    ["md5('hello')", '"5d41402abc4b2a76b9719d911017c592"'],
    ["sha1('hello')", '"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"'],
    ["sha256('hello')", '"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"'],
    ["encode('hi', 'base64')", '"aGk="'],
    ["decode('eyAidGVtcGVyYXR1cmUiOiAzMyB9Cg==', 'base64').temperature", '33'],
    ["decode('aGk=', 'base64')", '"hi"'],
    ["decode('not base64!', 'base64')", 'null'],
    ["transform('enrichArray', attributes, values)", '[{"a":3,"data1":1,"data2":2},{"b":4,"data1":1,"data2":2}]'],
    ["transform('enrichArray', {'key': attributes.data1}, values)", '[{"a":3,"key":1},{"b":4,"key":1}]'],
    ['cast(true AS Int)', '1'],
    ["cast('10.7' AS Int)", '10'],
    ['cast(10.7 AS Integer)', '10'],
    ['cast(5 AS String)', '"5"'],
    ['cast(2.5 AS varchar)', '"2.5"'],
    ['cast([1] AS String)', '"[1]"'],
    ['cast(NULL AS String)', undefined],
    ['cast(7 AS Double)', '7.0'],
    ["cast('2.5' AS Decimal)", '2.5'],
    ['cast(10.0 AS Decimal)', '10'], // documented 2016-03-23 quirk: whole decimals become Int
    ['cast(0 AS Boolean)', 'false'],
    ['cast(2.5 AS Bool)', 'true'],
    ["cast('TRUE' AS Boolean)", 'true'],
    ["cast('yes' AS Boolean)", undefined],
    ['timestamp(1)', undefined], // wrong number of arguments is Undefined, as documented
  ])('%s gives %s', (expr, expected) => {
    // Arrange
    const payload = '{"attributes":{"data1":1,"data2":2},"values":[{"a":3},{"b":4}]}';

    // Act
    const result = value(expr, payload);

    // Assert
    expect(result).toBe(expected);
  });

  it('casts a whole decimal to a Decimal under SQL version 2015-10-08', () => {
    // Arrange, Act
    const result = value('cast(10 AS Double)', '{}', '2015-10-08');

    // Assert
    expect(result).toBe('10.0');
  });

  it('lists every implemented function', () => {
    // Arrange, Act
    const names = supportedFunctionNames();

    // Assert
    expect(names).toEqual(expect.arrayContaining(['topic', 'clientid', 'timestamp', 'newuuid', 'principal', 'traceid', 'encode', 'cast']));
    expect(names).not.toContain('aws_lambda');
  });
});
