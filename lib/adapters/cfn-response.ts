import { AppError } from '../errors';

/**
 * The body of a custom resource response (the cfn-response protocol).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html
 */
export interface CfnResponseBody {
  readonly Status: 'SUCCESS' | 'FAILED';
  /** Required for FAILED; shown in the stack events. */
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  /** Readable with `Fn::GetAtt`; values are strings. */
  readonly Data?: Readonly<Record<string, string>>;
}

/** The pre-signed response URL refused the response; CloudFormation has not been told anything. */
export class CfnResponseError extends AppError {
  constructor(readonly status: number, body: string) {
    super(`the CloudFormation response URL answered HTTP ${status}: ${body.slice(0, 200)}`);
  }
}

// CloudFormation rejects responses over 4096 bytes; a reason is cut well below that.
const MAX_REASON = 1024;

/** Cuts a reason to a size CloudFormation accepts. */
export function shortReason(reason: string): string {
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason;
}

/** The fields of a custom resource request that its response must echo. */
export interface CfnRequestIds {
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
}

/**
 * The response to `request`: its ids echoed, the reason cut to a size CloudFormation accepts, and
 * `Data` only when there is some.
 */
export function cfnResponse(
  request: CfnRequestIds,
  status: CfnResponseBody['Status'],
  physicalResourceId: string,
  reason: string,
  data?: Readonly<Record<string, string>>,
): CfnResponseBody {
  return {
    Status: status,
    Reason: shortReason(reason),
    PhysicalResourceId: physicalResourceId,
    StackId: request.StackId,
    RequestId: request.RequestId,
    LogicalResourceId: request.LogicalResourceId,
    ...(data ? { Data: data } : {}),
  };
}

/**
 * PUTs a response to the pre-signed S3 `ResponseURL` of a custom resource request. The URL is
 * signed for an empty Content-Type, so the header must be present and empty (as AWS's
 * cfn-response module sends it); any other value makes S3 refuse the signature.
 *
 * @throws CfnResponseError when the URL does not answer 2xx (the caller should fail the
 *   invocation so Lambda retries it); network errors as `fetch` raises them.
 */
export async function putCfnResponse(responseUrl: string, body: CfnResponseBody): Promise<void> {
  const response = await fetch(responseUrl, { method: 'PUT', headers: { 'content-type': '' }, body: JSON.stringify(body) });
  if (!response.ok) throw new CfnResponseError(response.status, await response.text().catch(() => ''));
}
