import type { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { lazily } from '../../lazily';
import type { ActionIdentity, RecipientDirectory } from '../../ports';
import { lazyStsClient } from '../dispatch/action-clients';
import { RoleCredentials, roleSessionName } from '../dispatch/role-credentials';
import { IdentityStoreDirectory, LocalRecipientDirectory, type IdentityStoreDirectoryOptions } from './identity-store-directory';

/** What {@link createRecipientDirectory} needs. */
export interface RecipientDirectoryOptions {
  /** `aws`: IAM Identity Center; `local`: the local stack's fixed rule (no Identity Center). */
  readonly kind: 'aws' | 'local';
  /** The deployment's stage, named in role sessions (as the action dispatchers name theirs). */
  readonly stage: string;
  readonly requestHandler?: { readonly connectionTimeout?: number; readonly requestTimeout?: number };
  readonly onRefused?: IdentityStoreDirectoryOptions['onRefused'];
}

/**
 * The recipient directory of the dispatch function. On AWS, one identity store client per
 * identity, built (and its package loaded) on first use: a model's role signs through assumed
 * credentials (its own session, as its actions' dispatchers have), `own` with the function's.
 */
export function createRecipientDirectory(options: RecipientDirectoryOptions): RecipientDirectory {
  if (options.kind === 'local') return new LocalRecipientDirectory();
  const base = { maxAttempts: 3, ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}) };
  const sts = lazyStsClient({ requestHandler: options.requestHandler });
  const credentials = new RoleCredentials({ sts });
  const clients = new Map<string, () => Promise<IdentitystoreClient>>();
  const clientFor = (identity: ActionIdentity): Promise<IdentitystoreClient> => {
    const session = identity.kind === 'role' ? roleSessionName(options.stage, identity.model) : '';
    const key = identity.kind === 'role' ? `${identity.roleArn}\u0000${session}` : 'own';
    let client = clients.get(key);
    if (!client) {
      const signer = identity.kind === 'role' ? { credentials: () => credentials.get(identity.roleArn, session) } : {};
      client = lazily(async () => new (await import('@aws-sdk/client-identitystore')).IdentitystoreClient({ ...base, ...signer }));
      clients.set(key, client);
    }
    return client();
  };
  return new IdentityStoreDirectory({ clientFor, onRefused: options.onRefused });
}
