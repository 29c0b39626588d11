import { API_OPTIONS, API_OPTIONS_HELP, allPages, parseCommandLine, printHelp, printItems, printJson, withApi } from '../api-client';
import { formatDetectorModel, formatModelSummaries, formatModelVersionSummaries } from '../api-format';
import { EXIT, UsageError, type CommandIo } from '../io';

const DESCRIBE_HELP = `usage: vigil describe-detector-model <name> [--version <n>] [options]

Shows a detector model version (the latest unless --version): status, key, states.

options:
  --version <n>      a version other than the latest
${API_OPTIONS_HELP}

exit status: 0 found, 1 refused (no such model or version), 2 bad command line, 3 API not reachable.`;

const LIST_HELP = `usage: vigil list-detector-models [options]

Lists every detector model, one line each: name, creation time, description.

options:
${API_OPTIONS_HELP}

exit status: 0 listed, 1 refused, 2 bad command line, 3 API not reachable.`;

const VERSIONS_HELP = `usage: vigil list-detector-model-versions <name> [options]

Lists the versions of a detector model, newest first, one line each: version, status (ACTIVE,
ACTIVATING or DEPRECATED), evaluation method, when it was stored.

options:
${API_OPTIONS_HELP}

exit status: 0 listed, 1 refused (no such model), 2 bad command line, 3 API not reachable.`;

const DELETE_HELP = `usage: vigil delete-detector-model <name> [options]

Deletes a detector model (DeleteDetectorModel): every version of it and every one of its
detectors, with their state, variables and timers.

options:
${API_OPTIONS_HELP}

exit status: 0 deleted, 1 refused (no such model), 2 bad command line, 3 API not reachable.`;

/** `vigil describe-detector-model`: DescribeDetectorModel. */
export async function describeDetectorModelCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { ...API_OPTIONS, version: { type: 'string' } }, DESCRIBE_HELP);
  if (values.help) return printHelp(io, DESCRIBE_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one detector model name\n\n${DESCRIBE_HELP}`);
  return withApi(io, 'describe-detector-model', values, async ({ control }) => {
    const { DescribeDetectorModelCommand } = await import('@aws-sdk/client-iot-events');
    const response = await control.send(new DescribeDetectorModelCommand({ detectorModelName: positionals[0], detectorModelVersion: values.version }));
    if (values.json) printJson(io, response);
    else formatDetectorModel(response.detectorModel ?? {}).forEach((line) => io.out(line));
    return EXIT.ok;
  });
}

/** `vigil list-detector-models`: every page of ListDetectorModels. */
export async function listDetectorModelsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, LIST_HELP);
  if (values.help) return printHelp(io, LIST_HELP);
  if (positionals.length) throw new UsageError(`list-detector-models takes no arguments\n\n${LIST_HELP}`);
  return withApi(io, 'list-detector-models', values, async ({ control }) => {
    const { ListDetectorModelsCommand } = await import('@aws-sdk/client-iot-events');
    const summaries = await allPages((nextToken) => control.send(new ListDetectorModelsCommand({ nextToken })), (page) => page.detectorModelSummaries);
    printItems(io, values.json, 'detectorModelSummaries', summaries, formatModelSummaries, 'no detector models');
    return EXIT.ok;
  });
}

/** `vigil list-detector-model-versions`: every page of ListDetectorModelVersions. */
export async function listDetectorModelVersionsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, VERSIONS_HELP);
  if (values.help) return printHelp(io, VERSIONS_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one detector model name\n\n${VERSIONS_HELP}`);
  return withApi(io, 'list-detector-model-versions', values, async ({ control }) => {
    const { ListDetectorModelVersionsCommand } = await import('@aws-sdk/client-iot-events');
    const summaries = await allPages(
      (nextToken) => control.send(new ListDetectorModelVersionsCommand({ detectorModelName: positionals[0], nextToken })),
      (page) => page.detectorModelVersionSummaries,
    );
    printItems(io, values.json, 'detectorModelVersionSummaries', summaries, formatModelVersionSummaries, 'no versions');
    return EXIT.ok;
  });
}

/** `vigil delete-detector-model`: DeleteDetectorModel. */
export async function deleteDetectorModelCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, DELETE_HELP);
  if (values.help) return printHelp(io, DELETE_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one detector model name\n\n${DELETE_HELP}`);
  return withApi(io, 'delete-detector-model', values, async ({ control }) => {
    const { DeleteDetectorModelCommand } = await import('@aws-sdk/client-iot-events');
    const response = await control.send(new DeleteDetectorModelCommand({ detectorModelName: positionals[0] }));
    if (values.json) printJson(io, response);
    else io.out(`detector model ${positionals[0]}: deleted, with its detectors`);
    return EXIT.ok;
  });
}
