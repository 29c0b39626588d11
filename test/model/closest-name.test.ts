import { closestName } from '../../lib/model/closest-name';

const EVENT = ['eventName', 'condition', 'actions'];

describe('closestName', () => {
  it.each([
    ['condtion', 'condition'],
    ['conditon', 'condition'],
    ['codnition', 'condition'],
    ['Condition', 'condition'],
    ['EventName', 'eventName'],
    ['action', 'actions'],
  ])('takes %s for %s', (typed, expected) => {
    // Act
    const near = closestName(typed, EVENT);

    // Assert
    expect(near).toBe(expected);
  });

  it.each([
    ['priority', 'priority'],
    ['cond', 'cond'],
    ['x', 'x'],
    ['a 100,000-character name', 'c'.repeat(100_000)],
  ])('suggests nothing for %s, which is far from every name', (_name, typed) => {
    // Act
    const near = closestName(typed, EVENT);

    // Assert
    expect(near).toBeUndefined();
  });

  it('prefers the closer name, and the earlier one on a tie', () => {
    // Act
    const closer = closestName('sqss', ['sns', 'sqs']);
    const tie = closestName('snq', ['sns', 'sqs']);

    // Assert
    expect(closer).toBe('sqs');
    expect(tie).toBe('sns');
  });
});
