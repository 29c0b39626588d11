import { allPages, callApi, queryString } from './client';
import type { ChartSeries } from '../../../lib/inference/chart-series';
import type { Choice } from '../../../lib/inference/proposal';
import type {
  Alarm, AlarmModel, AlarmModelSummary, AlarmSummary, Detector, DetectorModel, DetectorModelSummary, DetectorSummary,
  InputSummary, ModelVersionSummary, SimulationRecord, TraceRecord, ValidationAnswer,
} from './types';

/** The Vigil API operations the console calls, by their AWS names; paths as `lib/api/*\/routes.ts` serve them. */
const e = encodeURIComponent;

export const listDetectorModels = () => allPages<{ detectorModelSummaries?: DetectorModelSummary[]; nextToken?: string }, DetectorModelSummary>('/detector-models', (page) => page.detectorModelSummaries);

export const listAlarmModels = () => allPages<{ alarmModelSummaries?: AlarmModelSummary[]; nextToken?: string }, AlarmModelSummary>('/alarm-models', (page) => page.alarmModelSummaries);

export const describeDetectorModel = (name: string, version?: string) =>
  callApi<{ detectorModel: DetectorModel }>(`/detector-models/${e(name)}${queryString({ version })}`).then((answer) => answer.detectorModel);

export const listDetectorModelVersions = (name: string) =>
  allPages<{ detectorModelVersionSummaries?: ModelVersionSummary[]; nextToken?: string }, ModelVersionSummary>(`/detector-models/${e(name)}/versions`, (page) => page.detectorModelVersionSummaries);

export const describeAlarmModel = (name: string, version?: string) => callApi<AlarmModel>(`/alarm-models/${e(name)}${queryString({ version })}`);

export const listAlarmModelVersions = (name: string) =>
  allPages<{ alarmModelVersionSummaries?: ModelVersionSummary[]; nextToken?: string }, ModelVersionSummary>(`/alarm-models/${e(name)}/versions`, (page) => page.alarmModelVersionSummaries);

export const listDetectors = (model: string) =>
  allPages<{ detectorSummaries?: DetectorSummary[]; nextToken?: string }, DetectorSummary>(`/detectors/${e(model)}`, (page) => page.detectorSummaries);

export const describeDetector = (model: string, keyValue?: string) =>
  callApi<{ detector: Detector }>(`/detectors/${e(model)}/keyValues/${queryString({ keyValue })}`).then((answer) => answer.detector);

export const detectorTraces = (model: string, keyValue?: string) =>
  callApi<{ traces: TraceRecord[] }>(`/detectors/${e(model)}/traces${queryString({ keyValue })}`).then((answer) => answer.traces);

export const listAlarms = (model: string) =>
  allPages<{ alarmSummaries?: AlarmSummary[]; nextToken?: string }, AlarmSummary>(`/alarms/${e(model)}`, (page) => page.alarmSummaries);

export const describeAlarm = (model: string, keyValue?: string) =>
  callApi<{ alarm: Alarm }>(`/alarms/${e(model)}/keyValues/${queryString({ keyValue })}`).then((answer) => answer.alarm);

export const listInputs = () => allPages<{ inputSummaries?: InputSummary[]; nextToken?: string }, InputSummary>('/inputs', (page) => page.inputSummaries);

/** The five operator actions of the alarm data plane, by the path segment of their batch call. */
export type AlarmAction = 'acknowledge' | 'snooze' | 'disable' | 'enable' | 'reset';

/** An entry the API refused, in the batch answers' shape. */
export interface ErrorEntry {
  readonly requestId?: string;
  readonly messageId?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** BatchAcknowledgeAlarm, BatchSnoozeAlarm, …: one request; the refusals come back as error entries. */
export function alarmAction(action: AlarmAction, request: { alarmModelName: string; keyValue?: string; note?: string; snoozeDuration?: number }) {
  const requestId = `console-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  return callApi<{ errorEntries?: ErrorEntry[] }>(`/alarms/${action}`, { [`${action}ActionRequests`]: [{ requestId, ...request }] }).then((answer) => answer.errorEntries ?? []);
}

/** UTF-8 text as base64 (the payload blob of BatchPutMessage). */
export function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** BatchPutMessage with one message; resolves with its error entries (none: it was applied). */
export function putMessage(inputName: string, payload: string, messageId: string) {
  return callApi<{ BatchPutMessageErrorEntries?: ErrorEntry[] }>('/inputs/messages', { messages: [{ messageId, inputName, payload: base64(payload) }] })
    .then((answer) => answer.BatchPutMessageErrorEntries ?? []);
}

/** The console server's own check of a model text (detector or alarm model). */
export const validateModel = (text: string) => callApi<ValidationAnswer>('/console/validate', text);

/** What a replay answers: the simulator's records (action, trace, error, detector), the parts of the text that were not messages. */
export interface ReplayAnswer {
  readonly records: SimulationRecord[];
  readonly skipped: string[];
  readonly truncated: boolean;
}

/** Replays messages (JSON lines, an array, BatchPutMessage bodies) through a model with the simulator (the console server's own route). */
export const simulate = (body: { model: unknown; inputs?: unknown[]; messages: string }) => callApi<ReplayAnswer>('/console/simulate', body);

/** A threshold as the report states it: the candidate chosen, its alarms on the history, their rate and its 95% bound. */
export type InferChoice = Choice;
/** One key × attribute of an inference, for its chart (the server's own type). */
export type InferSeries = ChartSeries;

/** What `vigil infer` proposes for a pasted history (`POST /api/console/infer`). */
export interface InferAnswer {
  readonly report: string[];
  readonly proposal: {
    readonly readings: number;
    readonly keys: number;
    readonly maxRate: number;
    readonly heartbeat: InferChoice;
    readonly attributes: readonly { name: string; readings: number; spike: InferChoice; drift: InferChoice; flat: InferChoice; high: InferChoice; low: InferChoice }[];
  };
  readonly series: readonly InferSeries[];
}

export const inferHistory = (body: { history: string; format?: 'jsonl' | 'csv'; key?: string; input?: string; maxRate?: number }) => callApi<InferAnswer>('/console/infer', body);
