import type { CreateDetectorModelCommandInput, DetectorModel } from '@aws-sdk/client-iot-events';
import { CREATE_DETECTOR_MODEL_REQUEST, CREATE_INPUT_REQUEST, isAlarmModelBody, type CreateAlarmModelRequest, type CreateDetectorModelRequest, type CreateInputRequest } from '../../lib/model';
import { API_OPTIONS, API_OPTIONS_HELP, parseCommandLine, printHelp, printJson, withApi } from '../api-client';
import { readPlainJson } from '../files';
import { EXIT, UsageError, type CommandIo } from '../io';
import { readInputs, refuseUnknownMembers } from '../model-files';
import { matchesWithPlaceholders } from '../placeholder-match';
import { deployAlarmModel } from './deploy-alarm-model';

const MODEL_HELP = `usage: vigil deploy-model <model.json> [options]

Creates a detector model from a CreateDetectorModel request body (your AWS IoT Events model file,
unchanged), or, when the model exists and the file differs, stores the file as its next version
(UpdateDetectorModel; the key cannot change). An alarm model file (a CreateAlarmModel body, with
alarmRule) is deployed the same way with CreateAlarmModel and UpdateAlarmModel. An invalid model
is refused with every problem listed.
The API fills the placeholders of Vigil's model files (\${AWS::Region}, \${Vigil::Stage}, …), so
the files of models/ deploy as they are, and deploying one again is no change.

options:
${API_OPTIONS_HELP}

exit status: 0 deployed, 1 refused by the API, 2 bad command line, 3 API not reachable.`;

const INPUT_HELP = `usage: vigil deploy-input <inputs.json> [options]

Creates each input of the file (a CreateInput request body, or an array of them), or updates it
when it exists.

options:
${API_OPTIONS_HELP}

exit status: 0 deployed, 1 refused by the API, 2 bad command line, 3 API not reachable.`;

/** `vigil deploy-model`: CreateDetectorModel, or UpdateDetectorModel when the model exists (alarm model files: the alarm model operations). */
export async function deployModelCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, MODEL_HELP);
  if (values.help) return printHelp(io, MODEL_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one model file\n\n${MODEL_HELP}`);
  const model = readPlainJson(positionals[0]) as CreateDetectorModelRequest;
  if (isAlarmModelBody(model) && typeof (model as unknown as CreateAlarmModelRequest).alarmModelName === 'string') {
    return deployAlarmModel(io, positionals[0], model as unknown as CreateAlarmModelRequest, values);
  }
  if (typeof model !== 'object' || model === null || typeof model.detectorModelName !== 'string') {
    throw new UsageError(`${positionals[0]} must be a CreateDetectorModel request body with a detectorModelName`);
  }
  if (refuseUnknownMembers(io, 'deploy-model', positionals[0], model, CREATE_DETECTOR_MODEL_REQUEST)) return EXIT.invalid;
  return withApi(io, 'deploy-model', values, async ({ control }) => {
    const { CreateDetectorModelCommand, DescribeDetectorModelCommand, ResourceNotFoundException, UpdateDetectorModelCommand } = await import('@aws-sdk/client-iot-events');
    const name = model.detectorModelName;
    let current;
    try {
      current = (await control.send(new DescribeDetectorModelCommand({ detectorModelName: name }))).detectorModel;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    const exists = current !== undefined;
    // Deploying the same file again must not use up versions (AWS allowed 500 per model).
    if (current && sameDeployment(current, model)) {
      if (values.json) printJson(io, { detectorModelConfiguration: current.detectorModelConfiguration });
      else io.out(`detector model ${name}: unchanged, version ${current.detectorModelConfiguration?.detectorModelVersion}`);
      return EXIT.ok;
    }
    const response = exists
      ? await control.send(
          new UpdateDetectorModelCommand({
            detectorModelName: name,
            detectorModelDefinition: model.detectorModelDefinition,
            detectorModelDescription: model.detectorModelDescription,
            roleArn: model.roleArn as string,
            evaluationMethod: model.evaluationMethod,
          }),
        )
      : await control.send(new CreateDetectorModelCommand(model as CreateDetectorModelCommandInput));
    if (values.json) printJson(io, response);
    else {
      const configuration = response.detectorModelConfiguration;
      io.out(`detector model ${name}: ${exists ? 'updated to' : 'created,'} version ${configuration?.detectorModelVersion} (${configuration?.status})`);
    }
    return EXIT.ok;
  });
}

/**
 * Whether a stored version already says what the file says (the fields UpdateDetectorModel sets);
 * the API filled the file's placeholders, so they match the values it stored.
 */
function sameDeployment(current: DetectorModel, model: CreateDetectorModelRequest): boolean {
  const stored = current.detectorModelConfiguration ?? {};
  return matchesWithPlaceholders(
    {
      definition: model.detectorModelDefinition,
      description: model.detectorModelDescription ?? stored.detectorModelDescription,
      roleArn: model.roleArn ?? stored.roleArn,
      evaluationMethod: model.evaluationMethod ?? 'BATCH',
    },
    { definition: current.detectorModelDefinition, description: stored.detectorModelDescription, roleArn: stored.roleArn, evaluationMethod: stored.evaluationMethod ?? 'BATCH' },
  );
}

/** `vigil deploy-input`: CreateInput, or UpdateInput when the input exists, for each input of a file. */
export async function deployInputCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, INPUT_HELP);
  if (values.help) return printHelp(io, INPUT_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one inputs file\n\n${INPUT_HELP}`);
  const inputs = readInputs(positionals[0]) as CreateInputRequest[];
  if (inputs.some((input, i) => refuseUnknownMembers(io, 'deploy-input', positionals[0], input, CREATE_INPUT_REQUEST, `inputs[${i}]`))) return EXIT.invalid;
  return withApi(io, 'deploy-input', values, async ({ control }) => {
    const { CreateInputCommand, ResourceAlreadyExistsException, UpdateInputCommand } = await import('@aws-sdk/client-iot-events');
    for (const input of inputs) {
      let response;
      let verb = 'created';
      try {
        response = await control.send(new CreateInputCommand(input));
      } catch (error) {
        if (!(error instanceof ResourceAlreadyExistsException)) throw error;
        verb = 'updated';
        response = await control.send(new UpdateInputCommand({ inputName: input.inputName, inputDescription: input.inputDescription, inputDefinition: input.inputDefinition }));
      }
      if (values.json) printJson(io, response);
      else io.out(`input ${input.inputName}: ${verb}`);
    }
    return EXIT.ok;
  });
}
