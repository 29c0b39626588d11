import { API_OPTIONS, API_OPTIONS_HELP, allPages, parseCommandLine, printHelp, printItems, printJson, withApi } from '../api-client';
import { formatDetector, formatDetectorSummaries } from '../api-format';
import { EXIT, UsageError, type CommandIo } from '../io';

const DESCRIBE_HELP = `usage: vigil describe-detector <model> [--key <keyValue>] [options]

Shows one detector: its state, variables (as IoT Events literal text) and timers. Leave out --key
for a model without a key (one detector).

options:
  --key <keyValue>   the detector's key value
${API_OPTIONS_HELP}

exit status: 0 found, 1 refused (no such detector), 2 bad command line, 3 API not reachable.`;

const LIST_HELP = `usage: vigil list-detectors <model> [--state <stateName>] [options]

Lists the detectors of a model, one line each: key value, state, model version, last update.

options:
  --state <name>     only detectors in this state
${API_OPTIONS_HELP}

exit status: 0 listed, 1 refused (no such model), 2 bad command line, 3 API not reachable.`;

const DELETE_HELP = `usage: vigil delete-detector <model> [--key <keyValue>]... [options]

Deletes detectors (BatchDeleteDetector): their state, variables and timers are gone, and the next
message with the same key starts a new detector in the initial state.

options:
  --key <keyValue>   a detector to delete (repeatable; leave out for a model without a key)
${API_OPTIONS_HELP}

exit status: 0 deleted, 1 one or more not deleted, 2 bad command line, 3 API not reachable.`;

/** `vigil describe-detector`: DescribeDetector. */
export async function describeDetectorCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { ...API_OPTIONS, key: { type: 'string' } }, DESCRIBE_HELP);
  if (values.help) return printHelp(io, DESCRIBE_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one detector model name\n\n${DESCRIBE_HELP}`);
  return withApi(io, 'describe-detector', values, async ({ data }) => {
    const { DescribeDetectorCommand } = await import('@aws-sdk/client-iot-events-data');
    const response = await data.send(new DescribeDetectorCommand({ detectorModelName: positionals[0], keyValue: values.key }));
    if (values.json) printJson(io, response);
    else formatDetector(response.detector ?? {}).forEach((line) => io.out(line));
    return EXIT.ok;
  });
}

/** `vigil list-detectors`: every page of ListDetectors. */
export async function listDetectorsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { ...API_OPTIONS, state: { type: 'string' } }, LIST_HELP);
  if (values.help) return printHelp(io, LIST_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one detector model name\n\n${LIST_HELP}`);
  return withApi(io, 'list-detectors', values, async ({ data }) => {
    const { ListDetectorsCommand } = await import('@aws-sdk/client-iot-events-data');
    const summaries = await allPages((nextToken) => data.send(new ListDetectorsCommand({ detectorModelName: positionals[0], stateName: values.state, nextToken })), (page) => page.detectorSummaries);
    printItems(io, values.json, 'detectorSummaries', summaries, formatDetectorSummaries, `no detectors${values.state ? ` in state ${values.state}` : ''}`);
    return EXIT.ok;
  });
}

/** `vigil delete-detector`: BatchDeleteDetector, one entry per --key. */
export async function deleteDetectorCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { ...API_OPTIONS, key: { type: 'string', multiple: true } }, DELETE_HELP);
  if (values.help) return printHelp(io, DELETE_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one detector model name\n\n${DELETE_HELP}`);
  const keys: (string | undefined)[] = values.key?.length ? values.key : [undefined];
  return withApi(io, 'delete-detector', values, async ({ data }) => {
    const { BatchDeleteDetectorCommand } = await import('@aws-sdk/client-iot-events-data');
    const detectors = keys.map((keyValue, i) => ({ messageId: `delete-${i + 1}`, detectorModelName: positionals[0], keyValue }));
    const response = await data.send(new BatchDeleteDetectorCommand({ detectors }));
    const errors = response.batchDeleteDetectorErrorEntries ?? [];
    if (values.json) printJson(io, response);
    else {
      detectors.forEach((detector) => {
        const error = errors.find((entry) => entry.messageId === detector.messageId);
        const which = detector.keyValue ?? '(no key)';
        if (error) io.err(`${which}: ${error.errorCode}: ${error.errorMessage}`);
        else io.out(`${which}: deleted`);
      });
    }
    return errors.length ? EXIT.invalid : EXIT.ok;
  });
}
