import { ConditionalCheckFailedException, InternalServerError, ProvisionedThroughputExceededException, ResourceNotFoundException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { UnprocessedItemsError } from '../lib/adapters/dynamodb/unprocessed';
import { failureCode, isThrottlingError, transientKind } from '../lib/errors';

const named = (name: string) => Object.assign(new Error('refused'), { name });
const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
const cancelled = (...codes: string[]) => new TransactionCanceledException({ message: 'cancelled', ...meta(400), CancellationReasons: codes.map((Code) => ({ Code })) });

describe('isThrottlingError', () => {
  it.each(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'KMSThrottlingException', 'Throttling'])('counts %s as throttling', (name) => {
    expect(isThrottlingError(named(name))).toBe(true);
  });

  it('counts DynamoDB leaving items unprocessed round after round as throttling', () => {
    expect(isThrottlingError(new UnprocessedItemsError('BatchWriteItem'))).toBe(true);
  });

  it.each(['ValidationException', 'ResourceNotFoundException', 'Error', 'InternalServerError'])('does not count %s as throttling', (name) => {
    expect(isThrottlingError(named(name))).toBe(false);
  });
});

describe('transientKind and failureCode', () => {
  it.each([
    ['DynamoDB throughput exceeded', new ProvisionedThroughputExceededException({ message: 'slow', ...meta(400) }), 'throttling', 'ThrottlingException'],
    ['an HTTP 429 of any name', Object.assign(new Error('slow down'), { name: 'Unknown', ...meta(429) }), 'throttling', 'ThrottlingException'],
    ['an error the SDK marks as a retryable throttle', Object.assign(new Error('slow'), { name: 'Unknown', $retryable: { throttling: true } }), 'throttling', 'ThrottlingException'],
    ['a transaction cancelled by throttling and a conflict', cancelled('None', 'ThrottlingError', 'TransactionConflict'), 'throttling', 'ThrottlingException'],
    ['a DynamoDB server fault', new InternalServerError({ message: 'oops', ...meta(500) }), 'unavailable', 'ServiceUnavailableException'],
    ['a refused connection (storage down)', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } }), 'unavailable', 'ServiceUnavailableException'],
    ['a reset connection wrapped as a cause', new Error('socket hang up', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }), 'unavailable', 'ServiceUnavailableException'],
    ['an SDK timeout', named('TimeoutError'), 'unavailable', 'ServiceUnavailableException'],
    ['a call the SDK gave up on without any response, its socket error wrapped', Object.assign(new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED'), { $metadata: { attempts: 3, totalRetryDelay: 120 } }), 'unavailable', 'ServiceUnavailableException'],
    ['a transaction cancelled by a conflict', cancelled('TransactionConflict', 'None'), 'unavailable', 'ServiceUnavailableException'],
  ])('classifies %s', (_, error, kind, code) => {
    expect(transientKind(error)).toBe(kind);
    expect(failureCode(error)).toBe(code);
  });

  it.each([
    ['a failed condition', new ConditionalCheckFailedException({ message: 'no', ...meta(400) })],
    ['a transaction cancelled by a failed condition', cancelled('ConditionalCheckFailed', 'ThrottlingError')],
    ['a missing table', new ResourceNotFoundException({ message: 'no table', ...meta(400) })],
    ['missing credentials', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError', $metadata: { attempts: 1 } })],
    ['an abort', Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ECONNRESET' })],
    ['a bug', new TypeError('x is undefined')],
    ['a thrown string', 'boom'],
  ])('leaves %s to the caller as an internal failure', (_, error) => {
    expect(transientKind(error)).toBeUndefined();
    expect(failureCode(error)).toBe('InternalFailureException');
  });
});
