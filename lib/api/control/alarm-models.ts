import { validateAlarmModel, type CreateAlarmModelRequest, type ModelIssue } from '../../model';
import { API_ORIGIN, ModelConflictError } from '../../ports';
import { apiErrors, json, type ApiRequest, type ApiResponse } from '../http';
import { RULES, requiredString } from '../request-fields';
import { alarmModelArn, type ResourceScope } from '../resource-scope';
import { alarmModelVersionHeader } from './alarm-shapes';
import { authorizeRole } from './authorize-role';
import type { ControlApiDeps } from './deps';
import { MAX_MODEL_BYTES } from './detector-models';
import { filledBody } from './filled-body';
import { rejectInvalid } from './reject-invalid';
import { allInputs } from './shapes';

/**
 * CreateAlarmModel (`POST /alarm-models`): validates the body (every ERROR listed by JSON path in
 * one InvalidRequestException) against the inputs that exist, and stores version 1. With model
 * roles on, the body must name a role the caller may pass ({@link authorizeRole}), as for detector
 * models: the alarm's actions and notifications run with it. Answers ACTIVATING, as AWS did;
 * containers pick the alarm model up within one refresh. Model-file placeholders are filled first.
 */
export async function createAlarmModel(request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  const body = filledBody(request, deps, scope);
  const model = alarmRequest(body);
  await validate(body, model, deps, {});
  await authorizeRole(model.roleArn, request, deps, scope);
  const name = model.alarmModelName;
  const exists = (cause?: unknown) =>
    apiErrors.alreadyExists(`alarm model ${name} already exists; UpdateAlarmModel stores a new version`, name, alarmModelArn(scope, name), cause === undefined ? undefined : { cause });
  if (await deps.alarmModels.getAlarmModel(name)) throw exists();
  let record;
  try {
    record = await deps.alarmModels.putAlarmModel(model, undefined, deps.clock.now(), API_ORIGIN);
  } catch (error) {
    if (error instanceof ModelConflictError) throw exists(error);
    throw error;
  }
  deps.onCatalogChange?.();
  return json(200, alarmModelVersionHeader(record, { status: 'ACTIVATING' }, scope));
}

/**
 * UpdateAlarmModel (`POST /alarm-models/{alarmModelName}`): stores the next version. The key and
 * tags cannot change (the request has neither; either in the body is refused). The role is
 * required, as AWS required it; a description left out keeps the previous version's (as
 * UpdateDetectorModel, decision A8); the rule,
 * severity, notifications, actions and capabilities are the body's. Unlike AWS, which deleted
 * every alarm instance, instances keep their state and evaluate their next data with the new
 * version (the alarm runtime adopts them).
 */
export async function updateAlarmModel(name: string, request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  const body = filledBody(request, deps, scope);
  const previous = await deps.alarmModels.getAlarmModel(requiredString(name, 'alarmModelName', RULES.detectorModelName));
  if (!previous) throw apiErrors.notFound(`alarm model ${name} does not exist`);
  const named = { ...body, alarmModelName: name };
  const model: CreateAlarmModelRequest = {
    ...alarmRequest(named),
    alarmModelDescription: (body.alarmModelDescription as string | undefined) ?? previous.request.alarmModelDescription,
    key: previous.request.key,
    tags: previous.request.tags,
  };
  const mismatch: ModelIssue[] = body.alarmModelName !== undefined && body.alarmModelName !== name
    ? [{ type: 'structure', level: 'ERROR', path: 'alarmModelName', message: `alarmModelName must be the path's, '${name}', or be left out` }]
    : [];
  await validate(named, model, deps, { update: true, issues: mismatch });
  await authorizeRole(model.roleArn, request, deps, scope);
  let record;
  try {
    record = await deps.alarmModels.putAlarmModel(model, Number(previous.version), deps.clock.now(), API_ORIGIN);
  } catch (error) {
    if (error instanceof ModelConflictError) throw apiErrors.inUse(`alarm model ${name} was changed by another request; read it again and retry`, { cause: error });
    throw error;
  }
  deps.onCatalogChange?.();
  return json(200, alarmModelVersionHeader(record, { status: 'ACTIVATING' }, scope));
}

/** The members a version stores (read-only members of an exported DescribeAlarmModel answer are dropped). */
function alarmRequest(body: Record<string, unknown>): CreateAlarmModelRequest {
  const model: Record<string, unknown> = {};
  for (const member of MEMBERS) if (body[member] !== undefined) model[member] = body[member];
  return model as unknown as CreateAlarmModelRequest;
}

const MEMBERS = [
  'alarmModelName', 'alarmModelDescription', 'roleArn', 'tags', 'key', 'severity', 'alarmRule', 'alarmNotification', 'alarmEventActions', 'alarmCapabilities',
] as const satisfies readonly (keyof CreateAlarmModelRequest)[];

/** Rejects the body with every ERROR of the alarm model checks (against the inputs that exist), and one that is too large to store. */
async function validate(body: Record<string, unknown>, model: CreateAlarmModelRequest, deps: ControlApiDeps, options: { update?: boolean; issues?: readonly ModelIssue[] }): Promise<void> {
  const bytes = Buffer.byteLength(JSON.stringify(model));
  if (bytes > MAX_MODEL_BYTES) throw apiErrors.invalid(`the alarm model is ${bytes} bytes as JSON; Vigil stores at most ${MAX_MODEL_BYTES}`);
  const inputs = [...deps.builtInInputs, ...(await allInputs(deps.repository))];
  const name = typeof body.alarmModelName === 'string' ? ` ${body.alarmModelName}` : '';
  rejectInvalid([...(options.issues ?? []), ...validateAlarmModel(body, { update: options.update, inputs })], `alarm model${name}`);
}
