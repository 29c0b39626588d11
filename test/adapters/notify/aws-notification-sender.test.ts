import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { awsNotificationSender } from '../../../lib/adapters/notify/aws-notification-sender';

describe('awsNotificationSender', () => {
  const ses = new SESv2Client({ region: 'us-east-1' });
  const sns = new SNSClient({ region: 'us-east-1' });
  const sesMock = mockClient(ses);
  const snsMock = mockClient(sns);
  const sender = awsNotificationSender({ ses: async () => ses, sns: async () => sns });

  beforeEach(() => {
    sesMock.reset();
    snsMock.reset();
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    snsMock.on(PublishCommand).resolves({ MessageId: 's-1' });
  });

  it('sends a mail as SES v2 simple content, so SES writes the headers', async () => {
    // Act
    await sender.email({ from: 'alarms@example.com', to: ['ops@example.com'], cc: ['lead@example.com'], bcc: [], subject: 'Boiler alarm', text: 'State: ACTIVE' });

    // Assert
    expect(sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input)).toEqual([
      {
        FromEmailAddress: 'alarms@example.com',
        Destination: { ToAddresses: ['ops@example.com'], CcAddresses: ['lead@example.com'], BccAddresses: [] },
        Content: { Simple: { Subject: { Data: 'Boiler alarm', Charset: 'UTF-8' }, Body: { Text: { Data: 'State: ACTIVE', Charset: 'UTF-8' } } } },
      },
    ]);
  });

  it('publishes a text to the phone number as a transactional SMS with its sender id', async () => {
    // Act
    await sender.text({ phoneNumber: '+14155550100', senderId: 'Vigil', text: 'boiler-7: ACTIVE' });
    await sender.text({ phoneNumber: '+14155550101', text: 'boiler-8: ACTIVE' });

    // Assert
    expect(snsMock.commandCalls(PublishCommand).map((call) => call.args[0].input)).toEqual([
      {
        PhoneNumber: '+14155550100',
        Message: 'boiler-7: ACTIVE',
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' }, 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Vigil' } },
      },
      { PhoneNumber: '+14155550101', Message: 'boiler-8: ACTIVE', MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } } },
    ]);
    expect(snsMock.commandCalls(PublishCommand).every((call) => call.args[0].input.TopicArn === undefined)).toBe(true);
  });

  it('lets the service’s refusal through, for the caller to tell lasting from passing', async () => {
    // Arrange
    const refusal = Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' });
    sesMock.on(SendEmailCommand).rejects(refusal);

    // Act
    const sending = sender.email({ from: 'nobody@example.com', to: ['ops@example.com'], cc: [], bcc: [], subject: 's', text: 't' });

    // Assert
    await expect(sending).rejects.toMatchObject({ name: 'MessageRejected' });
  });
});
