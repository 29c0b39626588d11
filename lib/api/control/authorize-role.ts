import { RolePassCheckError } from '../../ports';
import { apiErrors, type ApiRequest } from '../http';
import type { ResourceScope } from '../resource-scope';
import type { ControlApiDeps } from './deps';

/** An IAM role ARN: `arn:<partition>:iam::<account>:role/<path/><name>`. */
const ROLE_ARN = /^arn:[a-z][a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/**
 * Restores AWS IoT Events' contract for a model's `roleArn`, when model roles are on: the model must
 * name a role, and whoever creates or updates it must be allowed to pass that role
 * (`iam:PassRole`, for `iotevents.amazonaws.com`), since the dispatcher will perform the model's
 * actions with it. Checked on every Create and Update, also when an update keeps the previous
 * version's role: the new definition decides what that role is used for.
 *
 * @throws ApiError 400 when the role is missing or not a role ARN, 403 (AccessDeniedException)
 * naming the caller and the role when the caller may not pass it, 503 when IAM could not answer.
 */
export async function authorizeRole(roleArn: string | undefined, request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<void> {
  const check = deps.rolePassCheck;
  if (!check) return;
  if (roleArn === undefined || roleArn === '') {
    throw apiErrors.invalid("roleArn is required: the model's actions run with this IAM role, whose trust policy must let Vigil's dispatch role assume it (as AWS IoT Events required)");
  }
  if (typeof roleArn !== 'string' || !ROLE_ARN.test(roleArn)) {
    throw apiErrors.invalid(`roleArn ${JSON.stringify(roleArn)} is not an IAM role ARN; give arn:${scope.partition}:iam::<account>:role/<name>`);
  }
  const caller = request.caller?.arn;
  if (!caller) throw apiErrors.accessDenied(`the request was not signed by an IAM identity, so whether it may pass role ${roleArn} (iam:PassRole) cannot be checked`);
  let decision;
  try {
    decision = await check.check({ callerArn: caller, roleArn, accountId: scope.accountId });
  } catch (error) {
    if (error instanceof RolePassCheckError && error.retryable) {
      throw apiErrors.unavailable(`could not check whether ${caller} may pass role ${roleArn}; try again: ${error.message}`, { cause: error });
    }
    deps.telemetry.log('error', 'iam:PassRole check failed', { caller, roleArn, error: (error as Error).message });
    throw apiErrors.internal(`could not check whether ${caller} may pass role ${roleArn}; the error has been logged`, { cause: error });
  }
  if (!decision.allowed) {
    throw apiErrors.accessDenied(`${caller} is not allowed to pass role ${roleArn} (iam:PassRole for iotevents.amazonaws.com), which the model's actions would run with: ${decision.reason}`);
  }
}
