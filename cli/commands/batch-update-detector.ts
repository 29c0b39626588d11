import type { UpdateDetectorRequest } from '@aws-sdk/client-iot-events-data';
import { API_OPTIONS, API_OPTIONS_HELP, parseCommandLine, printHelp, printJson, withApi } from '../api-client';
import { BATCH_UPDATE_DETECTOR_REQUEST } from '../../lib/api/data/request-shapes';
import { readPlainJson } from '../files';
import { EXIT, UsageError, type CommandIo } from '../io';
import { refuseUnknownMembers } from '../model-files';

const HELP = `usage: vigil batch-update-detector <request.json> [options]
       vigil batch-update-detector <model> --state <name> [--key <keyValue>] [--var name=value]... [--timer name=seconds]... [options]

Sets detectors' state, variables and timers directly (BatchUpdateDetector): nothing is evaluated,
no onEnter or onExit runs. Variables and timers not listed are cleared. The file is a
BatchUpdateDetector request body, as for 'aws iotevents-data batch-update-detector
--cli-input-json'. Values are IoT Events literal text: 3, 2.5, true, '"text"'.

options:
  --state <name>         the state to set
  --key <keyValue>       the detector's key value (leave out for a model without a key)
  --var name=value       a variable (repeatable)
  --timer name=seconds   a timer, expiring that many seconds from now (repeatable)
${API_OPTIONS_HELP}

exit status: 0 all updated, 1 any not updated, 2 bad command line, 3 API not reachable.`;

/** `vigil batch-update-detector`: BatchUpdateDetector from a request file or from the command line. */
export async function batchUpdateDetectorCommand(args: string[], io: CommandIo): Promise<number> {
  const options = { ...API_OPTIONS, state: { type: 'string' }, key: { type: 'string' }, var: { type: 'string', multiple: true }, timer: { type: 'string', multiple: true } } as const;
  const { values, positionals } = parseCommandLine(args, options, HELP);
  if (values.help) return printHelp(io, HELP);
  if (positionals.length !== 1) throw new UsageError(`expected a request file, or a detector model name with --state\n\n${HELP}`);
  let detectors: UpdateDetectorRequest[];
  if (values.state !== undefined) {
    const variables = (values.var ?? []).map((text) => {
      const [name, value] = pair(text, '--var');
      return { name, value };
    });
    const timers = (values.timer ?? []).map((text) => {
      const [name, seconds] = pair(text, '--timer');
      if (!/^\d+$/.test(seconds)) throw new UsageError(`--timer ${text}: seconds must be a whole number`);
      return { name, seconds: Number(seconds) };
    });
    detectors = [{ messageId: 'update-1', detectorModelName: positionals[0], keyValue: values.key, state: { stateName: values.state, variables, timers } }];
  } else {
    const body = readPlainJson(positionals[0]) as { detectors?: UpdateDetectorRequest[] };
    if (!Array.isArray(body?.detectors)) throw new UsageError(`${positionals[0]} must be a BatchUpdateDetector request body: {"detectors": [...]}`);
    if (refuseUnknownMembers(io, 'batch-update-detector', positionals[0], body, BATCH_UPDATE_DETECTOR_REQUEST)) return EXIT.invalid;
    detectors = body.detectors;
  }
  return withApi(io, 'batch-update-detector', values, async ({ data }) => {
    const { BatchUpdateDetectorCommand } = await import('@aws-sdk/client-iot-events-data');
    const response = await data.send(new BatchUpdateDetectorCommand({ detectors }));
    const errors = response.batchUpdateDetectorErrorEntries ?? [];
    if (values.json) printJson(io, response);
    else {
      for (const detector of detectors) {
        const error = errors.find((entry) => entry.messageId === detector.messageId);
        const which = `${detector.detectorModelName} ${detector.keyValue ?? '(no key)'}`;
        if (error) io.err(`${which}: ${error.errorCode}: ${error.errorMessage}`);
        else io.out(`${which}: now in ${detector.state?.stateName}`);
      }
    }
    return errors.length ? EXIT.invalid : EXIT.ok;
  });
}

function pair(text: string, option: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`${option} expects name=value, not '${text}'`);
  return [text.slice(0, at), text.slice(at + 1)];
}
