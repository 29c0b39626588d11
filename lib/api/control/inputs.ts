import { CREATE_INPUT_REQUEST, UPDATE_INPUT_REQUEST, validateInput, type CreateInputRequest } from '../../model';
import { API_ORIGIN, ModelConflictError } from '../../ports';
import { apiErrors, json, type ApiRequest, type ApiResponse } from '../http';
import { pageQuery, withNextToken } from '../paging';
import { RULES, requiredString } from '../request-fields';
import { inputArn, type ResourceScope } from '../resource-scope';
import type { ControlApiDeps } from './deps';
import { filledBody } from './filled-body';
import { bodyIssues, rejectInvalid } from './reject-invalid';
import { inputConfiguration } from './shapes';

/**
 * CreateInput (`POST /inputs`, 201): stores a new input, rejecting an invalid one with every problem
 * listed. Model-file placeholders in the body are filled first ({@link filledBody}), here and in updates.
 */
export async function createInput(request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  const body = filledBody(request, deps, scope);
  const input: CreateInputRequest = { inputName: body.inputName as string, inputDescription: body.inputDescription as string | undefined, inputDefinition: body.inputDefinition as CreateInputRequest['inputDefinition'], tags: body.tags as CreateInputRequest['tags'] };
  rejectInvalid([...bodyIssues(body, CREATE_INPUT_REQUEST), ...validateInput(input)], `input ${typeof input.inputName === 'string' ? input.inputName : ''}`.trim());
  const name = input.inputName;
  const exists = (cause?: unknown) => apiErrors.alreadyExists(`input ${name} already exists`, name, inputArn(scope, name), cause === undefined ? undefined : { cause });
  if (deps.builtInInputs.some((builtIn) => builtIn.inputName === name) || (await deps.repository.getInput(name))) throw exists();
  let record;
  try {
    record = await deps.repository.putInput(input, true, deps.clock.now(), API_ORIGIN);
  } catch (error) {
    if (error instanceof ModelConflictError) throw exists(error);
    throw error;
  }
  deps.onCatalogChange?.();
  return json(201, { inputConfiguration: inputConfiguration(record, scope) });
}

/** DescribeInput (`GET /inputs/{inputName}`): its configuration and definition. */
export async function describeInput(name: string, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  const record = await deps.repository.getInput(requiredString(name, 'inputName', RULES.inputName));
  if (!record) throw apiErrors.notFound(`input ${name} does not exist`);
  return json(200, { input: { inputConfiguration: inputConfiguration(record, scope), inputDefinition: record.request.inputDefinition } });
}

/** ListInputs (`GET /inputs?nextToken=&maxResults=`): summaries in name order. */
export async function listInputs(request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  const page = pageQuery(request);
  const result = await deps.repository.listInputs(page.limit, page.nextToken);
  return json(200, withNextToken({ inputSummaries: result.items.map((record) => inputConfiguration(record, scope)) }, result.nextToken));
}

/** UpdateInput (`PUT /inputs/{inputName}`): replaces the description and definition. */
export async function updateInput(name: string, request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  const body = filledBody(request, deps, scope);
  const existing = await deps.repository.getInput(requiredString(name, 'inputName', RULES.inputName));
  if (!existing) throw apiErrors.notFound(`input ${name} does not exist`);
  const input: CreateInputRequest = { inputName: name, inputDescription: body.inputDescription as string | undefined, inputDefinition: body.inputDefinition as CreateInputRequest['inputDefinition'], tags: existing.request.tags };
  rejectInvalid([...bodyIssues(body, UPDATE_INPUT_REQUEST, { member: 'inputName', name }), ...validateInput(input)], `input ${name}`);
  let record;
  try {
    record = await deps.repository.putInput(input, false, deps.clock.now(), API_ORIGIN);
  } catch (error) {
    // Deleted between the read and the write.
    if (error instanceof ModelConflictError) throw apiErrors.notFound(`input ${name} does not exist`, { cause: error });
    throw error;
  }
  deps.onCatalogChange?.();
  return json(200, { inputConfiguration: inputConfiguration(record, scope) });
}

/**
 * DeleteInput (`DELETE /inputs/{inputName}`). Allowed while detector or alarm models still read
 * the input, as AWS allowed it (a stack deletes inputs and models in any order): their messages
 * are then refused, and the log names the models (decision A9).
 */
export async function deleteInput(name: string, deps: ControlApiDeps): Promise<ApiResponse> {
  requiredString(name, 'inputName', RULES.inputName);
  // Only for the log: a catalog that cannot be read must not fail the deletion.
  const readers = await deps.models.catalog().then(
    (catalog) => ({
      detectorModels: catalog.models.filter((model) => model.inputs.has(name)).map((model) => model.name),
      alarmModels: (catalog.alarmModels ?? []).filter((model) => model.inputs.has(name)).map((model) => model.name),
    }),
    () => undefined,
  );
  if (!(await deps.repository.deleteInput(name))) throw apiErrors.notFound(`input ${name} does not exist`);
  deps.onCatalogChange?.();
  if (readers && (readers.detectorModels.length || readers.alarmModels.length)) {
    deps.telemetry.log('warn', 'input deleted while models read it; their messages of this input are refused', { inputName: name, ...readers });
  }
  return json(200, {});
}
