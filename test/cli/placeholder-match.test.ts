import { matchesWithPlaceholders } from '../../cli/placeholder-match';

const TOPIC = 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:vigil-${Vigil::Stage}-alerts';
const ROLE = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/IoTEventsRole';

describe('matchesWithPlaceholders', () => {
  it('matches a file whose placeholders the stored copy has filled', () => {
    // Arrange
    const file = { roleArn: ROLE, actions: [{ sns: { targetArn: TOPIC } }, { sns: { targetArn: TOPIC } }] };
    const stored = {
      actions: [{ sns: { targetArn: 'arn:aws:sns:eu-west-1:123456789012:vigil-prod-alerts' } }, { sns: { targetArn: 'arn:aws:sns:eu-west-1:123456789012:vigil-prod-alerts' } }],
      roleArn: 'arn:aws:iam::123456789012:role/IoTEventsRole',
    };
    // Act
    const same = matchesWithPlaceholders(file, stored);
    // Assert
    expect(same).toBe(true);
  });

  it('refuses a placeholder filled with different values at different places', () => {
    // Arrange: two accounts.
    const file = { roleArn: ROLE, targetArn: TOPIC };
    const stored = { roleArn: 'arn:aws:iam::111111111111:role/IoTEventsRole', targetArn: 'arn:aws:sns:eu-west-1:222222222222:vigil-prod-alerts' };
    // Act
    const same = matchesWithPlaceholders(file, stored);
    // Assert
    expect(same).toBe(false);
  });

  it('refuses a repeated placeholder filled differently within one string', () => {
    // Arrange
    const file = { name: '${Vigil::Stage}/${Vigil::Stage}' };
    // Act
    const same = matchesWithPlaceholders(file, { name: 'dev/prod' });
    // Assert
    expect(same).toBe(false);
  });

  it('sees a change next to a placeholder', () => {
    // Arrange
    const file = { targetArn: TOPIC, condition: 'x > 70' };
    // Act
    const same = matchesWithPlaceholders(file, { targetArn: 'arn:aws:sns:eu-west-1:123456789012:vigil-prod-alerts', condition: 'x > 75' });
    // Assert
    expect(same).toBe(false);
  });

  it('sees a changed literal part of a string with placeholders', () => {
    // Arrange
    const file = { targetArn: TOPIC };
    // Act
    const same = matchesWithPlaceholders(file, { targetArn: 'arn:aws:sns:eu-west-1:123456789012:other-prod-alerts' });
    // Assert
    expect(same).toBe(false);
  });

  it('ignores key order and undefined members, and compares files without placeholders exactly', () => {
    // Arrange
    const file = { b: [1, { c: 'x' }], a: 'y', gone: undefined };
    // Act
    const same = matchesWithPlaceholders(file, { a: 'y', b: [1, { c: 'x' }] });
    const changed = matchesWithPlaceholders(file, { a: 'y', b: [1, { c: 'z' }] });
    // Assert
    expect(same).toBe(true);
    expect(changed).toBe(false);
  });

  it('matches a stored copy that kept the placeholders verbatim', () => {
    // Arrange: stored by an API that did not fill them.
    const file = { targetArn: TOPIC };
    // Act
    const same = matchesWithPlaceholders(file, { targetArn: TOPIC });
    // Assert
    expect(same).toBe(true);
  });

  it('leaves IoT Events string templates, which are not placeholders, to exact comparison', () => {
    // Arrange
    const file = { payload: "'{\"id\": \"${$variable.id}\"}'" };
    // Act
    const same = matchesWithPlaceholders(file, { payload: "'{\"id\": \"${$variable.id}\"}'" });
    const filled = matchesWithPlaceholders(file, { payload: "'{\"id\": \"abc\"}'" });
    // Assert
    expect(same).toBe(true);
    expect(filled).toBe(false);
  });
});
