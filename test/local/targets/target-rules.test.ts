import { LocalTargetsError, describeMapping, mapTarget, parseTargetRules } from '../../../local/targets/target-rules';

const FILE = 'local-targets.json';
const rules = (object: unknown) => parseTargetRules(JSON.stringify(object), FILE);

describe('local targets: where a migrated model’s topics and queues go on the local stack', () => {
  it('sends a topic ARN matching a pattern to the local topic it names, by name or by local ARN, first match winning', () => {
    // Arrange
    const mapping = rules({ 'arn:aws:sns:*:*:alerts': 'vigil-local-alerts', 'arn:aws:sns:eu-*:123456789012:*': 'arn:aws:sns:us-east-1:000000000000:europe' });

    // Act
    const targets = ['arn:aws:sns:eu-west-1:123456789012:alerts', 'arn:aws:sns:eu-central-1:123456789012:orders', 'arn:aws:sns:us-west-2:123456789012:orders'].map((arn) => mapTarget(mapping, 'sns', arn));

    // Assert
    expect(targets).toEqual([
      { kind: 'sns', from: 'arn:aws:sns:eu-west-1:123456789012:alerts', name: 'vigil-local-alerts', rule: 'arn:aws:sns:*:*:alerts', create: false },
      { kind: 'sns', from: 'arn:aws:sns:eu-central-1:123456789012:orders', name: 'europe', rule: 'arn:aws:sns:eu-*:123456789012:*', create: false },
      { kind: 'sns', from: 'arn:aws:sns:us-west-2:123456789012:orders', name: 'orders', rule: 'default', create: true },
    ]);
  });

  it('matches a queue URL, current or legacy form, as its queue ARN, and defaults it to the queue of the same name', () => {
    // Arrange
    const mapping = rules({ 'arn:aws:sqs:*:*:orders': 'local-orders' });

    // Act
    const targets = ['https://sqs.eu-west-2.amazonaws.com/210987654321/orders', 'https://eu-west-2.queue.amazonaws.com/210987654321/orders', 'https://sqs.eu-west-2.amazonaws.com/210987654321/jobs.fifo'].map((url) => mapTarget(mapping, 'sqs', url));

    // Assert
    expect(targets.map((target) => target && [target.name, target.rule, target.create])).toEqual([
      ['local-orders', 'arn:aws:sqs:*:*:orders', false],
      ['local-orders', 'arn:aws:sqs:*:*:orders', false],
      ['jobs.fifo', 'default', true],
    ]);
  });

  it('never maps a target of the local account and region, nor anything that is not a topic ARN or queue URL, even when a pattern matches', () => {
    // Arrange
    const mapping = rules({ 'arn:aws:sns:*:*:*': 'elsewhere', 'arn:aws:sqs:*:*:*': 'elsewhere' });

    // Act
    const targets = [
      mapTarget(mapping, 'sns', 'arn:aws:sns:us-east-1:000000000000:vigil-local-alerts'),
      mapTarget(mapping, 'sqs', 'http://sqs.us-east-1.localhost:4566/000000000000/vigil-local-internal'),
      mapTarget(mapping, 'sqs', 'http://127.0.0.1:4566/123456789012/anything'),
      mapTarget(mapping, 'sns', 'not an arn'),
      mapTarget(mapping, 'sqs', 'not a url'),
    ];

    // Assert
    expect(targets).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('leaves a target as it is when its pattern maps it to null, and a topic pattern never maps a queue', () => {
    // Arrange
    const mapping = rules({ 'arn:aws:sns:*:*:*': null, 'arn:aws:sqs:*:*:orders': 'local-orders' });

    // Act
    const topic = mapTarget(mapping, 'sns', 'arn:aws:sns:eu-west-1:123456789012:alerts');
    const queue = mapTarget(mapping, 'sqs', 'https://sqs.eu-west-1.amazonaws.com/123456789012/alerts');

    // Assert
    expect(topic).toBeUndefined();
    expect(queue?.name).toBe('alerts');
  });

  it('describes a mapping as the stack and vigil tail print it', () => {
    // Arrange
    const target = mapTarget([], 'sns', 'arn:aws:sns:eu-west-1:123456789012:alerts');

    // Act
    const text = target && describeMapping(target);

    // Assert
    expect(text).toBe('sns arn:aws:sns:eu-west-1:123456789012:alerts → local alerts');
  });

  it.each([
    ['not JSON', '{', /local-targets\.json: not JSON/],
    ['an array', '[]', /expected an object/],
    ['a pattern that is no topic or queue ARN', '{"alerts": "x"}', /"alerts": a pattern is an SNS topic or SQS queue ARN/],
    ['a lambda ARN', '{"arn:aws:lambda:*:*:function:f": "x"}', /a pattern is an SNS topic or SQS queue ARN/],
    ['a target that is not a string', '{"arn:aws:sns:*:*:a": 3}', /the target is a local name/],
    ['a target in another account', '{"arn:aws:sns:*:*:a": "arn:aws:sns:eu-west-1:123456789012:a"}', /must be a local topic \(region us-east-1, account 000000000000\)/],
    ['a target name AWS refuses', '{"arn:aws:sqs:*:*:a": "my queue"}', /'my queue' is not a valid queue name/],
  ])('refuses %s, naming the file and the pattern', (_case, text, message) => {
    // Act
    const parse = () => parseTargetRules(text, FILE);

    // Assert
    expect(parse).toThrow(LocalTargetsError);
    expect(parse).toThrow(message);
  });
});
