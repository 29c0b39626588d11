import { lifecycleGuard } from '../../lib/lifecycle';

const T0 = 1763736000000n;
const MIN = 60_000n;

/** A normalised presence payload. */
const presence = (eventType: string, versionNumber: bigint | number, timestamp: bigint, sessionIdentifier?: string, clientId = 'pump-0042') => ({
  clientId, eventType, versionNumber, timestamp, ...(sessionIdentifier === undefined ? {} : { sessionIdentifier }), topic: `$aws/events/presence/${eventType}/${clientId}`,
});

describe('lifecycleGuard: presence (spec §3.2)', () => {
  it.each([
    // [case, previous, next, reason prefix or undefined when applied]
    ['a first event', undefined, presence('connected', 7, T0, 'A'), undefined],
    ['a higher version connect', presence('disconnected', 7, T0, 'A'), presence('connected', 8, T0 + MIN, 'B'), undefined],
    ['a higher version disconnect (its connect was lost)', presence('connected', 7, T0, 'A'), presence('disconnected', 9, T0 + MIN, 'C'), undefined],
    ['the disconnect of the same connection', presence('connected', 7, T0, 'A'), presence('disconnected', 7, T0 + MIN, 'A'), undefined],
    ['the same connect again', presence('connected', 7, T0, 'A'), presence('connected', 7, T0, 'A'), 'duplicate:'],
    ['the same disconnect again', presence('disconnected', 7, T0, 'A'), presence('disconnected', 7, T0, 'A'), 'duplicate:'],
    ['a late connect after the disconnect of its connection', presence('disconnected', 7, T0 + MIN, 'A'), presence('connected', 7, T0, 'A'), 'stale:'],
    ['a late connect, equal version, sessions unknown', presence('disconnected', 7, T0 + MIN), presence('connected', 7, T0), 'stale:'],
    ['an older connection reordered after a newer one', presence('connected', 8, T0 + MIN, 'B'), presence('disconnected', 7, T0, 'A'), 'out of order:'],
    // DUPLICATE_CLIENTID: the kicked connection's disconnect arrives after the new connect.
    ['the kicked old connection after a takeover', presence('connected', 8, T0, 'B'), presence('disconnected', 7, T0 + 1000n, 'A'), 'out of order:'],
    ['a lower version within the accuracy window', presence('disconnected', 12, T0, 'A'), presence('connected', 0, T0 + 2n * MIN, 'B'), 'out of order:'],
    ['a counter reset after an hour offline', presence('disconnected', 12, T0, 'A'), presence('connected', 0, T0 + 65n * MIN, 'B'), undefined],
    ['a reset just past the window', presence('disconnected', 12, T0, 'A'), presence('connected', 1, T0 + 2n * MIN + 1n, 'B'), undefined],
    ['a higher version from before the reset, redelivered late', presence('connected', 0, T0 + 120n * MIN, 'B'), presence('disconnected', 5, T0, 'A'), 'stale:'],
    ['a higher version a little older, within the accuracy', presence('connected', 4, T0 + MIN, 'B'), presence('disconnected', 5, T0, 'A'), undefined],
    ['an equal version from another session, long after (reset coincidence)', presence('disconnected', 0, T0, 'A'), presence('connected', 0, T0 + 70n * MIN, 'B'), undefined],
    ['an equal version from another session, close in time', presence('connected', 3, T0, 'A'), presence('connected', 3, T0 + MIN, 'B'), 'out of order:'],
    ['another client id (detector keyed otherwise)', presence('connected', 9, T0, 'A', 'a'), presence('connected', 1, T0, 'B', 'b'), undefined],
    ['connect_failed, which carries no version', presence('connected', 9, T0, 'A'), { clientId: 'pump-0042', eventType: 'connect_failed' }, undefined],
    ['anything after a connect_failed', { clientId: 'pump-0042', eventType: 'connect_failed' }, presence('connected', 1, T0, 'A'), undefined],
    ['a previous payload stored with number fields', { ...presence('disconnected', 7, T0, 'A'), versionNumber: 7, timestamp: Number(T0) }, presence('connected', 7, T0, 'A'), 'stale:'],
    ['a previous payload that is not an object', 'garbage', presence('connected', 1, T0, 'A'), undefined],
  ])('%s', (_case, previous, next, reason) => {
    // Act
    const result = lifecycleGuard('AwsIotPresence', previous, next);
    // Assert
    if (reason === undefined) expect(result).toBeUndefined();
    else expect(result).toMatch(new RegExp(`^${reason}`));
  });

  it('explains a skip with versions and sessions', () => {
    expect(lifecycleGuard('AwsIotPresence', presence('disconnected', 7, T0, 'A'), presence('connected', 7, T0, 'A')))
      .toBe('stale: connected (version 7, session A) arrived after the disconnected event of the same connection');
    expect(lifecycleGuard('AwsIotPresence', presence('connected', 8, T0, 'B'), presence('disconnected', 7, T0, 'A'))).toBe(
      'out of order: disconnected (version 7, session A) does not follow the applied connected (version 8, session B): ' +
      'its version is not higher and it is not more than 2 minutes newer (which would mean the counter was reset)');
  });

  it('applies a realistic reordered, duplicated sequence to the right final state', () => {
    // Arrange: delivery order differs from publication order; duplicates included.
    const delivered = [
      presence('connected', 7, T0, 'A'),
      presence('connected', 8, T0 + 10n * MIN, 'B'),
      presence('disconnected', 7, T0 + 9n * MIN, 'A'),
      presence('connected', 8, T0 + 10n * MIN, 'B'),
      presence('disconnected', 8, T0 + 20n * MIN, 'B'),
      presence('connected', 8, T0 + 10n * MIN, 'B'),
    ];
    // Act
    let applied: Record<string, unknown> | undefined;
    const outcomes = delivered.map((next) => {
      const reason = lifecycleGuard('AwsIotPresence', applied, next);
      if (!reason) applied = next;
      return reason?.split(':')[0] ?? 'applied';
    });
    // Assert
    expect(outcomes).toEqual(['applied', 'applied', 'out of order', 'duplicate', 'applied', 'stale']);
    expect(applied).toMatchObject({ eventType: 'disconnected', versionNumber: 8 });
  });
});

const thing = (operation: string, versionNumber: bigint | undefined, timestamp: bigint, thingId = 'id-1', thingName = 'pump-0042') => ({
  eventType: 'THING_EVENT', operation, thingName, thingId, timestamp, ...(versionNumber === undefined ? {} : { versionNumber }),
});

describe('lifecycleGuard: thing and thing group versions (spec §3.4, §3.7)', () => {
  it.each([
    ['the next update', thing('UPDATED', 4n, T0), thing('UPDATED', 5n, T0 + MIN), undefined],
    ['an update that skipped versions', thing('CREATED', 1n, T0), thing('UPDATED', 3n, T0 + MIN), undefined],
    ['a stale update', thing('UPDATED', 5n, T0 + MIN), thing('UPDATED', 4n, T0), 'stale:'],
    ['a late CREATED after updates', thing('UPDATED', 2n, T0 + MIN), thing('CREATED', 1n, T0), 'stale:'],
    ['the same update again', thing('UPDATED', 4n, T0), thing('UPDATED', 4n, T0), 'duplicate:'],
    ['a DELETED carrying the last update\'s version', thing('UPDATED', 4n, T0), thing('DELETED', 4n, T0 + MIN), undefined],
    ['a DELETED carrying an older version', thing('UPDATED', 6n, T0), thing('DELETED', 2n, T0 + MIN), undefined],
    ['a DELETED without a version', thing('UPDATED', 6n, T0), thing('DELETED', undefined, T0 + MIN), undefined],
    ['the DELETED again', thing('DELETED', 4n, T0), thing('DELETED', 4n, T0), 'duplicate:'],
    ['a late update after the delete', thing('DELETED', 4n, T0 + MIN), thing('UPDATED', 5n, T0), 'stale:'],
    ['a new thing of the same name (new id, version 1)', thing('DELETED', 4n, T0), thing('CREATED', 1n, T0 + MIN, 'id-2'), undefined],
    ['a new thing of the same name, ids unknown', { ...thing('DELETED', 4n, T0), thingId: undefined }, { ...thing('CREATED', 1n, T0 + MIN), thingId: undefined }, undefined],
    ['the old thing\'s delete after the new one was created', thing('CREATED', 1n, T0 + MIN, 'id-2'), thing('DELETED', 4n, T0, 'id-1'), 'stale:'],
    ['the old thing\'s update after the new one was created', thing('CREATED', 1n, T0 + MIN, 'id-2'), thing('UPDATED', 9n, T0, 'id-1'), 'stale:'],
    ['another thing (detector keyed otherwise)', thing('UPDATED', 9n, T0, 'id-1', 'a'), thing('UPDATED', 1n, T0, 'id-9', 'b'), undefined],
    ['versions stored as numbers', { ...thing('UPDATED', undefined, T0), versionNumber: 5 }, thing('UPDATED', 4n, T0), 'stale:'],
  ])('thing: %s', (_case, previous, next, reason) => {
    const result = lifecycleGuard('AwsIotThing', previous, next);
    if (reason === undefined) expect(result).toBeUndefined();
    else expect(result).toMatch(new RegExp(`^${reason}`));
  });

  it('orders thing groups by their own name and id fields', () => {
    const group = (operation: string, versionNumber: bigint, thingGroupId = 'g-1') => ({ operation, versionNumber, thingGroupName: 'plant-7', thingGroupId, timestamp: T0 });
    expect(lifecycleGuard('AwsIotThingGroup', group('UPDATED', 3n), group('UPDATED', 2n))).toBe('stale: UPDATED (version 2) is older than the applied version 3');
    expect(lifecycleGuard('AwsIotThingGroup', group('UPDATED', 3n), group('UPDATED', 3n))).toBe('duplicate: UPDATED (version 3) was already applied');
    expect(lifecycleGuard('AwsIotThingGroup', group('DELETED', 3n), group('UPDATED', 2n))).toBe('stale: UPDATED (version 2) arrived after this thing group was DELETED');
    expect(lifecycleGuard('AwsIotThingGroup', group('UPDATED', 3n), group('UPDATED', 4n))).toBeUndefined();
  });

  it.each(['AwsIotThingType', 'AwsIotThingTypeAssociation', 'AwsIotThingGroupMembership', 'AwsIotThingGroupHierarchy', 'AwsIotJob',
    'AwsIotJobExecution', 'AwsIotCertificate', 'AwsIotSubscription', 'AwsIotEvent', 'UserInput'])('never skips %s: it carries no ordering data', (inputName) => {
    const payload = { operation: 'UPDATED', versionNumber: 1n, timestamp: T0 };
    expect(lifecycleGuard(inputName, { ...payload, versionNumber: 9n }, payload)).toBeUndefined();
  });
});
