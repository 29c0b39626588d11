import { AppError } from '../../lib/errors';
import { LOCAL_ACCOUNT, LOCAL_CALLER_ARN, localCredentials, type LocalCredentials } from '../stack/local-identity';
import type { AuthRefusal } from './auth-refusal';
import { verifySigV4, type ReceivedRequest } from './sigv4-verifier';

/** How the local stack's HTTP API and Lambda API authenticate requests. */
export interface LocalAuth {
  /** `sigv4` (the default) verifies every request; `off` takes every request as the local caller's. */
  readonly mode: 'sigv4' | 'off';
  readonly credentials: LocalCredentials;
  /** The ARN a verified request is attributed to. */
  readonly callerArn: string;
  readonly accountId: string;
}

/** The variable that turns verification off: `VIGIL_LOCAL_AUTH=off`. */
export const AUTH_VARIABLE = 'VIGIL_LOCAL_AUTH';

/** `VIGIL_LOCAL_AUTH` has a value other than `sigv4` or `off`. */
export class LocalAuthConfigError extends AppError {}

/**
 * The local stack's authentication settings: the key pair of {@link localCredentials}, and
 * `VIGIL_LOCAL_AUTH` (`sigv4`, the default, or `off`).
 *
 * @throws LocalAuthConfigError or LocalCredentialsError naming the variable.
 */
export function localAuthFromEnv(env: NodeJS.ProcessEnv = process.env): LocalAuth {
  const raw = (env[AUTH_VARIABLE] ?? '').trim().toLowerCase();
  if (raw !== '' && raw !== 'sigv4' && raw !== 'off') throw new LocalAuthConfigError(`${AUTH_VARIABLE} must be 'sigv4' (verify signatures, the default) or 'off', not '${env[AUTH_VARIABLE]}'`);
  return { mode: raw === 'off' ? 'off' : 'sigv4', credentials: localCredentials(env), callerArn: LOCAL_CALLER_ARN, accountId: LOCAL_ACCOUNT };
}

/**
 * What API Gateway's IAM authorization puts in `requestContext.authorizer` of a payload 2.0 event
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
export interface IamAuthorizerContext {
  readonly iam: {
    readonly accessKey: string;
    readonly accountId: string;
    readonly callerId: string;
    readonly cognitoIdentity: null;
    readonly principalOrgId: null;
    readonly userArn: string;
    readonly userId: string;
  };
}

/** The outcome of {@link authenticate}: who signed, or why the request is refused. */
export type Authentication = { readonly authorizer: IamAuthorizerContext } | { readonly refusal: AuthRefusal };

/**
 * Authenticates a request for `service` (`execute-api` or `lambda`): verifies its SigV4 signature
 * against the local key pair, or with `mode: 'off'` takes it as the local caller's unchecked.
 */
export async function authenticate(request: ReceivedRequest, auth: LocalAuth, service: string, now?: () => number): Promise<Authentication> {
  if (auth.mode === 'off') return { authorizer: iamAuthorizer(auth, auth.credentials.accessKeyId) };
  const result = await verifySigV4(request, { service, credentials: auth.credentials, now });
  return result.verified ? { authorizer: iamAuthorizer(auth, result.accessKeyId) } : { refusal: result.refusal };
}

// The unique id AWS gives an IAM user (AIDA…); the local caller has one fixed id.
const LOCAL_USER_ID = 'AIDAVIGILLOCALCALLER';

function iamAuthorizer(auth: LocalAuth, accessKey: string): IamAuthorizerContext {
  const userId = LOCAL_USER_ID;
  return { iam: { accessKey, accountId: auth.accountId, callerId: userId, cognitoIdentity: null, principalOrgId: null, userArn: auth.callerArn, userId } };
}
