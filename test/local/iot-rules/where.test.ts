import { select, where } from './helpers';

const DATA = '{"i":20,"d":20.0,"s":"20","word":"abc","t":true,"ts":"TRUE","n":null,"arr":[1,2],"obj":{"a":1,"b":[2]},"zero":0}';

describe('WHERE comparison operators', () => {
  it.each([
    // = (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-operators.html)
    ['i = 20', true],
    ['i = 21', false],
    ['i = d', true], // Int and Decimal compare by value
    ['d = 20', true],
    ["word = 'abc'", true],
    ["word = 'ABC'", false],
    ["s = 20", false], // mismatched types are not equal, no conversion
    ['t = true', true],
    ["ts = true", false],
    ['n = NULL', true],
    ['arr = [1, 2]', true],
    ['arr = [2, 1]', false],
    ["obj = {'b': [2], 'a': 1}", true],
    ["obj = {'a': 1}", false],
    ['missing = 1', false], // Undefined is never true
    ['missing = missing', false],
    // <> and its synonym !=
    ['i <> 21', true],
    ['i <> 20', false],
    ['i <> d', false],
    ["s <> 20", true], // mismatched types are unequal
    ['n <> NULL', false],
    ['missing <> 1', false],
    ['i != 21', true],
    ['i != 20', false],
    // < <= > >= convert to Decimal, numeric strings included
    ['i < 21', true],
    ['i < 20', false],
    ['i <= 20', true],
    ['d <= 19.5', false],
    ['i > 19.99', true],
    ['i > 20', false],
    ['i >= 20.0', true],
    ['d >= 20.01', false],
    ["s > 10", true],
    ["s < '3'", false],
    ["word > 'abb'", false], // strings that are not numbers do not order
    ['t > 0', false],
    ['n < 1', false],
    ['missing > 1', false],
    ['missing < 1', false],
  ])('%s is %s', (condition, expected) => {
    // Arrange, Act
    const fired = where(condition, DATA);

    // Assert
    expect(fired).toBe(expected);
  });
});

describe('WHERE logical operators', () => {
  it.each([
    ['i = 20 AND d = 20', true],
    ['i = 20 AND d = 21', false],
    ['i = 21 OR d = 20', true],
    ['i = 21 OR d = 21', false],
    ['NOT i = 21', true], // NOT binds looser than a comparison
    ['NOT i = 20', false],
    ['NOT NOT t', true],
    ["ts AND 'false' OR t", true], // case-insensitive "true"/"false" strings are Booleans
    // precedence: AND before OR, parentheses override
    ['i = 20 OR i = 0 AND d = 0', true],
    ['(i = 20 OR i = 0) AND d = 0', false],
    ['d = 0 AND i = 0 OR i = 20', true],
    ['d = 0 AND (i = 0 OR i = 20)', false],
    ['NOT (i = 20 AND d = 0)', true],
    // Undefined operands make the logical result Undefined, which never fires
    ['missing = 1 OR i = 20', false],
    ['NOT missing = 1', false],
    ['zero AND t', false], // an Int is not a Boolean
    ['NOT zero', false],
  ])('%s is %s', (condition, expected) => {
    // Arrange, Act
    const fired = where(condition, DATA);

    // Assert
    expect(fired).toBe(expected);
  });
});

describe('WHERE with functions and topics', () => {
  const topic = '$aws/events/presence/connected/client-1';

  it.each([
    ["topic(3) = 'presence'", true],
    ["topic(4) = 'disconnected'", false],
    ["topic(5) = clientid()", true],
    ["startswith(topic(), '$aws/events/')", true],
    ['IsUndefined(clientId) = False', true], // re:Post idiom for "field present"; names in any case
    ['IsUndefined(ipAddress) = False', false],
    ['isNull(ipAddress)', false],
    ['timestamp() % 12 = 0', true],
  ])('%s is %s', (condition, expected) => {
    // Arrange
    const sql = `SELECT * FROM '$aws/events/presence/+/+' WHERE ${condition}`;

    // Act
    const output = select(sql, '{"clientId":"client-1"}', topic);

    // Assert
    expect(output !== null).toBe(expected);
  });

  it('does not see SELECT aliases', () => {
    // Arrange
    const sql = "SELECT i AS renamed FROM 'a/b' WHERE renamed = 20";

    // Act
    const output = select(sql, DATA);

    // Assert
    expect(output).toBeNull();
  });

  it('filters the documented example', () => {
    // Arrange: https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-where.html
    const sql = "SELECT color AS my_color FROM 'topic/subtopic' WHERE temperature > 50 AND color <> 'red'";

    // Act
    const hot = select(sql, '{"color":"blue","temperature":60}', 'topic/subtopic');
    const red = select(sql, '{"color":"red","temperature":60}', 'topic/subtopic');

    // Assert
    expect(hot).toBe('{"my_color":"blue"}');
    expect(red).toBeNull();
  });
});
