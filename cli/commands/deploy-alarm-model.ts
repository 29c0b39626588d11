import type { CreateAlarmModelCommandInput, DescribeAlarmModelResponse } from '@aws-sdk/client-iot-events';
import { CREATE_ALARM_MODEL_REQUEST, type CreateAlarmModelRequest } from '../../lib/model';
import { printJson, withApi } from '../api-client';
import { EXIT, type CommandIo } from '../io';
import { refuseUnknownMembers } from '../model-files';
import { matchesWithPlaceholders } from '../placeholder-match';

/** The members UpdateAlarmModel sets: what a file must match for a deploy to be no change. */
const UPDATED = ['alarmModelDescription', 'roleArn', 'severity', 'alarmRule', 'alarmNotification', 'alarmEventActions', 'alarmCapabilities'] as const;

/**
 * `vigil deploy-model` with an alarm model file (a CreateAlarmModel body: one with `alarmRule`):
 * CreateAlarmModel, or, when the alarm model exists and the file differs, UpdateAlarmModel (the
 * key cannot change: a file with another key is refused before anything is sent). Deploying the
 * same file again is no change and uses up no version.
 */
export async function deployAlarmModel(io: CommandIo, file: string, model: CreateAlarmModelRequest, values: { endpoint?: string; region?: string; json?: boolean }): Promise<number> {
  if (refuseUnknownMembers(io, 'deploy-model', file, model, CREATE_ALARM_MODEL_REQUEST)) return EXIT.invalid;
  return withApi(io, 'deploy-model', values, async ({ control }) => {
    const { CreateAlarmModelCommand, DescribeAlarmModelCommand, ResourceNotFoundException, UpdateAlarmModelCommand } = await import('@aws-sdk/client-iot-events');
    const name = model.alarmModelName;
    let current: DescribeAlarmModelResponse | undefined;
    try {
      current = await control.send(new DescribeAlarmModelCommand({ alarmModelName: name }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    if (current && (current.key ?? undefined) !== (model.key ?? undefined)) {
      io.err(`vigil deploy-model: ${file}: alarm model ${name} has key ${current.key ?? 'none'}, the file ${model.key ?? 'none'}; the key cannot change: delete the alarm model first, or give the file another name`);
      return EXIT.invalid;
    }
    if (current && sameDeployment(current, model)) {
      if (values.json) printJson(io, current);
      else io.out(`alarm model ${name}: unchanged, version ${current.alarmModelVersion}`);
      return EXIT.ok;
    }
    const update = Object.fromEntries(UPDATED.map((member) => [member, model[member]]));
    const response = current
      ? await control.send(new UpdateAlarmModelCommand({ alarmModelName: name, ...update } as ConstructorParameters<typeof UpdateAlarmModelCommand>[0]))
      : await control.send(new CreateAlarmModelCommand(model as CreateAlarmModelCommandInput));
    if (values.json) printJson(io, response);
    else io.out(`alarm model ${name}: ${current ? 'updated to' : 'created,'} version ${response.alarmModelVersion} (${response.status})`);
    return EXIT.ok;
  });
}

/** Whether the stored version says what the file says, in the members an update sets (a description or role left out keeps the stored one, as the API does). */
function sameDeployment(current: DescribeAlarmModelResponse, model: CreateAlarmModelRequest): boolean {
  const file = { ...Object.fromEntries(UPDATED.map((member) => [member, model[member]])), alarmModelDescription: model.alarmModelDescription ?? current.alarmModelDescription, roleArn: model.roleArn ?? current.roleArn };
  return matchesWithPlaceholders(file, Object.fromEntries(UPDATED.map((member) => [member, current[member]])));
}
