import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SNSClient } from '@aws-sdk/client-sns';
import { lazily } from '../../lazily';
import type { EmailMessage, NotificationSender, TextMessage } from '../../ports';
import { HTTP_TIMEOUTS } from '../http-timeouts';

/** The clients {@link awsNotificationSender} sends with, each built when first needed. */
export interface NotificationClients {
  ses(): Promise<SESv2Client>;
  sns(): Promise<SNSClient>;
}

/** SES v2 and SNS with Vigil's timeouts, each SDK package loaded when first sent with. */
export function awsNotificationClients(): NotificationClients {
  return {
    ses: lazily(async () => new (await import('@aws-sdk/client-sesv2')).SESv2Client({ requestHandler: HTTP_TIMEOUTS })),
    sns: lazily(async () => new (await import('@aws-sdk/client-sns')).SNSClient({ requestHandler: HTTP_TIMEOUTS })),
  };
}

/**
 * Sends alarm mail through SES v2 (`SendEmail`, simple content: SES encodes the headers, so no
 * text of the event can add one) and texts through SNS (`Publish` to a phone number, transactional,
 * with the sender id where carriers allow one), as AWS's own notification function did. The
 * sender address must be an SES-verified identity: unlike AWS's function, this one never sends
 * verification mail on its own.
 */
export function awsNotificationSender(clients: NotificationClients): NotificationSender {
  return {
    async email(message: EmailMessage) {
      const { SendEmailCommand } = await import('@aws-sdk/client-sesv2');
      await (await clients.ses()).send(
        new SendEmailCommand({
          FromEmailAddress: message.from,
          Destination: { ToAddresses: [...message.to], CcAddresses: [...message.cc], BccAddresses: [...message.bcc] },
          Content: { Simple: { Subject: { Data: message.subject, Charset: 'UTF-8' }, Body: { Text: { Data: message.text, Charset: 'UTF-8' } } } },
        }),
      );
    },
    async text(message: TextMessage) {
      const { PublishCommand } = await import('@aws-sdk/client-sns');
      await (await clients.sns()).send(
        new PublishCommand({
          PhoneNumber: message.phoneNumber,
          Message: message.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(message.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: message.senderId } } : {}),
          },
        }),
      );
    },
  };
}
