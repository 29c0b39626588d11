/**
 * The IAM principal behind the identity that signed a request, as far as IAM can simulate it:
 * a user (its ARN), an assumed-role session (its role, by name: the session ARN omits the role's
 * path, which GetRole supplies), the account's root user, or something IAM cannot simulate.
 */
export type CallerPrincipal =
  | { readonly kind: 'user'; readonly accountId: string; readonly arn: string }
  | { readonly kind: 'role'; readonly accountId: string; readonly roleName: string }
  | { readonly kind: 'root'; readonly accountId: string }
  | { readonly kind: 'unsupported'; readonly accountId: string | undefined; readonly why: string };

/**
 * Reads a caller ARN as API Gateway reports it (`requestContext.authorizer.iam.userArn`):
 * `arn:aws:iam::A:user/path/name`, `arn:aws:sts::A:assumed-role/Name/session`, `arn:aws:iam::A:root`.
 * Federated users (GetFederationToken) and anything else cannot be simulated.
 */
export function callerPrincipal(callerArn: string): CallerPrincipal {
  const [arn, partition, service, , accountId, ...rest] = callerArn.split(':');
  const resource = rest.join(':');
  const valid = arn === 'arn' && partition !== undefined && partition !== '' && /^\d{12}$/.test(accountId ?? '');
  if (!valid) return { kind: 'unsupported', accountId: undefined, why: 'it is not an IAM principal ARN' };
  if (service === 'iam' && resource === 'root') return { kind: 'root', accountId };
  if (service === 'iam' && resource.startsWith('user/')) return { kind: 'user', accountId, arn: callerArn };
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const [, roleName, session] = resource.split('/');
    if (roleName && session) return { kind: 'role', accountId, roleName };
  }
  if (service === 'sts' && resource.startsWith('federated-user/')) {
    return { kind: 'unsupported', accountId, why: 'federated-user sessions (GetFederationToken) cannot be simulated; sign with an IAM user or an assumed role' };
  }
  return { kind: 'unsupported', accountId, why: 'IAM can simulate only users and assumed roles' };
}
