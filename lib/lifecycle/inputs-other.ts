import { TOPIC, field, type LifecycleInput } from './lifecycle-input';

/**
 * `AwsIotCertificate`: a client certificate auto-registered by just-in-time registration, sent
 * again each time a certificate still in PENDING_ACTIVATION connects (spec §3.12). Keyed on
 * CERTIFICATE: the docs do not say which key JITR events need, and enabling it is harmless.
 * https://docs.aws.amazon.com/iot/latest/developerguide/auto-register-device-cert.html
 */
export const CERTIFICATE_INPUT: LifecycleInput = {
  inputName: 'AwsIotCertificate',
  description: 'AWS IoT just-in-time certificate registration events: $aws/events/certificates/registered/{caCertificateId}',
  topicFilters: ['$aws/events/certificates/registered/+'],
  eventConfiguration: 'CERTIFICATE',
  key: 'certificateId',
  attributes: [
    field('certificateId', 'string', 'Id of the registered client certificate', 'always'),
    field('caCertificateId', 'string', 'Id of the signing CA certificate (from the topic when missing)', 'always'),
    field('timestamp', 'timestamp', 'When it happened, epoch ms', 'always'),
    field('certificateStatus', 'string', 'PENDING_ACTIVATION for JITR'),
    field('awsAccountId', 'string', 'AWS account id'),
    field('certificateRegistrationTimestamp', 'timestamp', 'When the certificate was registered, epoch ms (numeric strings accepted)'),
    field('operation', 'string', 'Always registered (added from the topic)', 'always'),
    TOPIC,
  ],
};

/**
 * `AwsIotEvent`: any other `$aws/events/...` topic, passed through unchanged so families AWS adds
 * (or a verb it adds to a known family) are never dropped (spec §3.12 recommendation).
 */
export const GENERIC_EVENT_INPUT: LifecycleInput = {
  inputName: 'AwsIotEvent',
  description: 'Any other AWS IoT $aws/events/... message, passed through with its topic',
  // Overlaps every other filter: use it only as the single catch-all rule feeding all inputs.
  topicFilters: ['$aws/events/#'],
  eventConfiguration: undefined,
  key: undefined,
  attributes: [
    field('eventFamily', 'string', 'Third topic level (the family, e.g. thing or policy)', 'always'),
    field('eventId', 'string', 'Unique id of the event, when AWS sends one'),
    field('timestamp', 'timestamp', 'Epoch ms when the payload has a valid timestamp; otherwise kept as sent'),
    TOPIC,
  ],
};
