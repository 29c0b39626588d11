import type { OperatorAction } from '../engine/alarm';
import { failureCode } from '../errors';
import { alarmId, type AlarmKey, type ModelSource } from '../ports';
import { commitAlarm, type AlarmCommitDeps } from './commit-alarm';
import type { ConflictPolicy } from './commit-detector';
import type { EvaluationSettings } from './evaluate-detector';

/** One request of BatchAcknowledgeAlarm, BatchDisableAlarm, BatchEnableAlarm, BatchResetAlarm or BatchSnoozeAlarm. */
export interface OperatorRequest {
  readonly alarmModelName: string;
  readonly keyValue: string | undefined;
  readonly action: OperatorAction;
}

/** Why one request was not applied: its AWS error code and a message (an `errorEntries` entry). */
export interface OperatorError {
  readonly requestId: string;
  readonly errorCode: 'ResourceNotFoundException' | 'InvalidRequestException' | 'InternalFailureException' | 'ServiceUnavailableException' | 'ThrottlingException';
  readonly errorMessage: string;
}

/** The error message of a request naming an alarm model that does not exist (an error entry: the batch calls have no 404). */
export function unknownAlarmModel(alarmModelName: string): string {
  return `alarm model ${alarmModelName} does not exist`;
}

/** What applying operator requests needs. */
export interface OperateDeps extends AlarmCommitDeps {
  readonly models: ModelSource;
}

/**
 * Applies operator requests to alarm instances, each instance read once (strongly consistent) and
 * written once, with a conditional write, however many requests name it (in request order): the
 * same path as messages, so a snooze's wake-up is written before the instance, the state change's
 * actions go in its outbox, and a request racing a message or another operator is evaluated again
 * rather than lost. A request for an unknown model or instance, or one the state does not accept,
 * becomes an error entry while the others are applied; an instance that cannot be written fails
 * its own requests only. Returns the error entries, in request order.
 */
export async function operateAlarms(requests: readonly OperatorRequest[], deps: OperateDeps, settings: EvaluationSettings & { readonly conflicts?: ConflictPolicy }): Promise<OperatorError[]> {
  const catalog = await deps.models.catalog();
  const models = new Map((catalog.alarmModels ?? []).map((model) => [model.name, model]));
  const errors = new Map<string, OperatorError>();
  const fail = (request: OperatorRequest, errorCode: OperatorError['errorCode'], errorMessage: string) =>
    errors.set(request.action.requestId, { requestId: request.action.requestId, errorCode, errorMessage });
  const byInstance = new Map<string, { key: AlarmKey; requests: OperatorRequest[] }>();
  for (const request of requests) {
    if (!models.has(request.alarmModelName)) {
      fail(request, 'ResourceNotFoundException', unknownAlarmModel(request.alarmModelName));
      continue;
    }
    const key = { model: request.alarmModelName, keyValue: request.keyValue };
    const entry = byInstance.get(alarmId(key)) ?? { key, requests: [] };
    entry.requests.push(request);
    byInstance.set(alarmId(key), entry);
  }
  await Promise.all(
    [...byInstance.values()].map(async ({ key, requests: mine }) => {
      const work = mine.map((request) => ({ kind: 'operator' as const, action: request.action }));
      let result;
      try {
        const stored = await deps.alarms.get(key);
        result = await commitAlarm({ model: models.get(key.model) as NonNullable<ReturnType<typeof models.get>>, key, stored, work }, { settings, deps, policy: settings.conflicts });
      } catch (error) {
        result = { ok: false as const, error: error as Error };
      }
      if (!result.ok) {
        deps.telemetry.log('error', 'operator requests not applied', { alarm: alarmId(key), requestIds: mine.map((request) => request.action.requestId), error: result.error.message });
        for (const request of mine) fail(request, failureCode(result.error), `the alarm could not be updated; try again (${result.error.name})`);
        return;
      }
      for (const [requestId, refusal] of result.evaluation.refusals) errors.set(requestId, { requestId, errorCode: refusal.code, errorMessage: refusal.message });
      const applied = mine.length - result.evaluation.refusals.size;
      if (applied) deps.telemetry.count('AlarmOperatorActions', applied);
    }),
  );
  return requests.flatMap((request) => errors.get(request.action.requestId) ?? []);
}
