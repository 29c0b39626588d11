import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EmailMessage, NotificationSender, TextMessage } from '../../ports';

/**
 * Records alarm mail and texts on a queue instead of sending them (`NOTIFICATIONS=record`): the
 * local stack, where there is no SES nor SMS, and any stage that must not reach people. Each
 * message is one JSON body, `{"kind": "email", …}` or `{"kind": "text", …}`; `vigil tail --queue`
 * shows them.
 */
export function inboxNotificationSender(sqs: SQSClient, queueUrl: string): NotificationSender {
  const record = async (body: Record<string, unknown>) => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));
  };
  return {
    email: (message: EmailMessage) => record({ kind: 'email', ...message }),
    text: (message: TextMessage) => record({ kind: 'text', ...message }),
  };
}
