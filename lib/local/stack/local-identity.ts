/**
 * Who the local stack is, as AWS would say: the stage it deploys (model files' `${Vigil::Stage}`
 * becomes `local`), its region and account (those of `LOCAL_PLACEHOLDERS`), and the dummy
 * credentials every client signs with (the emulators accept any).
 */
export const LOCAL_STAGE = 'local';

/** The region of the local stack. */
export const LOCAL_REGION = 'us-east-1';

/** The account of the local stack, as fauxqs and the rule emulator report it. */
export const LOCAL_ACCOUNT = '000000000000';

/** Credentials for SDK clients talking to the emulators. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
