import { API_OPTIONS, API_OPTIONS_HELP, allPages, parseCommandLine, printHelp, printItems, printJson, withApi } from '../api-client';
import { formatInput, formatInputSummaries } from '../api-format';
import { EXIT, UsageError, type CommandIo } from '../io';

const DESCRIBE_HELP = `usage: vigil describe-input <name> [options]

Shows an input: status, description and the attributes detector models may read.

options:
${API_OPTIONS_HELP}

exit status: 0 found, 1 refused (no such input), 2 bad command line, 3 API not reachable.`;

const LIST_HELP = `usage: vigil list-inputs [options]

Lists every input, one line each: name, status, creation time, description.

options:
${API_OPTIONS_HELP}

exit status: 0 listed, 1 refused, 2 bad command line, 3 API not reachable.`;

const DELETE_HELP = `usage: vigil delete-input <name> [options]

Deletes an input (DeleteInput). Models that read it stay, as on AWS, but messages to the input
are refused from then on.

options:
${API_OPTIONS_HELP}

exit status: 0 deleted, 1 refused (no such input), 2 bad command line, 3 API not reachable.`;

/** `vigil describe-input`: DescribeInput. */
export async function describeInputCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, DESCRIBE_HELP);
  if (values.help) return printHelp(io, DESCRIBE_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one input name\n\n${DESCRIBE_HELP}`);
  return withApi(io, 'describe-input', values, async ({ control }) => {
    const { DescribeInputCommand } = await import('@aws-sdk/client-iot-events');
    const response = await control.send(new DescribeInputCommand({ inputName: positionals[0] }));
    if (values.json) printJson(io, response);
    else formatInput(response.input ?? {}).forEach((line) => io.out(line));
    return EXIT.ok;
  });
}

/** `vigil list-inputs`: every page of ListInputs. */
export async function listInputsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, LIST_HELP);
  if (values.help) return printHelp(io, LIST_HELP);
  if (positionals.length) throw new UsageError(`list-inputs takes no arguments\n\n${LIST_HELP}`);
  return withApi(io, 'list-inputs', values, async ({ control }) => {
    const { ListInputsCommand } = await import('@aws-sdk/client-iot-events');
    const summaries = await allPages((nextToken) => control.send(new ListInputsCommand({ nextToken })), (page) => page.inputSummaries);
    printItems(io, values.json, 'inputSummaries', summaries, formatInputSummaries, 'no inputs');
    return EXIT.ok;
  });
}

/** `vigil delete-input`: DeleteInput. */
export async function deleteInputCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, DELETE_HELP);
  if (values.help) return printHelp(io, DELETE_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one input name\n\n${DELETE_HELP}`);
  return withApi(io, 'delete-input', values, async ({ control }) => {
    const { DeleteInputCommand } = await import('@aws-sdk/client-iot-events');
    const response = await control.send(new DeleteInputCommand({ inputName: positionals[0] }));
    if (values.json) printJson(io, response);
    else io.out(`input ${positionals[0]}: deleted`);
    return EXIT.ok;
  });
}
