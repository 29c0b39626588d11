import { alarmModelRepositoryContract } from './alarm-model-repository-contract';
import { MemoryDetectorStore } from '../memory-detector-store';
import { MemoryMessageIdStore } from '../memory-message-id-store';
import { MemoryModelRepository } from '../memory-model-repository';
import { MemoryTraceStore } from '../memory-trace-store';
import { MemoryWakeupStore } from '../memory-wakeup-store';
import { detectorStoreContract } from './detector-store-contract';
import { messageIdStoreContract } from './message-id-store-contract';
import { modelRepositoryContract } from './model-repository-contract';
import { traceStoreContract } from './trace-store-contract';
import { wakeupStoreContract } from './wakeup-store-contract';

// The same contracts run against the DynamoDB stores on DynamoDB Local (test/integration/adapters/store-contracts.test.ts).
const now = Date.now();
describe('MemoryDetectorStore keeps the detector store contract', () => detectorStoreContract(async () => ({ store: new MemoryDetectorStore(), model: 'counter' })));
describe('MemoryWakeupStore keeps the wake-up store contract', () => wakeupStoreContract(async () => ({ store: new MemoryWakeupStore(), model: 'counter', now })));
describe('MemoryMessageIdStore keeps the message-id store contract', () => messageIdStoreContract(async () => ({ store: new MemoryMessageIdStore(), model: 'counter', now })));
describe('MemoryTraceStore keeps the trace store contract', () => traceStoreContract(async (depth) => ({ store: new MemoryTraceStore(depth), model: 'counter', now })));
describe('MemoryModelRepository keeps the model repository contract', () => modelRepositoryContract(async () => ({ repository: new MemoryModelRepository(), prefix: 'c' })));
describe('MemoryModelRepository keeps the alarm model repository contract', () => alarmModelRepositoryContract(async () => ({ repository: new MemoryModelRepository(), prefix: 'c' })));
