import { select } from './helpers';

const PAYLOAD = '{"color":"red","temperature":50,"temp":20.0,"a":{"b":{"c":7},"list":[10,{"x":1.5}]},"e":[{"n":"temperature","v":22.5},{"n":"light","v":135}]}';
const PRESENCE = '$aws/events/presence/connected/client-1';

describe('SELECT projections', () => {
  it.each([
    // https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-select.html examples
    ['copies every top-level field for *', "SELECT * FROM 'a/b'", '{"color":"red","temperature":50}', '{"color":"red","temperature":50}'],
    ['keeps the key of a top-level field', "SELECT color FROM 'a/b'", '{"color":"red","temperature":50}', '{"color":"red"}'],
    ['renames with AS', "SELECT color AS my_color FROM 'a/b'", '{"color":"red","temperature":50}', '{"my_color":"red"}'],
    ['selects several items', 'SELECT color as my_color, temperature as fahrenheit FROM \'a/b\'', '{"color":"red","temperature":50}', '{"my_color":"red","fahrenheit":50}'],
    ['adds items to * ', "SELECT *, 15 as speed FROM 'a/b'", '{"color":"red","temperature":50}', '{"color":"red","temperature":50,"speed":15}'],
    ['drills into nested objects', "SELECT color.red as red_value FROM 'a/b'", '{"color":{"red":255,"green":0,"blue":0},"temperature":50}', '{"red_value":255}'],
    ['applies arithmetic and functions', "SELECT (temperature - 32) * 5 / 9 AS celsius, upper(color) as my_color FROM 'a/b'", '{"color":"red","temperature":50}', '{"celsius":10,"my_color":"RED"}'],
    ['names a nested path by its last key', "SELECT a.b.c FROM 'a/b'", PAYLOAD, '{"c":7}'],
    ['indexes arrays from 0', "SELECT a.list[0] AS first, a.list[1].x AS x FROM 'a/b'", PAYLOAD, '{"first":10,"x":1.5}'],
    ['builds nested output from a dotted alias', "SELECT a.b.c AS bar.baz FROM 'a/b'", PAYLOAD, '{"bar":{"baz":7}}'],
    ['leaves out missing fields', "SELECT missing, a.missing.deeper, color FROM 'a/b'", PAYLOAD, '{"color":"red"}'],
    ['never reads inherited properties', "SELECT constructor, a.toString AS s FROM 'a/b'", PAYLOAD, '{}'],
    ['writes literals with their types', "SELECT 15 AS i, 2.5 AS d, -3 AS m, 'txt' AS s, \"dq\" AS q, true AS t, FALSE AS f, NULL AS n FROM 'a/b'", '{}', '{"i":15,"d":2.5,"m":-3,"s":"txt","q":"dq","t":true,"f":false,"n":null}'],
    ['lets a later item replace a key of *', "SELECT *, 1 AS temperature FROM 'a/b'", '{"temperature":50,"x":1}', '{"temperature":1,"x":1}'],
    ['lets * replace an earlier key', "SELECT 1 AS temperature, * FROM 'a/b'", '{"temperature":50}', '{"temperature":50}'],
    ['reads a field named value', "SELECT value, value AS v FROM 'a/b' WHERE value > 1", '{"value":2}', '{"value":2,"v":2}'],
    ['accepts keywords in any letter case', "select color As c from 'a/b' where temperature > 1", '{"color":"red","temperature":50}', '{"c":"red"}'],
    // https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-literals.html
    ['builds object literals', "SELECT {'latitude': get(lat_long, 0),'longitude':get(lat_long, 1)} as lat_long FROM 'a/b'", '{"lat_long":[47.606,-122.332]}', '{"lat_long":{"latitude":47.606,"longitude":-122.332}}'],
    ['builds array literals', "SELECT [lat,long] as lat_long FROM 'a/b'", '{"lat":47.606,"long":-122.332}', '{"lat_long":[47.606,-122.332]}'],
    // https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-nested-queries.html
    ['maps an array with a nested SELECT VALUE', "SELECT (SELECT VALUE n FROM e) as sensors FROM 'a/b'", PAYLOAD, '{"sensors":["temperature","light"]}'],
    ['filters an array with a nested WHERE', "SELECT (SELECT v FROM e WHERE n = 'temperature') as temperature FROM 'a/b'", PAYLOAD, '{"temperature":[{"v":22.5}]}'],
    ['flattens a nested result with get', "SELECT get((SELECT v FROM e WHERE n = 'temperature'), 0).v as temperature FROM 'a/b'", PAYLOAD, '{"temperature":22.5}'],
    ['runs a nested SELECT once on an object', "SELECT (SELECT c FROM a.b) AS inner FROM 'a/b'", PAYLOAD, '{"inner":{"c":7}}'],
    // https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-case.html
    ['evaluates CASE', "SELECT CASE color WHEN 'green' THEN 'go' WHEN 'yellow' THEN 'caution' WHEN 'red' THEN 'stop' ELSE 'you are not at a stop light' END as instructions FROM 'a/b'", '{"color":"yellow"}', '{"instructions":"caution"}'],
    ['falls back to ELSE', "SELECT CASE color WHEN 'green' THEN 'go' ELSE 'other' END AS i FROM 'a/b'", '{"color":"blue"}', '{"i":"other"}'],
    ['leaves out a CASE with no match and no ELSE', "SELECT CASE color WHEN 'green' THEN 'go' END AS i FROM 'a/b'", '{"color":"blue"}', '{}'],
    ['leaves out a CASE on a missing value', "SELECT CASE missing WHEN 'green' THEN 'go' ELSE 'x' END AS i FROM 'a/b'", '{}', '{}'],
    // https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-set.html
    ['evaluates SET variables once and reuses them', "SET @c = (temp - 32) * 5 / 9, @id = newuuid() SELECT @c AS celsius, @id AS a, @id AS b FROM 'a/b' WHERE @c < 0", '{"temp":20.0}', '{"celsius":-6.666666666666667,"a":"uuid-1","b":"uuid-1"}'],
    ['reads members of a variable', "SET @s = a.b SELECT @s.c AS c FROM 'a/b'", PAYLOAD, '{"c":7}'],
  ])('%s', (_, sql, payload, expected) => {
    // Arrange, Act
    const output = select(sql, payload);

    // Assert
    expect(output).toBe(expected);
  });
});

describe('SELECT context functions', () => {
  it.each([
    ['topic() AS t', `{"t":"${PRESENCE}"}`],
    ['topic(1) AS t', '{"t":"$aws"}'],
    ['topic(2) AS t', '{"t":"events"}'],
    ['topic(3) AS t', '{"t":"presence"}'],
    ['topic(4) AS t', '{"t":"connected"}'],
    ['topic(5) AS t', '{"t":"client-1"}'],
    ['topic(6) AS t', '{}'],
    ['topic(0) AS t', '{}'],
    ['topic(5.9) AS t', '{"t":"client-1"}'],
    ['clientid() AS c', '{"c":"client-1"}'],
    ['timestamp() AS ts', '{"ts":1767225600000}'],
    ['newuuid() AS u', '{"u":"uuid-1"}'],
    ['traceid() AS tr', '{"tr":"trace-1"}'],
    ['principal() AS p', '{}'],
    ['accountid() AS a', '{"a":"123456789012"}'],
    ['sql_version() AS v', '{"v":"2016-03-23"}'],
    ['rand() AS r', '{"r":0.25}'],
    ["encode(*, 'base64') AS data", `{"data":"${Buffer.from('{"clientId":"client-1"}').toString('base64')}"}`],
  ])('SELECT %s on a presence event', (item, expected) => {
    // Arrange, Act
    const output = select(`SELECT ${item} FROM '$aws/events/presence/+/+'`, '{"clientId":"client-1"}', PRESENCE);

    // Assert
    expect(output).toBe(expected);
  });

  it('merges * with topic() for lifecycle ingestion (spec §3.13)', () => {
    // Arrange
    const sql = "SELECT *, topic() AS topic FROM '$aws/events/#'";

    // Act
    const output = select(sql, '{"clientId":"client-1","eventType":"connected","timestamp":1767225600123}', PRESENCE);

    // Assert
    expect(output).toBe(`{"clientId":"client-1","eventType":"connected","timestamp":1767225600123,"topic":"${PRESENCE}"}`);
  });
});

describe('numbers keep their JSON type', () => {
  it.each([
    ['a decimal field copied by *', "SELECT * FROM 'a/b'", '{"temp":20.0}', '{"temp":20.0}'],
    ['a decimal field selected by name', "SELECT temp FROM 'a/b'", '{"temp":20.0}', '{"temp":20.0}'],
    ['a decimal nested in an object', "SELECT a FROM 'a/b'", '{"a":{"t":20.0,"i":20}}', '{"a":{"t":20.0,"i":20}}'],
    ['Decimal times Int', "SELECT temp * 2 AS t FROM 'a/b'", '{"temp":20.0}', '{"t":40.0}'],
    ['Int times Int', "SELECT i * 2 AS t FROM 'a/b'", '{"i":20}', '{"t":40}'],
    ['Int division truncates', "SELECT 7 / 2 AS a, -7 / 2 AS b, 7 % 3 AS c, -7 % 3 AS d FROM 'a/b'", '{}', '{"a":3,"b":-3,"c":1,"d":-1}'],
    ['a Decimal operand makes a Decimal', "SELECT 7.0 / 2 AS a, 7 / 2.0 AS b, 1 + 0.5 AS c, 5.5 % 2 AS d FROM 'a/b'", '{}', '{"a":3.5,"b":3.5,"c":1.5,"d":1.5}'],
    ['decimal sums are exact', "SELECT 0.1 + 0.2 AS a, 1.1 * 3 AS b, 0.3 - 0.1 AS c, 1 / 3.0 AS d FROM 'a/b'", '{}', '{"a":0.3,"b":3.3,"c":0.2,"d":0.3333333333333333}'],
    ['a numeric string makes a Decimal', "SELECT '5' - 2 AS a, '2.5' * 2 AS b FROM 'a/b'", '{}', '{"a":3.0,"b":5.0}'],
    ['division by zero is Undefined', "SELECT 1 / 0 AS a, 1.5 / 0 AS b, 1 % 0 AS c, 1 AS d FROM 'a/b'", '{}', '{"d":1}'],
    ['unary minus keeps the type', "SELECT -i AS a, -temp AS b, -'2' AS c FROM 'a/b'", '{"i":3,"temp":20.0}', '{"a":-3,"b":-20.0,"c":-2.0}'],
    ['+ joins a string and a number as written', "SELECT 't=' + temp AS a, i + '!' AS b FROM 'a/b'", '{"temp":20.0,"i":3}', '{"a":"t=20.0","b":"3!"}'],
    ['+ with a missing operand is Undefined', "SELECT 'a' + missing AS a, missing + 1 AS b FROM 'a/b'", '{}', '{}'],
    ['big integers stay exact', "SELECT i + 1 AS a FROM 'a/b'", '{"i":9007199254740993}', '{"a":9007199254740994}'],
    ['an Int beyond 34 digits becomes a Decimal', "SELECT 9999999999999999999999999999999999 + 1 AS a FROM 'a/b'", '{}', '{"a":10000000000000000000000000000000000.0}'],
  ])('%s', (_, sql, payload, expected) => {
    // Arrange, Act
    const output = select(sql, payload);

    // Assert
    expect(output).toBe(expected);
  });
});
