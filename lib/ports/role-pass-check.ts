import { AppError } from '../errors';

/** A request to name an IAM role for a detector model's actions, and who made it. */
export interface RolePassRequest {
  /** The IAM identity that signed the API request (`arn:aws:sts::…:assumed-role/Name/session`, `arn:aws:iam::…:user/alice`). */
  readonly callerArn: string;
  /** The role the model's actions will run with. */
  readonly roleArn: string;
  /** The account Vigil runs in: only its principals can be checked. */
  readonly accountId: string;
}

/** Whether the caller may pass the role; when not, why (for the 403 message). */
export type RolePassDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * Decides whether a caller may give a detector model a role, as AWS IoT Events did: the caller
 * needs `iam:PassRole` on it (for the service `iotevents.amazonaws.com`). Without this check
 * anyone allowed to create a model could borrow any role the dispatcher may assume.
 * Implementations throw only when the decision cannot be made (IAM unreachable); a denial is a
 * decision.
 */
export interface RolePassCheck {
  check(request: RolePassRequest): Promise<RolePassDecision>;
}

/** The decision could not be made (IAM throttled, unreachable, or refused Vigil itself). */
export class RolePassCheckError extends AppError {
  constructor(
    message: string,
    /** True when asking again later may succeed (throttling, a network or server fault). */
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
