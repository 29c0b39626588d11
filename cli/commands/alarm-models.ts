import { API_OPTIONS, API_OPTIONS_HELP, allPages, parseCommandLine, printHelp, printItems, printJson, withApi } from '../api-client';
import { formatAlarmModel, formatAlarmModelSummaries, formatAlarmModelVersionSummaries } from '../alarm-format';
import { EXIT, UsageError, type CommandIo } from '../io';

const DESCRIBE_HELP = `usage: vigil describe-alarm-model <name> [--version <n>] [options]

Shows an alarm model version (the latest unless --version): status, key, severity, rule,
capabilities, actions.

options:
  --version <n>      a version other than the latest
${API_OPTIONS_HELP}

exit status: 0 found, 1 refused (no such alarm model or version), 2 bad command line, 3 API not reachable.`;

const LIST_HELP = `usage: vigil list-alarm-models [options]

Lists every alarm model, one line each: name, creation time, description.

options:
${API_OPTIONS_HELP}

exit status: 0 listed, 1 refused, 2 bad command line, 3 API not reachable.`;

const VERSIONS_HELP = `usage: vigil list-alarm-model-versions <name> [options]

Lists the versions of an alarm model, newest first, one line each: version, status (ACTIVE,
ACTIVATING or INACTIVE), when it was stored.

options:
${API_OPTIONS_HELP}

exit status: 0 listed, 1 refused (no such alarm model), 2 bad command line, 3 API not reachable.`;

const DELETE_HELP = `usage: vigil delete-alarm-model <name> [options]

Deletes an alarm model (DeleteAlarmModel): every version of it and every one of its alarms, with
their state and pending snoozes.

options:
${API_OPTIONS_HELP}

exit status: 0 deleted, 1 refused (no such alarm model), 2 bad command line, 3 API not reachable.`;

/** `vigil describe-alarm-model`: DescribeAlarmModel. */
export async function describeAlarmModelCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { ...API_OPTIONS, version: { type: 'string' } }, DESCRIBE_HELP);
  if (values.help) return printHelp(io, DESCRIBE_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one alarm model name\n\n${DESCRIBE_HELP}`);
  return withApi(io, 'describe-alarm-model', values, async ({ control }) => {
    const { DescribeAlarmModelCommand } = await import('@aws-sdk/client-iot-events');
    const response = await control.send(new DescribeAlarmModelCommand({ alarmModelName: positionals[0], alarmModelVersion: values.version }));
    if (values.json) printJson(io, response);
    else formatAlarmModel(response).forEach((line) => io.out(line));
    return EXIT.ok;
  });
}

/** `vigil list-alarm-models`: every page of ListAlarmModels. */
export async function listAlarmModelsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, LIST_HELP);
  if (values.help) return printHelp(io, LIST_HELP);
  if (positionals.length) throw new UsageError(`list-alarm-models takes no arguments\n\n${LIST_HELP}`);
  return withApi(io, 'list-alarm-models', values, async ({ control }) => {
    const { ListAlarmModelsCommand } = await import('@aws-sdk/client-iot-events');
    const summaries = await allPages((nextToken) => control.send(new ListAlarmModelsCommand({ nextToken })), (page) => page.alarmModelSummaries);
    printItems(io, values.json, 'alarmModelSummaries', summaries, formatAlarmModelSummaries, 'no alarm models');
    return EXIT.ok;
  });
}

/** `vigil list-alarm-model-versions`: every page of ListAlarmModelVersions. */
export async function listAlarmModelVersionsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, VERSIONS_HELP);
  if (values.help) return printHelp(io, VERSIONS_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one alarm model name\n\n${VERSIONS_HELP}`);
  return withApi(io, 'list-alarm-model-versions', values, async ({ control }) => {
    const { ListAlarmModelVersionsCommand } = await import('@aws-sdk/client-iot-events');
    const summaries = await allPages(
      (nextToken) => control.send(new ListAlarmModelVersionsCommand({ alarmModelName: positionals[0], nextToken })),
      (page) => page.alarmModelVersionSummaries,
    );
    printItems(io, values.json, 'alarmModelVersionSummaries', summaries, formatAlarmModelVersionSummaries, 'no versions');
    return EXIT.ok;
  });
}

/** `vigil delete-alarm-model`: DeleteAlarmModel. */
export async function deleteAlarmModelCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, DELETE_HELP);
  if (values.help) return printHelp(io, DELETE_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one alarm model name\n\n${DELETE_HELP}`);
  return withApi(io, 'delete-alarm-model', values, async ({ control }) => {
    const { DeleteAlarmModelCommand } = await import('@aws-sdk/client-iot-events');
    const response = await control.send(new DeleteAlarmModelCommand({ alarmModelName: positionals[0] }));
    if (values.json) printJson(io, response);
    else io.out(`alarm model ${positionals[0]}: deleted, with its alarms`);
    return EXIT.ok;
  });
}
