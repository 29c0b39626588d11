import { stringifyTypedJson } from '../../../lib/expression';
import { applyRule, errorActionMessage } from '../../../local/iot-rules';
import { OPTIONS, message, rule, select } from './helpers';

const BINARY = Buffer.from([0x00, 0xff, 0x10, 0x80]);

describe('applyRule routing', () => {
  it('ignores messages on topics the filter does not match', () => {
    // Arrange
    const telemetry = rule("SELECT * FROM 'dt/+/telemetry'");

    // Act
    const outcome = applyRule(telemetry, message('{"t":1}', 'cmd/dev-1/telemetry'), OPTIONS);

    // Assert
    expect(outcome).toEqual({ matched: false });
  });

  it('delivers the output as typed JSON bytes', () => {
    // Arrange
    const telemetry = rule("SELECT *, topic(2) AS deviceId FROM 'dt/+/telemetry'");

    // Act
    const outcome = applyRule(telemetry, message('{"temp":20.0}', 'dt/dev-1/telemetry'), OPTIONS);

    // Assert
    expect(outcome).toEqual({ matched: true, output: { temp: 20, deviceId: 'dev-1' }, body: Buffer.from('{"temp":20.0,"deviceId":"dev-1"}'), binary: false });
  });

  it('runs a rule for its Basic Ingest topic whatever its FROM, hiding the prefix from topic()', () => {
    // Arrange: https://docs.aws.amazon.com/iot/latest/developerguide/iot-basic-ingest.html
    const manager = rule("SELECT topic() AS t, topic(3) AS floor FROM 'Buildings/#'", '2016-03-23', 'BuildingManager');

    // Act
    const outcome = applyRule(manager, message('{}', '$aws/rules/BuildingManager/Buildings/Building5/Floor2/Room201/Lights'), OPTIONS);

    // Assert
    expect(outcome.matched && stringifyTypedJson(outcome.output)).toBe('{"t":"Buildings/Building5/Floor2/Room201/Lights","floor":"Floor2"}');
  });

  it('runs a rule without FROM only through Basic Ingest', () => {
    // Arrange
    const ingestOnly = rule('SELECT * WHERE x = 1', '2016-03-23', 'ingest_only');

    // Act
    const direct = applyRule(ingestOnly, message('{"x":1}', 'a/b'), OPTIONS);
    const ingested = applyRule(ingestOnly, message('{"x":1}', '$aws/rules/ingest_only/a/b'), OPTIONS);
    const otherRule = applyRule(ingestOnly, message('{"x":1}', '$aws/rules/another/a/b'), OPTIONS);

    // Assert
    expect([direct.matched, ingested.matched, otherRule.matched]).toEqual([false, true, false]);
  });

  it('keeps # rules off reserved $aws topics', () => {
    // Arrange
    const everything = rule("SELECT * FROM '#'");

    // Act
    const outcome = applyRule(everything, message('{}', '$aws/events/presence/connected/c1'), OPTIONS);

    // Assert
    expect(outcome.matched).toBe(false);
  });

  it('uses the injected sources and defaults the rest', () => {
    // Arrange
    const ids = rule("SELECT newuuid() AS a, newuuid() AS b, traceid() AS t, clientid() AS c, principal() AS p, sourceip() AS ip FROM 'a/b'");
    let n = 0;

    // Act
    const outcome = applyRule(ids, { topic: 'a/b', payload: Buffer.from('{}'), receivedAt: 0 }, { newUuid: () => `id-${++n}` });

    // Assert
    expect(outcome.matched && outcome.output).toEqual({ a: 'id-2', b: 'id-3', t: 'id-1', c: 'n/a' });
  });
});

describe('applyRule on payloads that are not JSON objects', () => {
  it('forwards the raw bytes for SELECT *', () => {
    // Arrange
    const all = rule("SELECT * FROM 'a/b'");

    // Act
    const outcome = applyRule(all, message(BINARY), OPTIONS);

    // Assert
    expect(outcome).toEqual({ matched: true, output: {}, body: BINARY, binary: true });
  });

  it('reads fields of a binary payload as Undefined, so a WHERE on them does not fire', () => {
    // Arrange
    const filtered = rule("SELECT * FROM 'a/b' WHERE device_type = 'thermostat'");

    // Act
    const outcome = applyRule(filtered, message(BINARY), OPTIONS);

    // Assert
    expect(outcome.matched).toBe(false);
  });

  it.each([
    ['encodes the bytes to base64', "SELECT encode(*, 'base64') AS data, timestamp() AS ts FROM 'a/b'", BINARY, `{"data":"${BINARY.toString('base64')}","ts":1767225600000}`],
    ['adds data to a binary payload without its bytes', "SELECT *, principal() AS principal, timestamp() AS time FROM 'a/b'", BINARY, '{"time":1767225600000}'],
    ['leaves out fields of a text payload', "SELECT temp, 1 AS one FROM 'a/b'", Buffer.from('temp=20'), '{"one":1}'],
    ['decodes a number sent as text (WHERE-clause example)', "SELECT decode(encode(*, 'base64'), 'base64') AS value FROM 'a/b' WHERE decode(encode(*, 'base64'), 'base64') > 50", Buffer.from('80'), '{"value":80}'],
    ['filters on time only', "SELECT * FROM 'a/b' WHERE timestamp() % 12 = 0", Buffer.from('{"x":1}'), '{"x":1}'],
  ])('%s', (_, sql, payload, expected) => {
    // Arrange, Act
    const output = select(sql, payload);

    // Assert
    expect(output).toBe(expected);
  });

  it('forwards a JSON array payload unchanged for SELECT *', () => {
    // Arrange
    const all = rule("SELECT * FROM 'a/b'");

    // Act
    const outcome = applyRule(all, message('[1,2.0]'), OPTIONS);

    // Assert
    expect(outcome).toEqual({ matched: true, output: {}, body: Buffer.from('[1,2.0]'), binary: false });
  });

  it('treats an empty payload as binary', () => {
    // Arrange
    const all = rule("SELECT * FROM 'a/b'");

    // Act
    const outcome = applyRule(all, message(''), OPTIONS);

    // Assert
    expect(outcome).toEqual({ matched: true, output: {}, body: Buffer.alloc(0), binary: true });
  });

  it('never lets a payload key change the output prototype', () => {
    // Arrange
    const all = rule("SELECT * FROM 'a/b'");

    // Act
    const outcome = applyRule(all, message('{"__proto__":{"polluted":1},"a":1}'), OPTIONS);

    // Assert
    expect(outcome.matched && Object.getPrototypeOf(outcome.output)).toBe(Object.prototype);
    expect(outcome.matched && stringifyTypedJson(outcome.output)).toBe('{"__proto__":{"polluted":1},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('errorActionMessage', () => {
  it('reports every failed action of one message in one error message', () => {
    // Arrange
    const telemetry = rule("SELECT * FROM 'dt/+/telemetry'", '2016-03-23', 'vigil_dev_telemetry');
    const failed = message('{"temp":20.0}', 'dt/dev-1/telemetry');

    // Act
    const error = errorActionMessage(
      telemetry,
      failed,
      [
        { target: { type: 'lambda', functionKey: 'ingest' }, resource: 'vigil-dev-ingest', errorMessage: 'Function timed out' },
        { target: { type: 'sqs', queueName: 'q', useBase64: false }, resource: 'q', errorMessage: 'Queue does not exist' },
      ],
      'trace-9',
    );

    // Assert
    expect(error).toEqual({
      ruleName: 'vigil_dev_telemetry',
      topic: 'dt/dev-1/telemetry',
      cloudwatchTraceId: 'trace-9',
      clientId: 'client-1',
      base64OriginalPayload: Buffer.from('{"temp":20.0}').toString('base64'),
      failures: [
        { failedAction: 'LambdaAction', failedResource: 'vigil-dev-ingest', errorMessage: 'Function timed out' },
        { failedAction: 'SqsAction', failedResource: 'q', errorMessage: 'Queue does not exist' },
      ],
    });
  });
});
