import { isSiteWiseInputName } from '../../expression';
import { isBuiltInInputName } from '../../runtime/ingest-source';
import { processBatch } from '../../runtime/process-batch';
import type { IncomingMessage, MessageOutcome } from '../../runtime/messages';
import { batchPutMessageResponse, readBatchPutMessage } from '../batch-put-message';
import type { ApiRequest, ApiResponse } from '../http';
import { principalAllowed } from '../principal';
import type { DataApiDeps } from './deps';

/**
 * BatchPutMessage (`POST /inputs/messages`). Built-in inputs are AWS's account of what devices did
 * (connected, disconnected, …), which the ordering guard trusts, and of SiteWise property values:
 * only their topic rules and the principals in `lifecyclePublishers` may send them; anyone else gets
 * an error entry for that message, and the rest of the batch is processed. Every message counts as
 * a possible repeat (a client retry reuses its id), so duplicates are found however old.
 */
export async function putMessages(request: ApiRequest, deps: DataApiDeps): Promise<ApiResponse> {
  const messages = readBatchPutMessage(request.body);
  const outcomes: (MessageOutcome | undefined)[] = messages.map(() => undefined);
  const allowed: { index: number; message: IncomingMessage }[] = [];
  messages.forEach((message, index) => {
    const builtIn = isBuiltInInputName(message.inputName);
    if (builtIn && !principalAllowed(request.caller?.arn, deps.lifecyclePublishers ?? [])) {
      outcomes[index] = {
        status: 'rejected',
        code: 'InvalidRequestException',
        message: `${message.inputName} ${isSiteWiseInputName(message.inputName) ? "is a SiteWise property's built-in input: it is fed by the $aws/sitewise topic rule" : 'is a built-in lifecycle input: it is fed by the $aws/events topic rule'}; ${request.caller ? `${request.caller.arn} is not` : 'an unsigned caller is not'} among the principals allowed to send it (LIFECYCLE_PUBLISHERS)`,
      };
      return;
    }
    allowed.push({ index, message: { ...message, origin: builtIn ? 'lifecycle' : 'telemetry', possibleRepeat: true } });
  });
  const processed = allowed.length ? await processBatch(allowed.map((entry) => entry.message), deps, deps.settings) : [];
  allowed.forEach((entry, k) => (outcomes[entry.index] = processed[k]));
  return batchPutMessageResponse(messages, outcomes as MessageOutcome[]);
}
