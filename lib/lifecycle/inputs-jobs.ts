import { EVENT_ID, TIMESTAMP, TOPIC, field, type LifecycleInput } from './lifecycle-input';

// https://docs.aws.amazon.com/iot/latest/developerguide/events-jobs.html
// The examples show a 10-digit (seconds) `timestamp` next to millisecond dates: both become ms.

/** `AwsIotJob`: a job completed, canceled or deleted, or a cancel/delete started (spec §3.10). */
export const JOB_INPUT: LifecycleInput = {
  inputName: 'AwsIotJob',
  description: 'AWS IoT job events: $aws/events/job/{jobId}/completed|canceled|deleted|cancellation_in_progress|deletion_in_progress',
  topicFilters: ['$aws/events/job/+/+'],
  eventConfiguration: 'JOB',
  key: 'jobId',
  attributes: [
    field('eventType', 'string', 'Always JOB (added when missing)', 'always'),
    EVENT_ID,
    TIMESTAMP,
    field('operation', 'string', 'The lower-case topic verb: completed, canceled, deleted, … (from the topic when missing)', 'always'),
    field('jobId', 'string', 'Job id (from the topic when missing)', 'always'),
    field('status', 'string', 'COMPLETED, CANCELED, DELETED, CANCELLATION_IN_PROGRESS or DELETION_IN_PROGRESS (from the verb when missing)', 'always'),
    field('targetSelection', 'string', 'SNAPSHOT or CONTINUOUS'),
    field('targets', 'string-list', 'Thing and thing group ARNs the job targets'),
    field('description', 'string', 'Job description'),
    field('createdAt', 'timestamp', 'When the job was created, epoch ms'),
    field('lastUpdatedAt', 'timestamp', 'When the job last changed, epoch ms'),
    field('completedAt', 'timestamp', 'completed only: when the job completed, epoch ms'),
    field('jobProcessDetails', 'object', 'completed only: numberOfSucceededThings, numberOfFailedThings, … counts'),
    field('comment', 'string', 'deleted and *_in_progress only: the comment given with the request'),
    TOPIC,
  ],
};

/** `AwsIotJobExecution`: a job execution reached a terminal status (spec §3.11). */
export const JOB_EXECUTION_INPUT: LifecycleInput = {
  inputName: 'AwsIotJobExecution',
  description: 'AWS IoT job execution events: $aws/events/jobExecution/{jobId}/succeeded|failed|rejected|canceled|timed_out|removed|deleted',
  topicFilters: ['$aws/events/jobExecution/+/+'],
  eventConfiguration: 'JOB_EXECUTION',
  key: 'thingName',
  attributes: [
    field('eventType', 'string', 'Always JOB_EXECUTION (added when missing)', 'always'),
    EVENT_ID,
    TIMESTAMP,
    field('operation', 'string', 'The lower-case topic verb: succeeded, failed, timed_out, … (from the topic when missing)', 'always'),
    field('jobId', 'string', 'Job id (from the topic when missing)', 'always'),
    field('thingArn', 'string', 'ARN of the thing the execution ran on', 'always'),
    // Neither the payload nor the topic names the thing; the ARN is the only source.
    field('thingName', 'string', 'Thing name parsed from thingArn; missing when the ARN has no recognisable name'),
    field('status', 'string', 'SUCCEEDED, FAILED, REJECTED, CANCELED, TIMED_OUT, REMOVED or DELETED (from the verb when missing)', 'always'),
    field('statusDetails', 'object', 'String map reported by the device'),
    TOPIC,
  ],
};
