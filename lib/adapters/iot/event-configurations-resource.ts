import type { IoTClient } from '@aws-sdk/client-iot';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { AppError } from '../../errors';
import { cfnResponse, type CfnResponseBody } from '../cfn-response';
import { reconcileEventConfigurations, type ReconcileResult } from './event-configurations';
import type { PhysicalIdLookup } from './stack-resource';

/**
 * Physical ids are this prefix plus the families the resource turned on, in the documented key
 * order (`vigil-event-configurations:THING,JOB`): the only state that survives between requests,
 * since CloudFormation sends the id back with every Update and Delete.
 */
const PHYSICAL_ID_PREFIX = 'vigil-event-configurations:';

/** The `Families` property is neither a list of strings nor a comma-separated string. */
export class InvalidFamiliesError extends AppError {}

/** What the custom resource needs besides the request. */
export interface EventConfigurationsResourceDeps {
  readonly iot: IoTClient;
  /** Tells a real Delete from the cleanup of a replaced id; without it every Delete is real. */
  readonly currentPhysicalResourceId?: PhysicalIdLookup;
}

/** The physical id recording that `enabledByUs` were turned on by this resource. */
export function physicalIdFor(enabledByUs: readonly string[]): string {
  return PHYSICAL_ID_PREFIX + enabledByUs.join(',');
}

/** The families a physical id says the resource turned on; none for an id that is not ours. */
export function keysFromPhysicalId(physicalResourceId: string | undefined): string[] {
  if (!physicalResourceId?.startsWith(PHYSICAL_ID_PREFIX)) return [];
  return physicalResourceId.slice(PHYSICAL_ID_PREFIX.length).split(',').filter(Boolean);
}

/**
 * Reads `ResourceProperties.Families`: a list of keys, or one comma-separated string (templates
 * often build it with `Fn::Join`). Missing means none.
 *
 * @throws InvalidFamiliesError for any other shape.
 */
export function requestedFamilies(properties: Readonly<Record<string, unknown>> | undefined): string[] {
  const families = properties?.Families;
  if (families === undefined || families === null) return [];
  const list: unknown[] | undefined = typeof families === 'string' ? families.split(',') : Array.isArray(families) ? families : undefined;
  if (!list || !list.every((item): item is string => typeof item === 'string')) {
    throw new InvalidFamiliesError('Families must be a list of event configuration keys such as ["THING", "JOB"], or a comma-separated string');
  }
  return list.map((item) => item.trim()).filter(Boolean);
}

interface Outcome {
  readonly physicalResourceId: string;
  readonly enabledByUs: readonly string[];
  readonly reason: string;
}

/**
 * Handles one CloudFormation custom resource request for the event configurations and returns the
 * response to send. Never throws: any error becomes a FAILED response with the error as reason,
 * and so does running out of time (`timeLimitMs`), so CloudFormation is never left waiting.
 */
export async function eventConfigurationsResponse(
  event: CloudFormationCustomResourceEvent,
  deps: EventConfigurationsResourceDeps,
  timeLimitMs?: number,
): Promise<CfnResponseBody> {
  const work = apply(event, deps).then(
    (outcome) => cfnResponse(event, 'SUCCESS', outcome.physicalResourceId, outcome.reason, { EnabledByUs: outcome.enabledByUs.join(',') }),
    (error: unknown) => failed(event, error instanceof Error ? error.message : String(error)),
  );
  if (timeLimitMs === undefined) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CfnResponseBody>((resolve) => {
    timer = setTimeout(() => resolve(failed(event, `no answer from AWS within ${timeLimitMs} ms; a change may still have been applied`)), timeLimitMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function apply(event: CloudFormationCustomResourceEvent, deps: EventConfigurationsResourceDeps): Promise<Outcome> {
  if (event.RequestType === 'Delete') return remove(event, deps);
  const result = await reconcileEventConfigurations({
    iot: deps.iot,
    requested: requestedFamilies(event.ResourceProperties),
    previouslyEnabledByUs: event.RequestType === 'Update' ? keysFromPhysicalId(event.PhysicalResourceId) : [],
    request: event.RequestType,
  });
  // Unchanged ownership keeps the id, so CloudFormation sees no replacement.
  return { physicalResourceId: physicalIdFor(result.enabledByUs), enabledByUs: result.enabledByUs, reason: summary(result) };
}

async function remove(event: CloudFormationCustomResourceEvent & { RequestType: 'Delete' }, deps: EventConfigurationsResourceDeps): Promise<Outcome> {
  const id = event.PhysicalResourceId;
  if (deps.currentPhysicalResourceId) {
    // An Update that changed the id replaced the resource; the Delete of the old id during cleanup
    // must not turn off families the new id still owns. Unsure → leave them on: a family left on
    // costs little, one turned off silently starves every detector that reads it.
    let current: string | undefined;
    try {
      current = await deps.currentPhysicalResourceId(event.StackId, event.LogicalResourceId);
    } catch (error) {
      return { physicalResourceId: id, enabledByUs: [], reason: `left event configurations unchanged: could not read the current physical id (${String(error)})` };
    }
    if (current !== undefined && current !== id) {
      return { physicalResourceId: id, enabledByUs: [], reason: `superseded by ${current}; its families stay on` };
    }
  }
  const result = await reconcileEventConfigurations({ iot: deps.iot, requested: [], previouslyEnabledByUs: keysFromPhysicalId(id), request: 'Delete' });
  return { physicalResourceId: id, enabledByUs: [], reason: summary(result) };
}

function summary(result: ReconcileResult): string {
  const list = (keys: readonly string[]) => (keys.length ? keys.join(', ') : 'none');
  return `turned on: ${list(result.enabled)}; turned off: ${list(result.disabled)}; owned by this resource: ${list(result.enabledByUs)}`;
}

function failed(event: CloudFormationCustomResourceEvent, reason: string): CfnResponseBody {
  // A failed Create changed nothing; a failed Update or Delete keeps the id CloudFormation knows.
  const id = event.RequestType === 'Create' ? PHYSICAL_ID_PREFIX : event.PhysicalResourceId;
  return cfnResponse(event, 'FAILED', id, reason);
}
