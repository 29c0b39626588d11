import { SCALAR, listOf, structure, type StructureShape } from '../../model';

// The request bodies of the AWS IoT Events data plane (botocore iotevents-data/2018-10-23;
// https://docs.aws.amazon.com/iotevents/latest/apireference/API_Operations_AWS_IoT_Events_Data.html),
// one declaration each; a test compares them with the AWS SDK's own schemas.

/** One message of BatchPutMessage. */
export const MESSAGE = structure('Message', { messageId: SCALAR, inputName: SCALAR, payload: SCALAR, timestamp: structure('TimestampValue', { timeInMillis: SCALAR }) });

/** The body of BatchPutMessage. */
export const BATCH_PUT_MESSAGE_REQUEST = structure('BatchPutMessageRequest', { messages: listOf(MESSAGE) });

/** The body of BatchUpdateDetector. */
export const BATCH_UPDATE_DETECTOR_REQUEST = structure('BatchUpdateDetectorRequest', {
  detectors: listOf(structure('UpdateDetectorRequest', {
    messageId: SCALAR,
    detectorModelName: SCALAR,
    keyValue: SCALAR,
    state: structure('DetectorStateDefinition', {
      stateName: SCALAR,
      variables: listOf(structure('VariableDefinition', { name: SCALAR, value: SCALAR })),
      timers: listOf(structure('TimerDefinition', { name: SCALAR, seconds: SCALAR })),
    }),
  })),
});

/** The body of BatchDeleteDetector. */
export const BATCH_DELETE_DETECTOR_REQUEST = structure('BatchDeleteDetectorRequest', {
  detectors: listOf(structure('DeleteDetectorRequest', { messageId: SCALAR, detectorModelName: SCALAR, keyValue: SCALAR })),
});

/** One request of the four note-only alarm operations (AcknowledgeAlarmActionRequest, …). */
function alarmAction(name: string) {
  return structure(name, { requestId: SCALAR, alarmModelName: SCALAR, keyValue: SCALAR, note: SCALAR });
}

/** The bodies of BatchAcknowledgeAlarm, BatchDisableAlarm, BatchEnableAlarm, BatchResetAlarm and BatchSnoozeAlarm. */
export const BATCH_ALARM_REQUESTS = {
  ACKNOWLEDGE: structure('BatchAcknowledgeAlarmRequest', { acknowledgeActionRequests: listOf(alarmAction('AcknowledgeAlarmActionRequest')) }),
  DISABLE: structure('BatchDisableAlarmRequest', { disableActionRequests: listOf(alarmAction('DisableAlarmActionRequest')) }),
  ENABLE: structure('BatchEnableAlarmRequest', { enableActionRequests: listOf(alarmAction('EnableAlarmActionRequest')) }),
  RESET: structure('BatchResetAlarmRequest', { resetActionRequests: listOf(alarmAction('ResetAlarmActionRequest')) }),
  SNOOZE: structure('BatchSnoozeAlarmRequest', {
    snoozeActionRequests: listOf(structure('SnoozeAlarmActionRequest', { requestId: SCALAR, alarmModelName: SCALAR, keyValue: SCALAR, note: SCALAR, snoozeDuration: SCALAR })),
  }),
} as const;

/** Every data-plane request shape declared here. */
export const DATA_REQUEST_SHAPES: readonly StructureShape[] = [BATCH_PUT_MESSAGE_REQUEST, BATCH_UPDATE_DETECTOR_REQUEST, BATCH_DELETE_DETECTOR_REQUEST, ...Object.values(BATCH_ALARM_REQUESTS)];
