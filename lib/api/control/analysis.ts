import { randomUUID } from 'node:crypto';
import { START_DETECTOR_MODEL_ANALYSIS_REQUEST, validateModel, type ModelIssue } from '../../model';
import type { AnalysisResult } from '../../ports';
import { apiErrors, json, type ApiRequest, type ApiResponse } from '../http';
import { pageQuery, withNextToken } from '../paging';
import { objectBody, rejectUnknownMembers, requiredObject, requiredString } from '../request-fields';
import type { ControlApiDeps } from './deps';
import { allInputs } from './shapes';

/** How long results are kept (AWS: 24 hours). */
const ANALYSIS_RETENTION_MS = 24 * 3_600_000;
/** Results stored at most, as JSON, to stay well inside one DynamoDB item. */
const MAX_RESULTS_BYTES = 300 * 1024;
const ANALYSIS_ID = { min: 1, max: 64, pattern: /^[a-zA-Z0-9_-]+$/ };

/**
 * StartDetectorModelAnalysis (`POST /analysis/detector-models`): runs the same checks as
 * CreateDetectorModel (`validateModel`, against the inputs that exist) at once, so the analysis is
 * COMPLETE by the time its id is returned, and keeps the results for 24 hours. Members the
 * request shape does not have are refused (400); unknown members inside the definition are
 * ERROR results, as every other problem of the definition.
 */
export async function startDetectorModelAnalysis(request: ApiRequest, deps: ControlApiDeps): Promise<ApiResponse> {
  const body = objectBody(request.body);
  // The definition's own members are checked by the analysis, and reported as its results.
  rejectUnknownMembers(body, START_DETECTOR_MODEL_ANALYSIS_REQUEST, { nested: false });
  const definition = requiredObject(body.detectorModelDefinition, 'detectorModelDefinition');
  const inputs = [...deps.builtInInputs, ...(await allInputs(deps.repository))];
  // The analysis covers the definition only; a fixed, valid name stands in for the rest.
  const issues = validateModel({ detectorModelName: 'analysis', detectorModelDefinition: definition }, { inputs, minTimerSeconds: deps.minTimerSeconds });
  const now = deps.clock.now();
  const analysisId = (deps.newId ?? randomUUID)();
  await deps.analyses.put({ analysisId, status: 'COMPLETE', results: bounded(issues.map(toResult)), createdAt: now, expiresAt: now + ANALYSIS_RETENTION_MS });
  return json(200, { analysisId });
}

/** DescribeDetectorModelAnalysis (`GET /analysis/detector-models/{analysisId}`): its status. */
export async function describeDetectorModelAnalysis(analysisId: string, deps: ControlApiDeps): Promise<ApiResponse> {
  const analysis = await read(analysisId, deps);
  return json(200, { status: analysis.status });
}

/** GetDetectorModelAnalysisResults (`GET /analysis/detector-models/{analysisId}/results`), paged. */
export async function getDetectorModelAnalysisResults(analysisId: string, request: ApiRequest, deps: ControlApiDeps): Promise<ApiResponse> {
  const page = pageQuery(request);
  const analysis = await read(analysisId, deps);
  // Results never change once stored, so the token is simply the index of the next one.
  const start = page.nextToken === undefined ? 0 : /^\d{1,6}$/.test(page.nextToken) ? Number(page.nextToken) : NaN;
  if (!(start >= 0 && start <= analysis.results.length)) throw apiErrors.invalid(`nextToken '${(page.nextToken ?? '').slice(0, 40)}' is not valid`);
  const end = start + page.limit;
  return json(200, withNextToken({ analysisResults: analysis.results.slice(start, end) }, end < analysis.results.length ? String(end) : undefined));
}

async function read(analysisId: string, deps: ControlApiDeps) {
  const analysis = await deps.analyses.get(requiredString(analysisId, 'analysisId', ANALYSIS_ID), deps.clock.now());
  if (!analysis) throw apiErrors.notFound(`analysis ${analysisId} does not exist or has expired (results are kept 24 hours)`);
  return analysis;
}

function toResult(issue: ModelIssue): AnalysisResult {
  return { type: issue.type, level: issue.level, message: issue.message, locations: issue.path ? [{ path: issue.path }] : [] };
}

/** Keeps results (ERRORs come first, INFO last) while they fit, and says how many were left out. */
function bounded(results: AnalysisResult[]): AnalysisResult[] {
  let bytes = 0;
  const kept: AnalysisResult[] = [];
  for (const result of results) {
    bytes += Buffer.byteLength(JSON.stringify(result)) + 1;
    if (bytes > MAX_RESULTS_BYTES) {
      kept.push({ type: 'service-limits', level: 'INFO', message: `${results.length - kept.length} more results were not kept`, locations: [] });
      break;
    }
    kept.push(result);
  }
  return kept;
}
