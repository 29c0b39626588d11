import { randomBytes } from 'node:crypto';
import { DynamoDetectorStore } from '../../../lib/adapters/dynamodb/detector-store';
import { DynamoMessageIdStore } from '../../../lib/adapters/dynamodb/message-id-store';
import { DynamoModelRepository } from '../../../lib/adapters/dynamodb/model-repository';
import { DynamoTraceStore } from '../../../lib/adapters/dynamodb/trace-store';
import { DynamoWakeupStore } from '../../../lib/adapters/dynamodb/wakeup-store';
import { SYSTEM_CLOCK } from '../../../lib/ports';
import { WAKEUP_RETENTION_MS } from '../../../lib/runtime/scheduled-run';
import { alarmModelRepositoryContract } from '../../support/contracts/alarm-model-repository-contract';
import { detectorStoreContract } from '../../support/contracts/detector-store-contract';
import { messageIdStoreContract } from '../../support/contracts/message-id-store-contract';
import { modelRepositoryContract } from '../../support/contracts/model-repository-contract';
import { traceStoreContract } from '../../support/contracts/trace-store-contract';
import { wakeupStoreContract } from '../../support/contracts/wakeup-store-contract';
import { createTestStack, type TestStack } from '../stack';

// The in-memory fakes run the same contracts (test/support/contracts/memory-stores.test.ts): what
// the unit tests assume of a store is what DynamoDB does.
let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
}, 60_000);

/** A model name of its own per test: the tables are shared by the file's tests. */
const model = () => `contract-${randomBytes(4).toString('hex')}`;

describe('DynamoDetectorStore keeps the detector store contract', () =>
  detectorStoreContract(async () => ({ store: new DynamoDetectorStore({ client: stack.clients.dynamodb, tableName: stack.config.detectorsTable }), model: model() })));

describe('DynamoWakeupStore keeps the wake-up store contract', () =>
  wakeupStoreContract(async () => ({
    store: new DynamoWakeupStore({ client: stack.clients.dynamodb, tableName: stack.config.timersTable, shards: stack.config.timerShards, retentionMs: WAKEUP_RETENTION_MS, now: () => Date.now() }),
    model: model(),
    now: Date.now(),
  })));

describe('DynamoMessageIdStore keeps the message-id store contract', () =>
  messageIdStoreContract(async () => ({
    store: new DynamoMessageIdStore({ client: stack.clients.dynamodb, tableName: stack.config.messageIdsTable as string, windowMs: stack.config.duplicateWindowMs }),
    model: model(),
    now: Date.now(),
  })));

describe('DynamoTraceStore keeps the trace store contract', () =>
  traceStoreContract(async (depth) => ({ store: new DynamoTraceStore({ client: stack.clients.dynamodb, tableName: stack.config.tracesTable, depth, clock: SYSTEM_CLOCK }), model: model(), now: Date.now() })));

describe('DynamoModelRepository keeps the model repository contract', () =>
  modelRepositoryContract(async () => ({ repository: new DynamoModelRepository(stack.clients.dynamodb, stack.config.modelsTable), prefix: `c${randomBytes(4).toString('hex')}` })));

describe('DynamoModelRepository keeps the alarm model repository contract', () =>
  alarmModelRepositoryContract(async () => ({ repository: new DynamoModelRepository(stack.clients.dynamodb, stack.config.modelsTable), prefix: `a${randomBytes(4).toString('hex')}` })));
