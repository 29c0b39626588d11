import { AppError } from '../../errors';

/**
 * Why one action was not delivered: an entry the service reported as failed in a batch response,
 * or a problem found before anything was sent (no client configured, a payload the target cannot
 * take). `transient` says whether sending the same request again may succeed.
 */
export class ActionDeliveryError extends AppError {
  constructor(
    message: string,
    /** The service's error code (`ThrottlingException`), or Vigil's for local problems (`MissingClient`). */
    readonly code: string,
    readonly transient: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The role a model's actions run with could not be assumed (its trust policy does not name
 * Vigil's dispatch role, the stage's `modelRoleArns` does not include it, it does not exist, or STS
 * kept failing). The model's actions fail with it; none is performed with other credentials.
 */
export class RoleAssumptionError extends ActionDeliveryError {
  constructor(
    readonly roleArn: string,
    readonly sessionName: string,
    message: string,
    code: string,
    transient: boolean,
    options?: ErrorOptions,
  ) {
    super(message, code, transient, options);
  }
}

/**
 * Failed actions could not be written to the dead-letter queue. The caller must fail the batch it
 * is processing, so the failures are redelivered rather than lost.
 */
export class FailureSinkError extends AppError {
  constructor(
    message: string,
    /** One error per failure record that was not written. */
    readonly errors: readonly Error[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
