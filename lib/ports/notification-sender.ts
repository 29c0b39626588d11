/** An e-mail, composed and ready to send. */
export interface EmailMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  /** Plain text. */
  readonly text: string;
}

/** A text message to one phone number (E.164). */
export interface TextMessage {
  readonly phoneNumber: string;
  /** The sender name shown where carriers allow it. */
  readonly senderId?: string;
  readonly text: string;
}

/**
 * Where alarm notifications go: SES and SNS on AWS, or an inbox queue that records them instead
 * (the local stack, or a stage that must not reach people).
 */
export interface NotificationSender {
  /** @throws the service's error when the mail is refused or cannot be sent. */
  email(message: EmailMessage): Promise<void>;
  /** @throws the service's error when the text is refused or cannot be sent. */
  text(message: TextMessage): Promise<void>;
}
