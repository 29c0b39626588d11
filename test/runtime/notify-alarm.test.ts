import { NotificationEventError } from '../../lib/runtime/alarm-notification-event';
import { NotificationDeliveryError, notifyAlarm } from '../../lib/runtime/notify-alarm';
import type { EmailMessage, NotificationSender, TextMessage } from '../../lib/ports';
import { awsError } from '../support/faults';

/** A sender that keeps what it was given, and fails where told. */
function recordingSender(fail: (message: EmailMessage | TextMessage) => Error | undefined = () => undefined) {
  const emails: EmailMessage[] = [];
  const texts: TextMessage[] = [];
  const sender: NotificationSender = {
    email: async (message) => {
      const error = fail(message);
      if (error) throw error;
      emails.push(message);
    },
    text: async (message) => {
      const error = fail(message);
      if (error) throw error;
      texts.push(message);
    },
  };
  return { sender, emails, texts };
}

function telemetry() {
  const logs: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const counts: Record<string, number> = {};
  return { logs, counts, log: (level: string, message: string, fields?: Record<string, unknown>) => void logs.push({ level, message, fields }), count: (metric: string, value = 1) => void (counts[metric] = (counts[metric] ?? 0) + value) };
}

const STATE_UPDATE = 1_764_763_200_000;
const payload = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    alarmModelName: 'boilerPressure',
    keyValue: 'boiler-7',
    severity: 3,
    stateUpdateTime: STATE_UPDATE,
    alarmState: { stateName: 'ACTIVE', ruleEvaluation: { simpleRule: { inputProperty: 93.5, operator: 'GREATER', threshold: 80 } } },
    ...overrides,
  });

/** The event AWS IoT Events invoked a notification function with (developer guide, lambda-support). */
const event = (overrides: Record<string, unknown> = {}) => ({
  notificationEventPayload: payload(),
  emailConfigurations: [{ from: 'alarms@example.com', to: ['ops@example.com'], cc: [], bcc: [], subject: 'Boiler alarm', additionalMessage: 'Check the relief valve.' }],
  smsConfigurations: [{ phoneNumbers: ['+14155550100', '+447700900123'], senderId: 'Vigil', additionalMessage: 'Boiler' }],
  ...overrides,
});

describe('notifyAlarm', () => {
  it('sends the e-mail and one text per phone number that AWS IoT Events’ notification event describes', async () => {
    // Arrange
    const { sender, emails, texts } = recordingSender();

    // Act
    const report = await notifyAlarm(event(), { sender, telemetry: telemetry() });

    // Assert
    expect(report).toEqual({ sent: 3, refused: [] });
    expect(emails).toEqual([
      {
        from: 'alarms@example.com',
        to: ['ops@example.com'],
        cc: [],
        bcc: [],
        subject: 'Boiler alarm',
        text: ['Check the relief valve.', '', 'Alarm model: boilerPressure', 'Key: boiler-7', 'State: ACTIVE', 'Severity: 3', 'Rule: 93.5 > 80', `Time: ${new Date(STATE_UPDATE).toISOString()}`].join('\n'),
      },
    ]);
    expect(texts).toEqual(['+14155550100', '+447700900123'].map((phoneNumber) => ({ phoneNumber, senderId: 'Vigil', text: 'Boiler boilerPressure boiler-7: ACTIVE, severity 3, 93.5 > 80' })));
  });

  it('names a keyless alarm “Singleton” and writes a subject when the model gives none, as AWS’s notifier did', async () => {
    // Arrange
    const { sender, emails } = recordingSender();
    const keyless = event({ notificationEventPayload: payload({ keyValue: undefined }), emailConfigurations: [{ from: 'alarms@example.com', to: ['ops@example.com'] }], smsConfigurations: [] });

    // Act
    await notifyAlarm(keyless, { sender, telemetry: telemetry() });

    // Assert
    expect(emails[0]).toMatchObject({ subject: 'Alarm boilerPressure Singleton is ACTIVE', cc: [], bcc: [] });
    expect(emails[0].text).toContain('Key: Singleton');
  });

  it('refuses a bad number, address or sender id alone, with its path, and sends the rest', async () => {
    // Arrange
    const { sender, emails, texts } = recordingSender();
    const tele = telemetry();
    const mixed = event({
      emailConfigurations: [
        { from: 'alarms@example.com', to: ['ops@example.com\r\nBcc: everyone@example.com'] },
        { from: 'alarms@example.com', to: ['ops@example.com'], subject: 'two\nlines' },
        { from: 'alarms@example.com', to: ['ops@example.com'] },
      ],
      smsConfigurations: [{ phoneNumbers: ['0800 123', '+14155550100'] }, { phoneNumbers: ['+14155550101'], senderId: 'much-too-long-sender' }],
    });

    // Act
    const report = await notifyAlarm(mixed, { sender, telemetry: tele });

    // Assert
    expect(report.sent).toBe(2);
    expect(emails).toHaveLength(1);
    expect(texts.map((text) => text.phoneNumber)).toEqual(['+14155550100']);
    expect(report.refused).toEqual([
      "emailConfigurations[0].to: 'ops@example.com\r\nBcc: everyone@example.com' is not an e-mail address",
      'emailConfigurations[1].subject: one line of at most 200 characters',
      "smsConfigurations[0].phoneNumbers[0]: '0800 123' is not an E.164 number (+ and up to 15 digits)",
      'smsConfigurations[1].senderId: 1 to 11 letters and digits, at least one letter',
    ]);
    expect(tele.counts).toEqual({ NotificationsSent: 2, NotificationsRefused: 4 });
    expect(tele.logs.find((entry) => entry.level === 'error')?.fields).toMatchObject({ alarmModelName: 'boilerPressure', refused: report.refused });
  });

  it('counts what the service refuses for good as refused, without failing the invocation', async () => {
    // Arrange
    const { sender, texts } = recordingSender((message) => ('from' in message ? awsError('MessageRejected', 'Email address is not verified.') : undefined));

    // Act
    const report = await notifyAlarm(event(), { sender, telemetry: telemetry() });

    // Assert
    expect(report.refused).toEqual(['e-mail to ops@example.com: MessageRejected: Email address is not verified.']);
    expect(texts).toHaveLength(2);
  });

  it('sends everything it can, then fails the invocation when some could not be sent for now, so Lambda retries it', async () => {
    // Arrange
    const { sender, emails } = recordingSender((message) => ('phoneNumber' in message && message.phoneNumber === '+447700900123' ? awsError('ThrottlingException', 'Rate exceeded') : undefined));

    // Act
    const notifying = notifyAlarm(event(), { sender, telemetry: telemetry() });

    // Assert
    await expect(notifying).rejects.toThrow(NotificationDeliveryError);
    await expect(notifying).rejects.toMatchObject({ failures: ['text to +447700900123: Rate exceeded'], cause: { name: 'ThrottlingException' } });
    expect(emails).toHaveLength(1);
  });

  it.each([
    ['not an object', 'hello', 'event: is not a JSON object'],
    ['no payload', { emailConfigurations: [] }, 'notificationEventPayload: is missing: it holds the alarm as a JSON string'],
    ['a payload that is not JSON', { notificationEventPayload: '{"alarmModelName":' }, 'notificationEventPayload: is not JSON'],
    ['a payload naming no alarm model', { notificationEventPayload: '{}' }, 'notificationEventPayload: names no alarmModelName'],
    ['more than 10 e-mail configurations', { notificationEventPayload: payload(), emailConfigurations: Array(11).fill({ from: 'a@b.co', to: ['c@d.co'] }) }, 'emailConfigurations: has 11 entries; at most 10'],
  ])('refuses an event with %s, sending nothing', async (_case, bad, message) => {
    // Arrange
    const { sender, emails, texts } = recordingSender();

    // Act
    const notifying = notifyAlarm(bad, { sender, telemetry: telemetry() });

    // Assert
    await expect(notifying).rejects.toThrow(NotificationEventError);
    await expect(notifying).rejects.toThrow(message);
    expect([...emails, ...texts]).toEqual([]);
  });
});
