/**
 * Whether the IAM principal `caller` (the ARN that signed a request) is one of `allowed`. An
 * allowed role ARN (`arn:aws:iam::123456789012:role/path/Name`) admits every session of that role
 * (`arn:aws:sts::123456789012:assumed-role/Name/any-session`); other entries must match exactly.
 */
export function principalAllowed(caller: string | undefined, allowed: readonly string[]): boolean {
  if (!caller || !allowed.length) return false;
  if (allowed.includes(caller)) return true;
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(caller);
  if (!session) return false;
  const [, partition, account, roleName] = session;
  return allowed.some((entry) => {
    const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(entry);
    return role !== null && role[1] === partition && role[2] === account && role[3] === roleName;
  });
}
