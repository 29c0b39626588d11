/**
 * The error types AWS answers a request it cannot authenticate with (`x-amzn-ErrorType`), as API
 * Gateway's IAM authorization and the Lambda API send them.
 */
export type AuthErrorType = 'MissingAuthenticationTokenException' | 'IncompleteSignatureException' | 'InvalidSignatureException' | 'UnrecognizedClientException' | 'AccessDeniedException';

/** Why a request was refused: answered as 403 `{"message": …}` with `x-amzn-ErrorType`. */
export interface AuthRefusal {
  readonly errorType: AuthErrorType;
  readonly message: string;
}

/** The status, headers and body of a refusal, in AWS's shape. */
export function refusalResponse(refusal: AuthRefusal): { statusCode: 403; headers: Record<string, string>; body: string } {
  return {
    statusCode: 403,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': refusal.errorType },
    body: JSON.stringify({ message: refusal.message }),
  };
}

/** AWS's message for a signature that does not match, word for word. */
export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** AWS's message for an access key it does not know. */
export const UNKNOWN_KEY = 'The security token included in the request is invalid.';
