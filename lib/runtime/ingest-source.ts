import { isSiteWiseInputName } from '../expression';
import { isLifecycleInputName } from '../lifecycle';
import type { MessageOrigin } from '../ports';

/**
 * Where a message entered Vigil, which decides what it may claim to be. Who can write to each
 * source is fixed by the deployment, not by the message:
 *
 * - `telemetry`: the ingest queue and the direct-path function, fed by topic rules on topics
 *   devices publish to. The rule, not the device, names the input; a device can never claim a
 *   built-in lifecycle input or send an ingest envelope.
 * - `lifecycle`: the lifecycle queue, fed only by the `$aws/events/#` and `$aws/sitewise/…` rules
 *   (their own IAM role); AWS IoT Core refuses device publishes under `$aws/events` and
 *   `$aws/sitewise` (subscribe only). Only lifecycle events and SiteWise property notifications.
 * - `internal`: the internal queue, fed by Vigil itself (`iotEvents` actions) and by operators
 *   (`vigil redrive`): ingest envelopes for the operator's own inputs.
 */
export type IngestSource = 'telemetry' | 'lifecycle' | 'internal';

/** The sources, for configuration and messages. */
export const INGEST_SOURCES: readonly IngestSource[] = ['telemetry', 'lifecycle', 'internal'];

/**
 * True for a built-in input whose messages only AWS publishes: a lifecycle input (`$aws/events`)
 * or a SiteWise property's (`$aws/sitewise`).
 */
export function isBuiltInInputName(inputName: string): boolean {
  return isLifecycleInputName(inputName) || isSiteWiseInputName(inputName);
}

/**
 * Why a message of `inputName` that first entered through `origin` may not be delivered, or
 * undefined when it may. Built-in inputs are fed only by the lifecycle and SiteWise rules (and by
 * BatchPutMessage callers explicitly allowed, which the data API checks itself); those rules feed
 * nothing else.
 */
export function originRefusal(origin: MessageOrigin, inputName: string): string | undefined {
  const builtIn = isBuiltInInputName(inputName);
  if (origin === 'lifecycle') return builtIn ? undefined : `only AWS IoT lifecycle events come from the lifecycle rule, not messages of input ${inputName}`;
  if (!builtIn) return undefined;
  if (isSiteWiseInputName(inputName)) return `${inputName} is a SiteWise property's built-in input: it is fed only by the $aws/sitewise topic rule, never by ${ORIGIN_NAMES[origin]}`;
  return `${inputName} is a built-in lifecycle input: it is fed only by the $aws/events topic rule, never by ${ORIGIN_NAMES[origin]}`;
}

const ORIGIN_NAMES: Readonly<Record<MessageOrigin, string>> = { telemetry: 'a device topic', lifecycle: 'the lifecycle rule', action: "a detector model's iotEvents action" };

/** Vigil's ingest queues, each by name, URL or ARN. */
export type SourceQueues = Readonly<Partial<Record<IngestSource, string>>>;

/**
 * The source a queue is, by its name (`eventSourceARN` ends with it, and so do a queue's URL and
 * name); undefined for any other queue.
 */
export function sourceOfQueue(queue: string | undefined, queues: SourceQueues): IngestSource | undefined {
  if (!queue) return undefined;
  const name = queueName(queue);
  return INGEST_SOURCES.find((source) => queues[source] !== undefined && queueName(queues[source] as string) === name);
}

/** The last segment of a queue ARN (`…:name`) or URL (`…/name`), or the name itself. */
function queueName(queue: string): string {
  return queue.slice(Math.max(queue.lastIndexOf(':'), queue.lastIndexOf('/')) + 1);
}
