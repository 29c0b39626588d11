import { GetRoleCommand, SimulatePrincipalPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { RolePassCheckError, type RolePassCheck, type RolePassDecision, type RolePassRequest } from '../../ports/role-pass-check';
import { isTransientError } from '../dispatch/classify-error';
import { callerPrincipal } from './caller-principal';

/**
 * The service a detector model's role was passed to on AWS IoT Events. The simulation sets
 * `iam:PassedToService` to it, so the PassRole policies teams wrote for IoT Events (with that
 * condition) keep deciding who may name which role.
 */
export const PASSED_TO_SERVICE = 'iotevents.amazonaws.com';

/**
 * Checks `iam:PassRole` with IAM's policy simulator (SimulatePrincipalPolicy) on the caller's user,
 * or on the role of an assumed-role session (found with GetRole, since the session ARN leaves out
 * the role's path). The simulation evaluates the principal's identity policies, its permissions
 * boundary and the organization's SCPs; it cannot see a session policy, so a session narrower than
 * its role is judged by its role. The account's root user may pass any role. Principals of other
 * accounts cannot be simulated from this one and are refused.
 */
export class IamRolePassCheck implements RolePassCheck {
  constructor(private readonly iam: IAMClient) {}

  async check(request: RolePassRequest): Promise<RolePassDecision> {
    const principal = callerPrincipal(request.callerArn);
    if (principal.kind === 'unsupported') return { allowed: false, reason: `Vigil cannot check the caller's permissions: ${principal.why}` };
    if (principal.accountId !== request.accountId) {
      return { allowed: false, reason: `the caller belongs to account ${principal.accountId}; Vigil can check iam:PassRole only for principals of its own account ${request.accountId}` };
    }
    if (principal.kind === 'root') return { allowed: true };
    try {
      const source = principal.kind === 'user' ? principal.arn : await this.roleArnOf(principal.roleName);
      const output = await this.iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: source,
          ActionNames: ['iam:PassRole'],
          ResourceArns: [request.roleArn],
          ContextEntries: [{ ContextKeyName: 'iam:PassedToService', ContextKeyType: 'string', ContextKeyValues: [PASSED_TO_SERVICE] }],
        }),
      );
      const decision = output.EvaluationResults?.[0]?.EvalDecision;
      if (decision === 'allowed') return { allowed: true };
      return { allowed: false, reason: `the policy simulator's decision for ${source} is ${decision ?? 'missing'}` };
    } catch (error) {
      if (error instanceof RolePassCheckError) throw error;
      if ((error as Error).name === 'NoSuchEntityException') return { allowed: false, reason: `IAM does not know the caller: ${(error as Error).message}` };
      throw new RolePassCheckError(`could not check iam:PassRole with IAM: ${(error as Error).name}: ${(error as Error).message}`, isTransientError(error), { cause: error });
    }
  }

  private async roleArnOf(roleName: string): Promise<string> {
    const output = await this.iam.send(new GetRoleCommand({ RoleName: roleName }));
    if (!output.Role?.Arn) throw new RolePassCheckError(`IAM answered GetRole for ${roleName} without the role's ARN`, true);
    return output.Role.Arn;
  }
}
