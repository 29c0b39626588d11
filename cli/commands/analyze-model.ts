import { setTimeout as sleep } from 'node:timers/promises';
import type { AnalysisStatus, DetectorModelDefinition, IoTEventsClient } from '@aws-sdk/client-iot-events';
import { API_OPTIONS, API_OPTIONS_HELP, allPages, parseCommandLine, printHelp, printJson, withApi } from '../api-client';
import { formatAnalysisResult } from '../api-format';
import { formatPortability, portabilityReport } from '../../lib/migration';
import { CREATE_DETECTOR_MODEL_REQUEST } from '../../lib/model';
import { readPlainJson } from '../files';
import { EXIT, UsageError, type CommandIo } from '../io';
import { refuseUnknownMembers } from '../model-files';

/** How often the analysis status is asked for, and for how long, while it is RUNNING. */
const POLL_MS = 1_000;
const MAX_POLLS = 120;

const HELP = `usage: vigil analyze-model <model.json> [options]

Has the API analyze the detectorModelDefinition of a CreateDetectorModel request body, against
the inputs it holds (StartDetectorModelAnalysis), waits for the analysis to finish, and prints
every finding as \`LEVEL path: message\`. Nothing is deployed. Then, worked out locally, the
portability report: what the model uses that behaves differently on Vigil than on AWS IoT Events
(\`PORTABILITY path: message (docs/decisions.md D5)\`), which does not change the exit status.

options:
${API_OPTIONS_HELP}

exit status: 0 no ERROR, 1 an ERROR found or refused by the API, 2 bad command line, 3 API not reachable.`;

/** `vigil analyze-model`: StartDetectorModelAnalysis, then its status until done, then every page of its results. */
export async function analyzeModelCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, API_OPTIONS, HELP);
  if (values.help) return printHelp(io, HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one model file\n\n${HELP}`);
  const model = readPlainJson(positionals[0]) as { detectorModelDefinition?: DetectorModelDefinition | null };
  const definition = typeof model === 'object' && model !== null ? model.detectorModelDefinition : undefined;
  if (typeof definition !== 'object' || definition === null) {
    throw new UsageError(`${positionals[0]} must be a CreateDetectorModel request body with a detectorModelDefinition`);
  }
  if (refuseUnknownMembers(io, 'analyze-model', positionals[0], model, CREATE_DETECTOR_MODEL_REQUEST)) return EXIT.invalid;
  return withApi(io, 'analyze-model', values, async ({ control }) => {
    const { GetDetectorModelAnalysisResultsCommand, StartDetectorModelAnalysisCommand } = await import('@aws-sdk/client-iot-events');
    const { analysisId } = await control.send(new StartDetectorModelAnalysisCommand({ detectorModelDefinition: definition }));
    const status = await finished(control, analysisId as string);
    if (status !== 'COMPLETE') {
      io.err(`vigil analyze-model: analysis ${analysisId} ${status === 'FAILED' ? 'FAILED' : `still ${status} after ${(MAX_POLLS * POLL_MS) / 1000} s`}`);
      return EXIT.invalid;
    }
    const results = await allPages((nextToken) => control.send(new GetDetectorModelAnalysisResultsCommand({ analysisId, nextToken })), (page) => page.analysisResults);
    const portability = portabilityReport(model);
    if (values.json) printJson(io, { analysisId, status, analysisResults: results, portability });
    else {
      if (!results.length) io.err('no findings');
      else results.forEach((result) => io.out(formatAnalysisResult(result)));
      portability.forEach((finding) => io.out(`PORTABILITY ${formatPortability(finding)}`));
    }
    return results.some((result) => result.level === 'ERROR') ? EXIT.invalid : EXIT.ok;
  });
}

/** The status of an analysis once it is no longer RUNNING, or RUNNING when it took too long. */
async function finished(control: IoTEventsClient, analysisId: string): Promise<AnalysisStatus | undefined> {
  const { DescribeDetectorModelAnalysisCommand } = await import('@aws-sdk/client-iot-events');
  for (let poll = 1; ; poll++) {
    const { status } = await control.send(new DescribeDetectorModelAnalysisCommand({ analysisId }));
    if (status !== 'RUNNING' || poll >= MAX_POLLS) return status;
    await sleep(POLL_MS);
  }
}
