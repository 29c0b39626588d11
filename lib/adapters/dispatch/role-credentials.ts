import type { STSClient } from '@aws-sdk/client-sts';
import { fnv1a32 } from '../../hash';
import { clientOf, type ClientSource, type Credentials } from './action-clients';
import { RoleAssumptionError } from './errors';
import { deliverWithRetry, retryOptions, type RetryOptions } from './retry';

/**
 * How long an assumed session lasts: one hour, the most STS grants when a role's session assumes
 * another role (role chaining, which is what a Lambda function's role does).
 */
export const SESSION_SECONDS = 3600;

/**
 * Credentials are renewed when less than this is left of them. The SDK asks its credentials
 * provider again five minutes before expiry; renewing earlier means it then gets fresh ones, and a
 * slow AssumeRole never races the old credentials' end.
 */
export const RENEW_BEFORE_MS = 10 * 60_000;

/** What {@link RoleCredentials} needs. */
export interface RoleCredentialsOptions {
  /** The client, or its builder: STS's package is then loaded by the first AssumeRole only. */
  readonly sts: ClientSource<STSClient>;
  /** Epoch ms; tests move it to see credentials renewed. */
  readonly now?: () => number;
  readonly renewBeforeMs?: number;
  /** Backoff for throttled or failing AssumeRole calls (the dispatcher's defaults). */
  readonly retry?: Partial<RetryOptions>;
}

interface Session {
  readonly credentials: Promise<Credentials>;
  /** Epoch ms; undefined until STS has answered. */
  expiresAt?: number;
}

/**
 * Temporary credentials of the roles detector models name, one session per role and model,
 * obtained with STS AssumeRole and kept until {@link RENEW_BEFORE_MS} before they expire. Callers
 * asking at once share one AssumeRole call; a failed call is not kept, so the next ask tries again.
 *
 * Vigil calls STS itself rather than using the SDK's `fromTemporaryCredentials`: a role that cannot
 * be assumed must fail the model's actions with an error naming the role and what to fix, before
 * anything is sent, and the cache must be observable and clock-driven for tests.
 */
export class RoleCredentials {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;
  private readonly renewBeforeMs: number;
  private readonly retry: RetryOptions;

  constructor(private readonly options: RoleCredentialsOptions) {
    this.now = options.now ?? Date.now;
    this.renewBeforeMs = options.renewBeforeMs ?? RENEW_BEFORE_MS;
    this.retry = retryOptions(options.retry);
  }

  /**
   * The current credentials of a session of `roleArn` named `sessionName`.
   * @throws RoleAssumptionError when STS refuses or keeps failing.
   */
  get(roleArn: string, sessionName: string): Promise<Credentials> {
    const key = `${roleArn}\u0000${sessionName}`;
    const current = this.sessions.get(key);
    if (current && (current.expiresAt === undefined || current.expiresAt - this.renewBeforeMs > this.now())) return current.credentials;
    const session: Session = { credentials: this.assume(roleArn, sessionName) };
    this.sessions.set(key, session);
    session.credentials.then(
      (credentials) => (session.expiresAt = credentials.expiration?.getTime() ?? this.now() + SESSION_SECONDS * 1000),
      () => {
        if (this.sessions.get(key) === session) this.sessions.delete(key);
      },
    );
    return session.credentials;
  }

  private async assume(roleArn: string, sessionName: string): Promise<Credentials> {
    let answer: Credentials | undefined;
    const [result] = await deliverWithRetry(
      [roleArn],
      async () => {
        const [sts, { AssumeRoleCommand }] = await Promise.all([clientOf(this.options.sts) as Promise<STSClient>, import('@aws-sdk/client-sts')]);
        const output = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: SESSION_SECONDS }));
        const issued = output.Credentials;
        if (!issued?.AccessKeyId || !issued.SecretAccessKey) return [new Error('STS answered AssumeRole without credentials')];
        answer = { accessKeyId: issued.AccessKeyId, secretAccessKey: issued.SecretAccessKey, sessionToken: issued.SessionToken, expiration: issued.Expiration };
        return [undefined];
      },
      this.retry,
    );
    if (result.ok && answer) return answer;
    const error = result.ok ? new Error('no credentials') : result.error;
    const hint =
      error.name === 'AccessDenied'
        ? "; the role's trust policy must allow Vigil's dispatch role to sts:AssumeRole, and the stage's modelRoleArns parameter must include the role"
        : '';
    throw new RoleAssumptionError(roleArn, sessionName, `could not assume role ${roleArn} (session ${sessionName}): ${error.name}: ${error.message}${hint}`, error.name, false, { cause: error });
  }
}

/**
 * The STS session name of a model's actions, `vigil-<stage>-<model>`: CloudTrail then shows which
 * stage and model did what with a role. STS allows 2–64 characters of `[\w+=,.@-]`; other
 * characters become `-`, and a longer name is cut and ends with a hash of the whole, so two long
 * model names never share a session.
 */
export function roleSessionName(stage: string, model: string): string {
  const name = `vigil-${stage}-${model}`.replace(/[^\w+=,.@-]/g, '-');
  if (name.length <= 64) return name;
  return `${name.slice(0, 55)}-${fnv1a32(name).toString(16).padStart(8, '0')}`;
}
