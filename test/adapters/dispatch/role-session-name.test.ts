import { roleSessionName } from '../../../lib/adapters/dispatch';

describe('roleSessionName', () => {
  it('names Vigil, the stage and the model', () => {
    expect(roleSessionName('prod', 'motorDetectorModel')).toBe('vigil-prod-motorDetectorModel');
  });

  it('keeps within the 64 characters STS allows, and two long names that share a beginning stay apart', () => {
    // Arrange: model names may have 128 characters.
    const long = 'a'.repeat(100);

    // Act
    const first = roleSessionName('prod', `${long}-first`);
    const second = roleSessionName('prod', `${long}-second`);

    // Assert
    for (const name of [first, second]) expect(name).toMatch(/^vigil-prod-a+-[0-9a-f]{8}$/);
    expect(first).toHaveLength(64);
    expect(first).not.toBe(second);
  });

  it('replaces characters STS refuses in a session name', () => {
    expect(roleSessionName('team/blue stage', 'm')).toMatch(/^[\w+=,.@-]{2,64}$/);
    expect(roleSessionName('team/blue stage', 'm')).toBe('vigil-team-blue-stage-m');
  });
});
