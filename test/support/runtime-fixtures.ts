import { MAX_RECENT_IDS, engineOptions } from '../../lib/engine';
import { compileModel, type CompiledModel, type CreateDetectorModelRequest, type CreateInputRequest } from '../../lib/model';
import type { Catalog, ModelSource } from '../../lib/ports';
import type { CommitDeps } from '../../lib/runtime/commit-detector';
import type { DetectorWork } from '../../lib/runtime/evaluate-detector';
import type { IncomingMessage } from '../../lib/runtime/messages';
import type { BatchDeps, BatchSettings } from '../../lib/runtime/process-batch';
import { MemoryDetectorStore } from './memory-detector-store';
import { MemoryMessageIdStore } from './memory-message-id-store';
import { MemoryTraceStore } from './memory-trace-store';
import { MemoryWakeupStore } from './memory-wakeup-store';
import { RecordingClock } from './recording-clock';
import { RecordingTelemetry } from './recording-telemetry';

/** 2026-11-21T12:00:00Z, where every runtime test's clock starts. */
export const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);

export const COUNT_INPUT: CreateInputRequest = { inputName: 'Count', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'n' }] } };
export const ARM_INPUT: CreateInputRequest = { inputName: 'Arm', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'seconds' }] } };

/**
 * Counts the messages of input Count per `id` and keeps the order they were applied in
 * (`order`: "start,1,2,…" from each message's `n`); publishes to SNS on each one when `notify`.
 */
export function counterRequest(name = 'counter', notify = false): CreateDetectorModelRequest {
  return {
    detectorModelName: name,
    key: 'id',
    detectorModelDefinition: {
      initialStateName: 'Counting',
      states: [
        {
          stateName: 'Counting',
          onEnter: { events: [{ eventName: 'init', actions: [{ setVariable: { variableName: 'count', value: '0' } }, { setVariable: { variableName: 'order', value: "'start'" } }] }] },
          onInput: {
            events: [
              {
                eventName: 'count',
                condition: 'currentInput("Count")',
                actions: [
                  { setVariable: { variableName: 'count', value: '$variable.count + 1' } },
                  { setVariable: { variableName: 'order', value: "'${$variable.order},${$input.Count.n}'" } },
                  ...(notify ? [{ sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:alerts' } }] : []),
                ],
              },
            ],
          },
        },
      ],
    },
  };
}

/** Sets timer `t` to `$input.Arm.seconds` on creation; moves to Fired (fired = 1) when it expires. */
export function timerRequest(name = 'timer'): CreateDetectorModelRequest {
  return {
    detectorModelName: name,
    key: 'id',
    detectorModelDefinition: {
      initialStateName: 'Armed',
      states: [
        {
          stateName: 'Armed',
          onEnter: { events: [{ eventName: 'arm', actions: [{ setVariable: { variableName: 'fired', value: '0' } }, { setTimer: { timerName: 't', durationExpression: '$input.Arm.seconds' } }] }] },
          onInput: {
            events: [{ eventName: 'seen', condition: 'currentInput("Arm")', actions: [{ setVariable: { variableName: 'seen', value: 'true' } }] }],
            transitionEvents: [{ eventName: 'fire', condition: 'timeout("t")', actions: [{ setVariable: { variableName: 'fired', value: '1' } }], nextState: 'Fired' }],
          },
        },
        { stateName: 'Fired' },
      ],
    },
  };
}

/** Compiles a model for the tests (default 60 s timer minimum). */
export function compiled(request: CreateDetectorModelRequest, version = '1'): CompiledModel {
  return compileModel(request, { version, minTimerSeconds: 60 });
}

/** A message of input Count for detector `key`. */
export function countMessage(messageId: string, key: string, n: number, timestamp?: number): IncomingMessage {
  return { messageId, inputName: 'Count', payload: `{"id": "${key}", "n": ${n}}`, timestamp };
}

/** A Count message for detector `key`, as work for `evaluateDetector`/`commitDetector`. */
export function countWork(messageId: string, n = 1, key = 'a'): DetectorWork {
  return { kind: 'message', messageId, inputName: 'Count', payload: { id: key, n: BigInt(n) }, raw: `{"id": "${key}", "n": ${n}}` };
}

/** A message of input Arm that sets detector `key`'s timer to `seconds`. */
export function armMessage(messageId: string, key: string, seconds: number): IncomingMessage {
  return { messageId, inputName: 'Arm', payload: `{"id": "${key}", "seconds": ${seconds}}` };
}

/** Batch settings for tests: small limits, quick conflict retries. */
export function batchSettings(overrides: Partial<BatchSettings> = {}): BatchSettings {
  return {
    engine: engineOptions({}),
    duplicateWindowMs: 5 * 60_000,
    maxRecentIds: MAX_RECENT_IDS,
    maxMessageBytes: 1024,
    concurrency: 4,
    conflicts: { maxAttempts: 5, baseDelayMs: 8, maxDelayMs: 40 },
    ...overrides,
  };
}

/** A {@link ModelSource} over fixed models and inputs, counting its calls. */
export class StaticModels implements ModelSource {
  calls = 0;
  constructor(private readonly value: Catalog) {}

  async catalog(): Promise<Catalog> {
    this.calls++;
    return this.value;
  }
}

/** A catalog holding `models` and `inputs` at revision 1. */
export function staticModels(models: readonly CompiledModel[], inputs: readonly CreateInputRequest[] = [COUNT_INPUT, ARM_INPUT]): StaticModels {
  return new StaticModels({ revision: '1', models, inputs: new Map(inputs.map((input) => [input.inputName, input])) });
}

/** In-memory ports wired like the Lambda runtime, sharing one journal of calls. */
export interface MemoryRuntime extends BatchDeps, CommitDeps {
  readonly detectors: MemoryDetectorStore;
  readonly wakeups: MemoryWakeupStore;
  readonly traces: MemoryTraceStore;
  readonly messageIds: MemoryMessageIdStore;
  readonly clock: RecordingClock;
  readonly telemetry: RecordingTelemetry;
  readonly models: StaticModels;
  /** Every store call in order: `detectors.put`, `wakeups.schedule`, … */
  readonly journal: string[];
}

/** Builds a {@link MemoryRuntime} for `models` (the counter model by default), time at {@link T0}. */
export function memoryRuntime(models: readonly CompiledModel[] = [compiled(counterRequest())]): MemoryRuntime {
  const journal: string[] = [];
  return {
    detectors: new MemoryDetectorStore(journal),
    wakeups: new MemoryWakeupStore(journal),
    traces: new MemoryTraceStore(),
    messageIds: new MemoryMessageIdStore(journal),
    clock: new RecordingClock(T0),
    telemetry: new RecordingTelemetry(),
    models: staticModels(models),
    random: () => 0.5,
    journal,
  };
}
