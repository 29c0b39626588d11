import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * A queue URL from configuration that holds either the URL (local stack) or the queue name
 * (serverless.yml, which cannot put an account-specific URL in the environment without an AWS call
 * at package time). Names are resolved with GetQueueUrl once per container.
 */
export function queueUrlResolver(sqs: SQSClient): (nameOrUrl: string) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (nameOrUrl) => {
    if (/^https?:\/\//.test(nameOrUrl)) return Promise.resolve(nameOrUrl);
    let url = cache.get(nameOrUrl);
    if (!url) {
      url = sqs.send(new GetQueueUrlCommand({ QueueName: nameOrUrl })).then((response) => {
        if (!response.QueueUrl) throw new Error(`queue ${nameOrUrl} has no URL`);
        return response.QueueUrl;
      });
      // A failed lookup is not cached: the next invocation tries again.
      url.catch(() => cache.delete(nameOrUrl));
      cache.set(nameOrUrl, url);
    }
    return url;
  };
}
