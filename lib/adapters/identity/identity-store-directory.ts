import type { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import type { ResolvedRecipient } from '../../engine/alarm';
import { transientKind } from '../../errors';
import type { SSOIdentity } from '../../model';
import { recipientKey, type ActionIdentity, type RecipientDirectory } from '../../ports';

/** How long a user's contact details are kept per container: a changed address shows within this. */
export const RECIPIENT_CACHE_MS = 5 * 60_000;

/** What {@link IdentityStoreDirectory} needs. */
export interface IdentityStoreDirectoryOptions {
  /** The identity store client signing as `identity` (the alarm model's role, or the function's own). */
  readonly clientFor: (identity: ActionIdentity) => Promise<IdentitystoreClient>;
  /** Epoch ms, for the cache; injectable for tests. */
  readonly now?: () => number;
  /** Told of every user that cannot be looked up for good (not found, access denied). */
  readonly onRefused?: (identity: SSOIdentity, error: Error) => void;
}

interface Cached {
  readonly recipient: ResolvedRecipient | undefined;
  readonly until: number;
}

/**
 * IAM Identity Center users' e-mail addresses and phone numbers, from the identity store
 * (`DescribeUser`, the primary address and number first, else the first listed), looked up as the
 * alarm model's role — the permission AWS IoT Events itself needed (`sso-directory:DescribeUser`,
 * `identitystore:DescribeUser`). Each user is kept {@link RECIPIENT_CACHE_MS} per container and
 * identity, so an alarm that flaps does not look its recipients up on every change. A user that
 * does not exist, or that the role may not read, resolves to nothing (and `onRefused` hears of
 * it); a throttled or failing call throws, so the outbox is delivered again.
 */
export class IdentityStoreDirectory implements RecipientDirectory {
  private readonly cache = new Map<string, Cached>();
  private readonly now: () => number;

  constructor(private readonly options: IdentityStoreDirectoryOptions) {
    this.now = options.now ?? Date.now;
  }

  async lookup(identities: readonly SSOIdentity[], as: ActionIdentity): Promise<Map<string, ResolvedRecipient | undefined>> {
    const found = new Map<string, ResolvedRecipient | undefined>();
    await Promise.all(identities.map(async (identity) => found.set(recipientKey(identity), await this.one(identity, as))));
    return found;
  }

  private async one(identity: SSOIdentity, as: ActionIdentity): Promise<ResolvedRecipient | undefined> {
    if (!identity.userId) return undefined;
    const cacheKey = `${as.kind === 'role' ? as.roleArn : 'own'}\u0000${recipientKey(identity)}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > this.now()) return cached.recipient;
    let recipient: ResolvedRecipient | undefined;
    try {
      const [client, { DescribeUserCommand }] = await Promise.all([this.options.clientFor(as), import('@aws-sdk/client-identitystore')]);
      const user = await client.send(new DescribeUserCommand({ IdentityStoreId: identity.identityStoreId, UserId: identity.userId }));
      const email = preferred(user.Emails);
      const phoneNumber = preferred(user.PhoneNumbers);
      recipient = { ...(email ? { email } : {}), ...(phoneNumber ? { phoneNumber } : {}) };
    } catch (error) {
      if (transientKind(error)) throw error;
      this.options.onRefused?.(identity, error as Error);
      recipient = undefined;
    }
    this.cache.set(cacheKey, { recipient, until: this.now() + RECIPIENT_CACHE_MS });
    return recipient;
  }
}

function preferred(values: readonly { Value?: string; Primary?: boolean }[] | undefined): string | undefined {
  return (values?.find((value) => value.Primary && value.Value) ?? values?.find((value) => value.Value))?.Value;
}

/**
 * The local stack's directory: there is no IAM Identity Center. A user id that is an e-mail address
 * or an E.164 phone number is taken as it is; any other user `u` of store `d` gets the address
 * `u@d.invalid` (a reserved domain that can never deliver) and no phone number. So an alarm model
 * written for AWS runs unchanged, and the notifications inbox shows whom each mail was for.
 */
export class LocalRecipientDirectory implements RecipientDirectory {
  lookup(identities: readonly SSOIdentity[]): Promise<Map<string, ResolvedRecipient | undefined>> {
    return Promise.resolve(new Map(identities.map((identity) => [recipientKey(identity), localRecipient(identity)])));
  }
}

function localRecipient({ identityStoreId, userId }: SSOIdentity): ResolvedRecipient | undefined {
  if (!userId) return undefined;
  if (/^\+[1-9]\d{1,14}$/.test(userId)) return { phoneNumber: userId };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(userId)) return { email: userId };
  return { email: `${userId.replace(/[^\w.+-]/g, '-')}@${identityStoreId.replace(/[^\w-]/g, '-')}.invalid` };
}
