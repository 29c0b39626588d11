import { InternalServerError, ProvisionedThroughputExceededException, RequestLimitExceeded, ResourceNotFoundException, ThrottlingException as DynamoThrottling } from '@aws-sdk/client-dynamodb';
import { ServiceException, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { AuthorizationErrorException, KMSThrottlingException, NotFoundException, ThrottledException } from '@aws-sdk/client-sns';
import { QueueDoesNotExist, RequestThrottled } from '@aws-sdk/client-sqs';
import { AccessDeniedException, InvalidRequestException, ServiceUnavailableException, ThrottlingException } from '@aws-sdk/client-iotsitewise';
import { ActionDeliveryError, isTransientError } from '../../../lib/adapters/dispatch';

const meta = (httpStatusCode?: number) => ({ $metadata: { httpStatusCode } });
const networkError = (code: string) => Object.assign(new Error(`socket: ${code}`), { code });

describe('isTransientError', () => {
  it.each([
    ['ThrottlingException', new ThrottlingException({ message: 'Rate exceeded', ...meta(429) })],
    ['DynamoDB ThrottlingException', new DynamoThrottling({ message: 'Rate exceeded', ...meta(400) })],
    ['TooManyRequestsException', new TooManyRequestsException({ message: 'Rate exceeded', ...meta(429) })],
    ['ProvisionedThroughputExceededException', new ProvisionedThroughputExceededException({ message: 'slow', ...meta(400) })],
    ['RequestLimitExceeded', new RequestLimitExceeded({ message: 'slow', ...meta(400) })],
    ['SNS ThrottledException', new ThrottledException({ message: 'slow', ...meta(400) })],
    ['SNS KMSThrottlingException', new KMSThrottlingException({ message: 'slow', ...meta(400) })],
    ['SQS RequestThrottled', new RequestThrottled({ message: 'slow', ...meta(403) })],
    ['a server fault (DynamoDB InternalServerError)', new InternalServerError({ message: 'oops', ...meta(500) })],
    ['a server fault (Lambda ServiceException)', new ServiceException({ message: 'oops', ...meta(500) })],
    ['ServiceUnavailableException', new ServiceUnavailableException({ message: 'down', ...meta(503) })],
    ['an unmodelled 503', Object.assign(new Error('Service Unavailable'), { name: 'Unknown', ...meta(503) })],
    ['an SDK timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    ['a reset connection', networkError('ECONNRESET')],
    ['a DNS failure', networkError('ENOTFOUND')],
    ['a network error wrapped as a cause', new Error('request failed', { cause: networkError('ETIMEDOUT') })],
    ['a transient batch entry error', new ActionDeliveryError('entry failed', 'InternalError', true)],
  ])('treats %s as transient', (_, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a missing function or table', new ResourceNotFoundException({ message: 'no table', ...meta(400) })],
    ['a missing topic', new NotFoundException({ message: 'Topic does not exist', ...meta(404) })],
    ['a missing queue', new QueueDoesNotExist({ message: 'no queue', ...meta(400) })],
    ['access denied', new AccessDeniedException({ message: 'denied', ...meta(403) })],
    ['an authorization error', new AuthorizationErrorException({ message: 'denied', ...meta(403) })],
    ['a validation error', new InvalidRequestException({ message: 'bad', ...meta(400) })],
    ['a permanent batch entry error', new ActionDeliveryError('entry failed', 'InvalidParameter', false)],
    ['an abort', Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ECONNRESET' })],
    ['a programming error', new TypeError('x is undefined')],
    ['a thrown string', 'boom'],
  ])('treats %s as permanent', (_, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
