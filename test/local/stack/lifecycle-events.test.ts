import { disconnectReason, ForbiddenOperationError, type CloseSignals } from '../../../local/iot-core/disconnect-reason';
import { LifecycleEvents, type ConnectionInfo } from '../../../local/iot-core/lifecycle-events';

const HOUR = 3_600_000;

/** A generator on a clock the test moves, with predictable session ids. */
function generator() {
  let time = 1_767_225_600_000;
  let sessions = 0;
  const events = new LifecycleEvents({ now: () => time, newSessionId: () => `session-${++sessions}` });
  return { events, advance: (ms: number) => (time += ms), time: () => time };
}

const pump = (extra: Partial<ConnectionInfo> = {}): ConnectionInfo => ({ clientId: 'pump-0042', cleanSession: true, principal: 'cert-1', ipAddress: '203.0.113.17', ...extra });

describe('lifecycle events of the local broker', () => {
  it('publishes connected and disconnected in AWS shapes, field for field and in order', () => {
    // Arrange
    const { events, advance, time } = generator();

    // Act
    const { connection, message: connected } = events.connected(pump());
    advance(5000);
    const disconnected = events.disconnected(connection, 'MQTT_KEEP_ALIVE_TIMEOUT');

    // Assert
    expect(connected?.topic).toBe('$aws/events/presence/connected/pump-0042');
    expect(JSON.stringify(connected?.payload)).toBe(
      `{"clientId":"pump-0042","timestamp":${time() - 5000},"eventType":"connected","sessionIdentifier":"session-1","principalIdentifier":"cert-1","ipAddress":"203.0.113.17","versionNumber":0}`,
    );
    expect(disconnected?.topic).toBe('$aws/events/presence/disconnected/pump-0042');
    expect(JSON.stringify(disconnected?.payload)).toBe(
      `{"clientId":"pump-0042","timestamp":${time()},"eventType":"disconnected","sessionIdentifier":"session-1","principalIdentifier":"cert-1","clientInitiatedDisconnect":false,"disconnectReason":"MQTT_KEEP_ALIVE_TIMEOUT","versionNumber":0}`,
    );
  });

  it('marks only a client DISCONNECT as client-initiated', () => {
    // Arrange
    const { events } = generator();
    const { connection } = events.connected(pump());

    // Act
    const disconnected = events.disconnected(connection, 'CLIENT_INITIATED_DISCONNECT');

    // Assert
    expect(disconnected?.payload).toMatchObject({ clientInitiatedDisconnect: true, disconnectReason: 'CLIENT_INITIATED_DISCONNECT' });
  });

  it('gives each new connection the next versionNumber, shared by its connect and disconnect', () => {
    // Arrange
    const { events, advance } = generator();

    // Act
    const versions: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const { connection, message } = events.connected(pump());
      versions.push(message?.payload.versionNumber);
      advance(1000);
      versions.push(events.disconnected(connection, 'CONNECTION_LOST')?.payload.versionNumber);
      advance(60_000);
    }

    // Assert
    expect(versions).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('reports an old connection closing after its replacement opened with its own version and session', () => {
    // Arrange: the new connection is accepted before the old one's close is noticed.
    const { events } = generator();
    const old = events.connected(pump()).connection;
    const replacement = events.connected(pump());

    // Act
    const oldGone = events.disconnected(old, 'DUPLICATE_CLIENTID');
    const again = events.disconnected(old, 'CONNECTION_LOST');

    // Assert
    expect(replacement.message?.payload).toMatchObject({ versionNumber: 1, sessionIdentifier: 'session-2' });
    expect(oldGone?.payload).toMatchObject({ versionNumber: 0, sessionIdentifier: 'session-1', disconnectReason: 'DUPLICATE_CLIENTID' });
    expect(again).toBeUndefined();
  });

  it('starts versionNumber again at 0 after more than an hour offline, as AWS does', () => {
    // Arrange
    const { events, advance } = generator();
    events.disconnected(events.connected(pump()).connection, 'CONNECTION_LOST');
    events.disconnected(events.connected(pump()).connection, 'CONNECTION_LOST');

    // Act
    advance(HOUR + 1);
    const { message } = events.connected(pump());

    // Assert
    expect(message?.payload.versionNumber).toBe(0);
  });

  it('keeps a persistent session identifier across reconnects and gives a clean session a new one', () => {
    // Arrange
    const { events, advance } = generator();

    // Act
    const first = events.connected(pump({ cleanSession: false }));
    events.disconnected(first.connection, 'CONNECTION_LOST');
    advance(10_000);
    const resumed = events.connected(pump({ cleanSession: false }));
    events.disconnected(resumed.connection, 'CLIENT_INITIATED_DISCONNECT');
    const clean = events.connected(pump({ cleanSession: true }));

    // Assert
    expect([first, resumed, clean].map(({ message }) => message?.payload.sessionIdentifier)).toEqual(['session-1', 'session-1', 'session-2']);
  });

  it('gives a persistent session a new identifier once it has expired', () => {
    // Arrange
    const { events, advance } = generator();
    events.disconnected(events.connected(pump({ cleanSession: false })).connection, 'CONNECTION_LOST');

    // Act
    advance(HOUR + 1);
    const { message } = events.connected(pump({ cleanSession: false }));

    // Assert
    expect(message?.payload.sessionIdentifier).toBe('session-2');
  });

  it('leaves out ipAddress when the address is unknown', () => {
    // Arrange
    const { events } = generator();

    // Act
    const { message } = events.connected(pump({ ipAddress: undefined }));

    // Assert
    expect(message?.payload).not.toHaveProperty('ipAddress');
  });

  it('sends nothing for client ids containing # or +', () => {
    // Arrange
    const { events } = generator();

    // Act
    const hash = events.connected(pump({ clientId: 'bad#id' }));
    const plus = events.connected(pump({ clientId: 'bad+id' }));

    // Assert
    expect([hash.message, plus.message, events.subscribed(hash.connection, ['a/b']), events.disconnected(plus.connection, 'CONNECTION_LOST')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('publishes subscribed and unsubscribed with the topic filters, in AWS shapes, and nothing once disconnected', () => {
    // Arrange
    const { events, time } = generator();
    const { connection } = events.connected(pump());

    // Act
    const subscribed = events.subscribed(connection, ['cmd/pump-0042/#', '$aws/things/pump-0042/shadow/update/delta']);
    const unsubscribed = events.unsubscribed(connection, ['cmd/pump-0042/#']);
    const none = events.subscribed(connection, []);
    events.disconnected(connection, 'CONNECTION_LOST');
    const late = events.unsubscribed(connection, ['a/b']);

    // Assert
    expect(subscribed?.topic).toBe('$aws/events/subscriptions/subscribed/pump-0042');
    expect(JSON.stringify(subscribed?.payload)).toBe(
      `{"clientId":"pump-0042","timestamp":${time()},"eventType":"subscribed","sessionIdentifier":"session-1","principalIdentifier":"cert-1","topics":["cmd/pump-0042/#","$aws/things/pump-0042/shadow/update/delta"]}`,
    );
    expect(unsubscribed?.topic).toBe('$aws/events/subscriptions/unsubscribed/pump-0042');
    expect(unsubscribed?.payload).toMatchObject({ eventType: 'unsubscribed', topics: ['cmd/pump-0042/#'] });
    expect([none, late]).toEqual([undefined, undefined]);
  });
});

describe('disconnectReason', () => {
  const quiet: CloseSignals = { disconnectPacket: false, keepAliveTimeout: false, replaced: false, brokerClosing: false, error: undefined };
  const socketError = (code: string) => Object.assign(new Error(code), { code });

  it.each([
    ['a DISCONNECT packet', 'CLIENT_INITIATED_DISCONNECT', { disconnectPacket: true }],
    ['a socket that closed without DISCONNECT', 'CONNECTION_LOST', {}],
    ['a reset connection', 'CONNECTION_LOST', { error: socketError('ECONNRESET') }],
    ['a keep-alive timeout (whatever error follows it)', 'MQTT_KEEP_ALIVE_TIMEOUT', { keepAliveTimeout: true, error: new Error('keep alive timeout') }],
    ['a second connection with the same client id', 'DUPLICATE_CLIENTID', { replaced: true, disconnectPacket: true }],
    ['the broker shutting down', 'SERVER_INITIATED_DISCONNECT', { brokerClosing: true }],
    ['a protocol error', 'CLIENT_ERROR', { error: new Error('Invalid protocol') }],
    ['a publish to a reserved topic', 'AUTH_ERROR', { error: new ForbiddenOperationError('no') }],
  ] as const)('reports %s as %s', (_what, reason, signals) => {
    // Arrange
    const observed: CloseSignals = { ...quiet, ...signals };

    // Act
    const result = disconnectReason(observed);

    // Assert
    expect(result).toBe(reason);
  });
});
