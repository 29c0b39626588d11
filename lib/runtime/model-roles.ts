import { AppError } from '../errors';
import type { ModelRepository } from '../ports';

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

/**
 * The IAM role each model version's actions run with, read from the model repository (the stored
 * CreateDetectorModel request's `roleArn`) once per version per container. Looking the role up
 * here, rather than copying it into every detector write, keeps detector items (and their write
 * units) as small as they were: the stream image already names the model and version.
 *
 * A version never changes once stored, but deleting a model and creating it again reuses its
 * version numbers — with a role of the new creator's choosing. So {@link refresh} reads the
 * catalog's revision (one small, strongly consistent read) before each batch, and forgets every
 * role when it changed: a batch's actions were committed after their model version was stored,
 * so the revision read after receiving them already reflects any re-creation. Concurrent lookups
 * of one version share one read; a failed read is not kept.
 */
export class ModelRoles {
  private readonly roles = new Map<string, Promise<string>>();
  private revision: string | undefined;

  constructor(private readonly repository: Pick<ModelRepository, 'getModel' | 'index'>) {}

  /**
   * Checks the catalog's revision and forgets every role if any model or input changed since the
   * last check. Call once per batch of actions, before {@link roleOf}.
   * @throws the repository's error when the catalog cannot be read (a transient failure).
   */
  async refresh(): Promise<void> {
    const { revision } = await this.repository.index();
    if (revision === this.revision) return;
    this.roles.clear();
    this.revision = revision;
  }

  /**
   * The role ARN of a model version.
   * @throws ModelRoleError when the version does not exist or names no role; the repository's own
   * error when it cannot be read (a transient failure: the caller should try again later).
   */
  roleOf(model: string, version: string): Promise<string> {
    const key = `${model}\u0000${version}`;
    const cached = this.roles.get(key);
    if (cached) return cached;
    const roleArn = this.read(model, version);
    this.roles.set(key, roleArn);
    roleArn.catch(() => {
      // Neither a missing role nor a failed read is remembered: the model may be fixed (or the
      // table recover) any moment, and failures are rare enough to read each time.
      if (this.roles.get(key) === roleArn) this.roles.delete(key);
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
