import { AppError } from '../../lib/errors';

/**
 * Who the local stack is, as AWS would say: the stage it deploys (model files' `${Vigil::Stage}`
 * becomes `local`), its region and account (those of `LOCAL_PLACEHOLDERS`), and the credentials
 * its clients sign with and its APIs verify.
 */
export const LOCAL_STAGE = 'local';

/** The region of the local stack. */
export const LOCAL_REGION = 'us-east-1';

/** The account of the local stack, as fauxqs and the rule emulator report it. */
export const LOCAL_ACCOUNT = '000000000000';

/** A key pair (no session token: the local stack has no STS). */
export interface LocalCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * The default key pair: what every local client signs with and the local APIs accept unless
 * `VIGIL_LOCAL_ACCESS_KEY_ID`/`VIGIL_LOCAL_SECRET_ACCESS_KEY` say otherwise. It is public, so it
 * keeps out only what cannot sign at all (web pages, unsigned tools); set your own on a shared machine.
 */
export const LOCAL_CREDENTIALS: LocalCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The IAM identity a request verified with the local key pair is attributed to. */
export const LOCAL_CALLER_ARN = `arn:aws:iam::${LOCAL_ACCOUNT}:user/vigil-local`;

/** The environment variables that set the local key pair. */
export const CREDENTIAL_VARIABLES = { accessKeyId: 'VIGIL_LOCAL_ACCESS_KEY_ID', secretAccessKey: 'VIGIL_LOCAL_SECRET_ACCESS_KEY' } as const;

/** The local key pair is half set, or empty. */
export class LocalCredentialsError extends AppError {}

/**
 * The key pair of the local stack: `VIGIL_LOCAL_ACCESS_KEY_ID` and `VIGIL_LOCAL_SECRET_ACCESS_KEY`
 * when set (both or neither), else {@link LOCAL_CREDENTIALS}. The stack verifies signatures with
 * it; the CLI, `vigil tail` and the stack's own clients sign with it.
 *
 * @throws LocalCredentialsError naming the variable missing.
 */
export function localCredentials(env: NodeJS.ProcessEnv = process.env): LocalCredentials {
  const accessKeyId = env[CREDENTIAL_VARIABLES.accessKeyId] ?? '';
  const secretAccessKey = env[CREDENTIAL_VARIABLES.secretAccessKey] ?? '';
  if (accessKeyId === '' && secretAccessKey === '') return LOCAL_CREDENTIALS;
  const missing = accessKeyId === '' ? CREDENTIAL_VARIABLES.accessKeyId : secretAccessKey === '' ? CREDENTIAL_VARIABLES.secretAccessKey : undefined;
  if (missing) throw new LocalCredentialsError(`${missing} is not set: set both ${CREDENTIAL_VARIABLES.accessKeyId} and ${CREDENTIAL_VARIABLES.secretAccessKey}, or neither (the default key pair 'local'/'local')`);
  if (/[\s/]/.test(accessKeyId)) throw new LocalCredentialsError(`${CREDENTIAL_VARIABLES.accessKeyId} may not contain spaces or '/': it is part of the SigV4 credential scope`);
  return { accessKeyId, secretAccessKey };
}
