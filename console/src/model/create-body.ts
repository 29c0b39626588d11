import type { DetectorModel } from '../api/types';

/**
 * The CreateDetectorModel body of a stored version (what `vigil deploy` takes, what the simulator
 * and the validator read), rebuilt from DescribeDetectorModel's answer.
 */
export function detectorModelBody(model: DetectorModel): Record<string, unknown> {
  const configuration = model.detectorModelConfiguration;
  const body: Record<string, unknown> = { detectorModelName: configuration.detectorModelName };
  if (configuration.detectorModelDescription) body.detectorModelDescription = configuration.detectorModelDescription;
  body.detectorModelDefinition = model.detectorModelDefinition;
  if (configuration.key) body.key = configuration.key;
  if (configuration.roleArn) body.roleArn = configuration.roleArn;
  if (configuration.evaluationMethod) body.evaluationMethod = configuration.evaluationMethod;
  return body;
}

/** Members of DescribeAlarmModel's answer that CreateAlarmModel does not take. */
const ALARM_OUTPUT_ONLY = new Set(['alarmModelArn', 'alarmModelVersion', 'creationTime', 'lastUpdateTime', 'status', 'statusMessage']);

/** The CreateAlarmModel body of a stored alarm model version. */
export function alarmModelBody(model: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(model).filter(([member]) => !ALARM_OUTPUT_ONLY.has(member)));
}
