import type { STSClient } from '@aws-sdk/client-sts';
import type { ActionDispatcher, ActionDispatchers, ActionIdentity, DispatchOutcome } from '../../ports/action-dispatcher';
import { createActionClients, lazyStsClient, type ActionClientOptions } from './action-clients';
import { createActionDispatcher, type ActionClients } from './action-dispatcher';
import type { RetryOptions } from './retry';
import { RoleCredentials, roleSessionName } from './role-credentials';

/** Whether model roles are assumed (AWS) or ignored (a local stack without STS). */
export type ModelRolesMode = 'assume' | 'ignore';

/** What {@link createRoleDispatchers} needs. */
export interface RoleDispatchersOptions {
  readonly mode: ModelRolesMode;
  /** The deployment's stage, named in every role session. */
  readonly stage: string;
  /** How every client is set up (timeouts, endpoints); the credentials are the identity's. */
  readonly clients?: Omit<ActionClientOptions, 'credentials'>;
  /** Vigil's ingest queue, for `iotEvents` actions (performed with the dispatcher's own credentials). */
  readonly ingestQueueUrl?: string;
  /** For AssumeRole; one is built with the client options on first use when absent. */
  readonly sts?: STSClient;
  /** Epoch ms, for the credential cache; injectable for tests. */
  readonly now?: () => number;
  readonly retry?: Partial<RetryOptions>;
}

/**
 * Creates the {@link ActionDispatchers} of the dispatch function. `own` performs actions with the
 * function's own credentials. A model's role gets a dispatcher of its own (one per role and
 * model, so every session names its model), whose SDK clients sign with the role's assumed
 * credentials ({@link RoleCredentials}); before sending, it makes sure the role can be assumed,
 * and if not, fails every effect with a {@link RoleAssumptionError} — nothing is sent with other
 * credentials. In `ignore` mode there is no STS: every identity gets the own dispatcher.
 *
 * No SDK package is loaded here: each client (STS's too) is built on first use, so a container
 * loads only what its outboxes need.
 */
export function createRoleDispatchers(options: RoleDispatchersOptions): ActionDispatchers {
  const clientOptions = options.clients ?? {};
  const ownClients = createActionClients(clientOptions);
  const ownDispatcher = (clients: ActionClients) => createActionDispatcher({ clients, ingestQueueUrl: options.ingestQueueUrl, retry: options.retry });
  if (options.mode === 'ignore') {
    const own = ownDispatcher(ownClients);
    return { forIdentity: () => own };
  }
  // With roles assumed, Vigil's own credentials serve only re-ingestion into its ingest queue: the
  // own dispatcher gets no other client, so no other action can ever be sent with them.
  const own = ownDispatcher({ sqs: ownClients.sqs });
  const credentials = new RoleCredentials({ sts: options.sts ?? lazyStsClient({ requestHandler: clientOptions.requestHandler }), now: options.now, retry: options.retry });
  const byRole = new Map<string, ActionDispatcher>();
  return {
    forIdentity(identity: ActionIdentity): ActionDispatcher {
      if (identity.kind === 'own') return own;
      const sessionName = roleSessionName(options.stage, identity.model);
      const key = `${identity.roleArn}\u0000${sessionName}`;
      let dispatcher = byRole.get(key);
      if (!dispatcher) {
        const provider = () => credentials.get(identity.roleArn, sessionName);
        dispatcher = withRole(provider, createActionDispatcher({ clients: createActionClients({ ...clientOptions, credentials: provider }), retry: options.retry }));
        byRole.set(key, dispatcher);
      }
      return dispatcher;
    },
  };
}

/** A dispatcher that first obtains its role's credentials, and fails every effect when it cannot. */
function withRole(credentials: () => Promise<unknown>, inner: ActionDispatcher): ActionDispatcher {
  return {
    async dispatch(effects): Promise<DispatchOutcome[]> {
      try {
        await credentials();
      } catch (thrown) {
        const error = thrown instanceof Error ? thrown : new Error(String(thrown));
        return effects.map((effect) => ({ effect, ok: false, attempts: 0, error }));
      }
      return inner.dispatch(effects);
    },
  };
}
