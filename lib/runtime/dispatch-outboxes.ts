import type { ActionEffect } from '../engine';
import type { AlarmEffect } from '../engine/alarm';
import type { ActionDispatchers, ActionFailureSink, ActionIdentity, DispatchOutcome, FailedAction, RecipientDirectory, Telemetry } from '../ports';
import { notificationInvocations } from './alarm-notifications';
import { ModelRoleError, type ModelRoles } from './model-roles';

/** The actions one committed detector (or alarm instance) write produced, and where it sits in the change stream. */
export interface Outbox {
  /** The stream record's sequence number. */
  readonly id: string;
  /** An alarm instance's outbox may hold notifications, turned into lambda actions before dispatch. */
  readonly effects: readonly (ActionEffect | AlarmEffect)[];
  /** True for an alarm instance's outbox: its actions run with {@link roleArn}, committed with them. */
  readonly alarm?: boolean;
  /** The role of the alarm model version that produced the effects. */
  readonly roleArn?: string;
}

/** What {@link dispatchOutboxes} works with. */
export interface DispatchDeps {
  readonly dispatchers: ActionDispatchers;
  /**
   * Where each model version's role is found. Undefined when model roles are ignored (a local
   * stack, which has no STS): every action then runs with the dispatcher's own credentials.
   */
  readonly roles: Pick<ModelRoles, 'refresh' | 'roleOf'> | undefined;
  readonly sink: ActionFailureSink | undefined;
  readonly telemetry: Telemetry;
  /** Where alarm notification recipients are looked up (IAM Identity Center); absent: they are left out. */
  readonly directory?: RecipientDirectory;
}

/** An effect's identity, or why it has none: a model fault (fails the action) or a read that failed (retried). */
type Resolved = { readonly identity: ActionIdentity } | { readonly refused: ModelRoleError } | { readonly unread: Error };

/**
 * Performs the actions of committed detector writes, each with the role of the model version that
 * produced it (AWS IoT Events' contract): actions of one model share a dispatcher signed with that
 * role, and within it, actions of different detectors for one target share batch requests
 * (PublishBatch, SendMessageBatch: one call for ten detectors' alerts, not ten), in stream order.
 * `iotEvents` actions feed Vigil's own ingest queue and run with the dispatcher's own permission.
 *
 * An action that fails after the dispatcher's retries — or whose model has no usable role — is
 * recorded in the failure sink (and logged and counted); the state change stands, as in AWS IoT
 * Events. When a role cannot even be read (the models table failing), nothing from that outbox on
 * is performed; when the failures cannot be recorded, the actions have been tried. Either way the
 * id of the first outbox concerned is returned: the stream delivers it (and everything after)
 * again, each action with the same actionExecutionId.
 */
export async function dispatchOutboxes(outboxes: readonly Outbox[], deps: DispatchDeps): Promise<string | undefined> {
  const { telemetry } = deps;
  // Alarm notifications become invocations of their function; an outbox whose recipients could not
  // be looked up now is delivered again (with all after it), so it is the latest to retry from.
  const prepared = await notificationInvocations(outboxes, { directory: deps.directory, assumeRoles: deps.roles !== undefined, telemetry });
  const effects: ActionEffect[] = [];
  const owners: Outbox[] = [];
  for (const outbox of prepared.outboxes) {
    for (const effect of outbox.effects) {
      effects.push(effect as ActionEffect);
      owners.push(outbox);
    }
  }
  const outboxOf = owners.map((outbox) => outbox.id);
  if (!effects.length) return prepared.retryFrom;
  const resolved = await resolveIdentities(effects, owners, deps.roles);
  // Nothing from the first outbox with an unread role on is performed now: the stream delivers
  // all of it again, so performing it here would only send (or dead-letter) it twice.
  const unread = resolved.findIndex((entry) => 'unread' in entry);
  let retryFrom = unread < 0 ? undefined : outboxOf.indexOf(outboxOf[unread]);
  if (unread >= 0) {
    const { unread: error } = resolved[unread] as { unread: Error };
    telemetry.log('error', 'could not read the role of a detector model; the stream will deliver its actions again', { ...fieldsOf(effects[unread]), outbox: outboxOf[unread], error: error.message });
  }
  const outcomes = await performAs(effects.slice(0, retryFrom), resolved.slice(0, retryFrom), deps.dispatchers);
  const failures: FailedAction[] = [];
  let dispatched = 0;
  outcomes.forEach((outcome, index) => {
    const fields = { ...fieldsOf(outcome.effect), attempts: outcome.attempts };
    if (outcome.ok) {
      dispatched++;
      telemetry.log('info', 'action dispatched', fields);
      return;
    }
    telemetry.log('error', 'action failed', { ...fields, error: outcome.error.message });
    failures.push(owners[index].alarm ? { ...outcome, alarm: true } : outcome);
  });
  telemetry.count('ActionsDispatched', dispatched);
  // Attempts beyond the first: throttled or failing targets show here before they show as failures.
  const retries = outcomes.reduce((sum, outcome) => sum + Math.max(0, outcome.attempts - 1), 0);
  if (retries) telemetry.count('ActionRetries', retries);
  if (failures.length) {
    telemetry.count('ActionsFailed', failures.length);
    try {
      await deps.sink?.record(failures);
    } catch (error) {
      telemetry.log('error', 'could not record failed actions; the stream will deliver them again', { error: (error as Error).message });
      const first = outcomes.findIndex((outcome) => !outcome.ok);
      retryFrom = retryFrom === undefined ? first : Math.min(retryFrom, first);
    }
  }
  return retryFrom === undefined ? prepared.retryFrom : outboxOf[retryFrom];
}

function fieldsOf(effect: ActionEffect) {
  return { detectorModelName: effect.detectorModelName, keyValue: effect.keyValue, eventName: effect.eventName, action: effect.type, actionExecutionId: effect.actionExecutionId };
}

/**
 * Who performs each effect: re-ingestion as Vigil itself, an alarm's actions as the role committed
 * with them, everything else as its detector model's role.
 */
async function resolveIdentities(effects: readonly ActionEffect[], owners: readonly Outbox[], roles: DispatchDeps['roles']): Promise<Resolved[]> {
  // Re-ingestion targets Vigil's own queue, which no model role is granted: the dispatcher's
  // permission covers exactly that queue, and the model chooses only the input name.
  const own = (effect: ActionEffect) => effect.type === 'iotEvents' || !roles;
  let stale: Error | undefined;
  if (roles && effects.some((effect, index) => !own(effect) && !owners[index].alarm)) {
    stale = await roles.refresh().then(() => undefined, (error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  }
  return Promise.all(
    effects.map(async (effect, index): Promise<Resolved> => {
      if (own(effect) || !roles) return { identity: { kind: 'own' } };
      const owner = owners[index];
      if (owner.alarm) {
        if (owner.roleArn) return { identity: { kind: 'role', roleArn: owner.roleArn, model: effect.detectorModelName } };
        return { refused: new ModelRoleError(effect.detectorModelName, effect.detectorModelVersion, `alarm model ${effect.detectorModelName} version ${effect.detectorModelVersion} names no roleArn; the action was not performed`) };
      }
      if (stale) return { unread: stale };
      try {
        return { identity: { kind: 'role', roleArn: await roles.roleOf(effect.detectorModelName, effect.detectorModelVersion), model: effect.detectorModelName } };
      } catch (error) {
        return error instanceof ModelRoleError ? { refused: error } : { unread: error instanceof Error ? error : new Error(String(error)) };
      }
    }),
  );
}

/**
 * Dispatches each identity's effects with its own dispatcher, all identities at once. Effects of
 * a model without a usable role fail at once: nothing is sent for them.
 */
async function performAs(effects: readonly ActionEffect[], resolved: readonly Resolved[], dispatchers: ActionDispatchers): Promise<DispatchOutcome[]> {
  const outcomes: DispatchOutcome[] = new Array(effects.length);
  const groups = new Map<string, { identity: ActionIdentity; indices: number[] }>();
  resolved.forEach((entry, index) => {
    if ('refused' in entry) outcomes[index] = { effect: effects[index], ok: false, attempts: 0, error: entry.refused };
    if (!('identity' in entry)) return;
    const { identity } = entry;
    const key = identity.kind === 'own' ? 'own' : `role\u0000${identity.roleArn}\u0000${identity.model}`;
    const group = groups.get(key) ?? { identity, indices: [] };
    group.indices.push(index);
    groups.set(key, group);
  });
  await Promise.all(
    [...groups.values()].map(async ({ identity, indices }) => {
      const results = await dispatchers.forIdentity(identity).dispatch(indices.map((index) => effects[index]));
      indices.forEach((index, k) => (outcomes[index] = results[k]));
    }),
  );
  return outcomes;
}
