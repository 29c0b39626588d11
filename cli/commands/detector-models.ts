import type { DetectorModelSummary } from '@aws-sdk/client-iot-events';
import { API_OPTIONS, API_OPTIONS_HELP, parseCommandLine, printHelp, printJson, withApi } from '../api-client';
import { formatDetectorModel, formatModelSummaries } from '../api-format';
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
    const summaries: DetectorModelSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await control.send(new ListDetectorModelsCommand({ nextToken }));
      summaries.push(...(page.detectorModelSummaries ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    if (values.json) printJson(io, { detectorModelSummaries: summaries });
    else if (!summaries.length) io.err('no detector models');
    else formatModelSummaries(summaries).forEach((line) => io.out(line));
    return EXIT.ok;
  });
}
