import type { ResolvedRecipient } from '../engine/alarm';
import type { SSOIdentity } from '../model';
import type { ActionIdentity } from './action-dispatcher';

/** The map key of an IAM Identity Center user: `<identityStoreId>/<userId>`. */
export function recipientKey(identity: SSOIdentity): string {
  return `${identity.identityStoreId}/${identity.userId ?? ''}`;
}

/**
 * Where alarm notification recipients (IAM Identity Center users) are looked up: their e-mail
 * address and phone number, as AWS IoT Events resolved them before invoking the notification
 * Lambda function. On AWS, IAM Identity Center's identity store (DescribeUser), called with the
 * alarm model's role; on the local stack, a fixed rule (docs/decisions.md).
 */
export interface RecipientDirectory {
  /**
   * The contact details of each identity, by {@link recipientKey}; undefined for a user that does
   * not exist or cannot be looked up for good (the caller leaves it out and says so).
   * @throws the service's error when a lookup failed for a reason that may pass (retry later).
   */
  lookup(identities: readonly SSOIdentity[], as: ActionIdentity): Promise<Map<string, ResolvedRecipient | undefined>>;
}
