import { AppError } from '../errors';
import type { Clock, ModelRepository } from '../ports';

/**
 * How long a model version's role is trusted in a container. A version never changes once stored;
 * only deleting a model and creating it again reuses its version numbers, so this bounds how long
 * a recreated model's first versions could run with the deleted one's role.
 */
export const MODEL_ROLE_TTL_MS = 60_000;

/**
 * The role of a model version cannot be used: the version no longer exists, or it names no role.
 * The model's actions then fail (actions DLQ, `ActionsFailed`); they never fall back to Vigil's
 * own permissions. `path` is the model field at fault.
 */
export class ModelRoleError extends AppError {
  readonly path = 'roleArn';

  constructor(
    readonly model: string,
    readonly version: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface Entry {
  readonly roleArn: Promise<string>;
  readonly until: number;
}

/**
 * The IAM role each model version's actions run with, read from the model repository (the stored
 * CreateDetectorModel request's `roleArn`) once per version per container and kept
 * {@link MODEL_ROLE_TTL_MS}. Looking the role up here, rather than copying it into every detector
 * write, keeps detector items (and their write units) as small as they were: the stream image
 * already names the model and version. Concurrent lookups of one version share one read; a failed
 * read is not kept, so the next batch reads again.
 */
export class ModelRoles {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly repository: Pick<ModelRepository, 'getModel'>,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly ttlMs = MODEL_ROLE_TTL_MS,
  ) {}

  /**
   * The role ARN of a model version.
   * @throws ModelRoleError when the version does not exist or names no role; the repository's own
   * error when it cannot be read (a transient failure: the caller should try again later).
   */
  roleOf(model: string, version: string): Promise<string> {
    const key = `${model}\u0000${version}`;
    const now = this.clock.now();
    const cached = this.entries.get(key);
    if (cached && cached.until > now) return cached.roleArn;
    const roleArn = this.read(model, version);
    this.entries.set(key, { roleArn, until: now + this.ttlMs });
    roleArn.catch(() => {
      // Neither a missing role nor a failed read is remembered: the model may be fixed (or the
      // table recover) any moment, and failures are rare enough to read each time.
      if (this.entries.get(key)?.roleArn === roleArn) this.entries.delete(key);
    });
    return roleArn;
  }

  private async read(model: string, version: string): Promise<string> {
    const record = await this.repository.getModel(model, version);
    if (!record) {
      throw new ModelRoleError(model, version, `detector model ${model} version ${version} no longer exists, so the role its actions run with is unknown; the action was not performed`);
    }
    const { roleArn } = record.request;
    if (typeof roleArn !== 'string' || roleArn === '') {
      throw new ModelRoleError(
        model,
        version,
        `detector model ${model} version ${version} names no roleArn, and Vigil performs a model's actions only with the model's own role: ` +
          'update the model with the roleArn of a role that may perform its actions',
      );
    }
    return roleArn;
  }
}
