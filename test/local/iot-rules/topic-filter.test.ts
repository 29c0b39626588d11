import { topicMatches, validateTopicFilter } from '../../../local/iot-rules';

describe('topicMatches', () => {
  it.each([
    // filter, topic, matches
    ['a/b', 'a/b', true],
    ['a/b', 'a/c', false],
    ['a/b', 'A/b', false],
    ['a/+', 'a/b', true],
    ['a/+', 'a/b/c', false],
    ['a/+', 'a', false],
    ['a/+', 'a/', true],
    ['+/b', '/b', true],
    ['+', 'a', true],
    ['+', '/a', false],
    ['+/+', '/a', true],
    ['dt/+/telemetry', 'dt/dev-1/telemetry', true],
    ['dt/+/telemetry', 'dt/a/b/telemetry', false],
    ['a/#', 'a', true],
    ['a/#', 'a/', true],
    ['a/#', 'a/b/c', true],
    ['a/#', 'ab', false],
    ['a/b/#', 'a', false],
    ['#', 'a/b/c', true],
    ['#', '/', true],
    ['a//b', 'a//b', true],
    ['a/+/b', 'a//b', true],
    ['a/b', 'a/b/', false],
    ['a/b/', 'a/b/', true],
    ['#', '$aws/events/presence/connected/c1', false],
    ['+/events/#', '$aws/events/presence/connected/c1', false],
    ['$aws/events/#', '$aws/events/presence/connected/c1', true],
    ['$aws/events/presence/+/+', '$aws/events/presence/connected/c1', true],
    ['$aws/events/presence/+/+', '$aws/events/subscriptions/subscribed/c1', false],
    ['$aws/+/presence/#', '$aws/events/presence/connected/c1', true],
    ['$other/#', '$aws/events/x', false],
  ])('%s against %s is %s', (filter, topic, expected) => {
    // Arrange, Act
    const matches = topicMatches(filter, topic);

    // Assert
    expect(matches).toBe(expected);
  });
});

describe('validateTopicFilter', () => {
  it.each(['a/b', 'a/+/c', '#', 'a/#', '+', '$aws/events/#', 'a//b', 'a/'])('accepts %s', (filter) => {
    // Arrange, Act, Assert
    expect(validateTopicFilter(filter)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['a/#/b', /'#' must be a whole level and the last one/],
    ['a/b#', /'#'/],
    ['a/b+', /'\+' must be a whole level/],
    ['$aws/rules/r/#', /Basic Ingest/],
  ])('rejects %j', (filter, message) => {
    // Arrange, Act
    const problem = validateTopicFilter(filter);

    // Assert
    expect(problem).toMatch(message);
  });
});
