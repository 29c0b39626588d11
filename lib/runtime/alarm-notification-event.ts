import { AppError } from '../errors';
import type { EmailMessage, TextMessage } from '../ports';

/**
 * The event an alarm model's `alarmNotification` invokes its Lambda function with, as AWS IoT
 * Events sent it (developer guide, "Managing alarm notifications"): the alarm as a JSON string,
 * and the e-mail and SMS settings with their IAM Identity Center recipients already resolved to
 * addresses and phone numbers.
 */
export interface AlarmNotificationEvent {
  readonly notificationEventPayload: string;
  readonly emailConfigurations?: readonly EmailConfiguration[];
  readonly smsConfigurations?: readonly SmsConfiguration[];
}

/** One e-mail to send. */
export interface EmailConfiguration {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly bcc?: readonly string[];
  readonly subject?: string;
  readonly additionalMessage?: string;
}

/** One text to send to each phone number. */
export interface SmsConfiguration {
  readonly phoneNumbers: readonly string[];
  readonly senderId?: string;
  readonly additionalMessage?: string;
}

/** The alarm a notification is about (the members AWS's own notifier reads). */
export interface AlarmNotificationPayload {
  readonly alarmModelName: string;
  /** Absent for a model without `key`: AWS's notifier shows "Singleton". */
  readonly keyValue?: string;
  readonly severity?: number;
  /** Epoch milliseconds. */
  readonly stateUpdateTime?: number;
  readonly alarmState?: {
    readonly stateName?: string;
    readonly ruleEvaluation?: { readonly simpleRule?: { readonly inputProperty?: unknown; readonly operator?: string; readonly threshold?: unknown } };
  };
}

/** The event cannot be read at all: nothing was sent (Lambda's retries, then its failure destination, keep it). */
export class NotificationEventError extends AppError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

// Bounds, so a huge or hostile event cannot make the notifier send without end. AWS allows 10
// notification actions per model; SES takes at most 50 recipients per message.
const MAX_PAYLOAD_CHARS = 64 * 1024;
const MAX_CONFIGURATIONS = 10;
const MAX_RECIPIENTS = 50;
const MAX_MESSAGE_CHARS = 200;
const MAX_SUBJECT_CHARS = 200;
const E164 = /^\+[1-9]\d{1,14}$/;
// One address, no display name, nothing that could end a header line.
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;

/** What an event asks for: the alarm, the messages it can send, and why the others cannot be sent. */
export interface NotificationRequest {
  readonly payload: AlarmNotificationPayload;
  readonly emails: readonly EmailMessage[];
  readonly texts: readonly TextMessage[];
  /** One line per mail or number refused as written (bad address, number or length), by path. */
  readonly refused: readonly string[];
}

/**
 * Reads a notification event. An event that is not one (no readable `notificationEventPayload`)
 * throws; a mail or number that cannot be sent as written is refused alone, with its path, and
 * the others are sent.
 *
 * @param compose turns the alarm and one configuration into the message's text.
 * @throws NotificationEventError
 */
export function readNotificationEvent(event: unknown, compose: Composer): NotificationRequest {
  if (!isObject(event)) throw new NotificationEventError('event', 'is not a JSON object');
  const raw = event.notificationEventPayload;
  if (typeof raw !== 'string') throw new NotificationEventError('notificationEventPayload', 'is missing: it holds the alarm as a JSON string');
  if (raw.length > MAX_PAYLOAD_CHARS) throw new NotificationEventError('notificationEventPayload', `is longer than ${MAX_PAYLOAD_CHARS} characters`);
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch (error) {
    throw new NotificationEventError('notificationEventPayload', `is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(payload) || typeof payload.alarmModelName !== 'string') throw new NotificationEventError('notificationEventPayload', 'names no alarmModelName');
  const alarm = payload as unknown as AlarmNotificationPayload;
  const refused: string[] = [];
  const emails = list(event, 'emailConfigurations').flatMap(([path, entry]) => email(path, entry, alarm, compose, refused));
  const texts = list(event, 'smsConfigurations').flatMap(([path, entry]) => textMessages(path, entry, alarm, compose, refused));
  return { payload: alarm, emails, texts, refused };
}

/** Writes the text of one message about `alarm`. */
export interface Composer {
  subject(alarm: AlarmNotificationPayload): string;
  email(alarm: AlarmNotificationPayload, additionalMessage: string | undefined): string;
  text(alarm: AlarmNotificationPayload, additionalMessage: string | undefined): string;
}

function list(event: Record<string, unknown>, member: string): [string, unknown][] {
  const value = event[member];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new NotificationEventError(member, 'is not a list');
  if (value.length > MAX_CONFIGURATIONS) throw new NotificationEventError(member, `has ${value.length} entries; at most ${MAX_CONFIGURATIONS}`);
  return value.map((entry, index) => [`${member}[${index}]`, entry]);
}

function email(path: string, entry: unknown, alarm: AlarmNotificationPayload, compose: Composer, refused: string[]): EmailMessage[] {
  const problem = (text: string) => (refused.push(`${path}${text}`), []);
  if (!isObject(entry)) return problem(': is not an object');
  const { from, subject, additionalMessage } = entry;
  if (typeof from !== 'string' || !ADDRESS.test(from)) return problem(`.from: '${String(from)}' is not an e-mail address`);
  const recipients = { to: addresses(entry.to), cc: addresses(entry.cc), bcc: addresses(entry.bcc) };
  for (const [field, found] of Object.entries(recipients)) if (found.bad) return problem(`.${field}: '${found.bad}' is not an e-mail address`);
  const count = recipients.to.list.length + recipients.cc.list.length + recipients.bcc.list.length;
  if (!count) return problem('.to: names no recipient');
  if (count > MAX_RECIPIENTS) return problem(`: ${count} recipients; at most ${MAX_RECIPIENTS}`);
  if (subject !== undefined && (typeof subject !== 'string' || subject.length > MAX_SUBJECT_CHARS || /[\r\n]/.test(subject))) return problem(`.subject: one line of at most ${MAX_SUBJECT_CHARS} characters`);
  const note = message(additionalMessage);
  if (note === false) return problem(`.additionalMessage: text of at most ${MAX_MESSAGE_CHARS} characters`);
  return [{ from, to: recipients.to.list, cc: recipients.cc.list, bcc: recipients.bcc.list, subject: (subject as string | undefined) || compose.subject(alarm), text: compose.email(alarm, note) }];
}

function textMessages(path: string, entry: unknown, alarm: AlarmNotificationPayload, compose: Composer, refused: string[]): TextMessage[] {
  const problem = (text: string) => (refused.push(`${path}${text}`), []);
  if (!isObject(entry)) return problem(': is not an object');
  const { phoneNumbers, senderId, additionalMessage } = entry;
  if (!Array.isArray(phoneNumbers) || !phoneNumbers.length) return problem('.phoneNumbers: names no number');
  if (phoneNumbers.length > MAX_RECIPIENTS) return problem(`.phoneNumbers: ${phoneNumbers.length} numbers; at most ${MAX_RECIPIENTS}`);
  if (senderId !== undefined && (typeof senderId !== 'string' || !SENDER_ID.test(senderId))) return problem('.senderId: 1 to 11 letters and digits, at least one letter');
  const note = message(additionalMessage);
  if (note === false) return problem(`.additionalMessage: text of at most ${MAX_MESSAGE_CHARS} characters`);
  const text = compose.text(alarm, note);
  return phoneNumbers.flatMap((number, index) => {
    if (typeof number === 'string' && E164.test(number)) return [{ phoneNumber: number, ...(senderId ? { senderId: senderId as string } : {}), text }];
    refused.push(`${path}.phoneNumbers[${index}]: '${String(number)}' is not an E.164 number (+ and up to 15 digits)`);
    return [];
  });
}

function addresses(value: unknown): { list: string[]; bad?: string } {
  if (value === undefined || value === null) return { list: [] };
  if (!Array.isArray(value)) return { list: [], bad: String(value) };
  const bad = value.find((address) => typeof address !== 'string' || !ADDRESS.test(address));
  return bad === undefined ? { list: value as string[] } : { list: [], bad: String(bad) };
}

/** The additional message: undefined when there is none, false when it is not short text. */
function message(value: unknown): string | undefined | false {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' && value.length <= MAX_MESSAGE_CHARS ? value : false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
