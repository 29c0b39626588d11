import { API_ORIGIN } from '../../lib/ports';
import type { CreateDetectorModelRequest } from '../../lib/model';
import type { DispatchOutcome } from '../../lib/ports';
import { dispatchOutboxes, type DispatchDeps } from '../../lib/runtime/dispatch-outboxes';
import { ModelRoleError, ModelRoles } from '../../lib/runtime/model-roles';
import { iotEventsEffect, snsEffect } from '../adapters/dispatch/effects';
import { awsError } from '../support/faults';
import { MemoryModelRepository } from '../support/memory-model-repository';
import { recordingDispatchers } from '../support/recording-dispatchers';
import { RecordingTelemetry } from '../support/recording-telemetry';

type Failure = Extract<DispatchOutcome, { ok: false }>;

const MOTOR_ROLE = 'arn:aws:iam::123456789012:role/motor-actions';
const PUMP_ROLE = 'arn:aws:iam::123456789012:role/pump-actions';

/** A stored model with nothing in it but its name and role. */
function stored(name: string, roleArn: string | undefined): CreateDetectorModelRequest {
  return { detectorModelName: name, roleArn, detectorModelDefinition: { states: [{ stateName: 'S' }], initialStateName: 'S' } };
}

describe('dispatchOutboxes with model roles', () => {
  let repository: MemoryModelRepository;
  let dispatchers: ReturnType<typeof recordingDispatchers>;
  let telemetry: RecordingTelemetry;
  let recorded: Failure[];
  let deps: DispatchDeps;

  beforeEach(async () => {
    repository = new MemoryModelRepository();
    await repository.putModel(stored('motorDetectorModel', MOTOR_ROLE), undefined, 1, API_ORIGIN);
    await repository.putModel(stored('pumpModel', PUMP_ROLE), undefined, 1, API_ORIGIN);
    await repository.putModel(stored('roleless', undefined), undefined, 1, API_ORIGIN);
    dispatchers = recordingDispatchers();
    telemetry = new RecordingTelemetry();
    recorded = [];
    const sink = { record: async (failures: readonly Failure[]) => void recorded.push(...failures) };
    deps = { dispatchers, roles: new ModelRoles(repository), sink, telemetry };
  });

  it("performs each model's actions as its own role, and iotEvents re-ingestion with Vigil's own credentials", async () => {
    // Arrange
    const motor = snsEffect({ detectorModelName: 'motorDetectorModel' });
    const pump = snsEffect({ detectorModelName: 'pumpModel' });
    const loopBack = iotEventsEffect({ detectorModelName: 'motorDetectorModel' });
    const motorAgain = snsEffect({ detectorModelName: 'motorDetectorModel' });

    // Act
    const failed = await dispatchOutboxes([{ id: '1', effects: [motor, pump] }, { id: '2', effects: [loopBack, motorAgain] }], deps);

    // Assert
    expect(failed).toBeUndefined();
    expect(dispatchers.calls).toEqual(
      expect.arrayContaining([
        { identity: { kind: 'role', roleArn: MOTOR_ROLE, model: 'motorDetectorModel' }, effects: [motor, motorAgain] },
        { identity: { kind: 'role', roleArn: PUMP_ROLE, model: 'pumpModel' }, effects: [pump] },
        { identity: { kind: 'own' }, effects: [loopBack] },
      ]),
    );
    expect(dispatchers.calls).toHaveLength(3);
    expect(telemetry.counts).toEqual({ ActionsDispatched: 4 });
  });

  it('fails the actions of a model without a role through the failure sink, sending nothing for it', async () => {
    // Arrange
    const roleless = snsEffect({ detectorModelName: 'roleless' });
    const motor = snsEffect({ detectorModelName: 'motorDetectorModel' });

    // Act
    const failed = await dispatchOutboxes([{ id: '1', effects: [roleless, motor] }], deps);

    // Assert
    expect(failed).toBeUndefined();
    expect(dispatchers.calls.flatMap((call) => call.effects)).toEqual([motor]);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ effect: roleless, ok: false, attempts: 0 });
    expect(recorded[0].error).toBeInstanceOf(ModelRoleError);
    expect(recorded[0].error.message).toMatch(/^detector model roleless version 1 names no roleArn/);
    expect(telemetry.counts).toMatchObject({ ActionsDispatched: 1, ActionsFailed: 1 });
  });

  it('fails the actions of a model version that no longer exists, never falling back to Vigil’s own credentials', async () => {
    // Arrange
    const gone = snsEffect({ detectorModelName: 'motorDetectorModel', detectorModelVersion: '7' });

    // Act
    await dispatchOutboxes([{ id: '1', effects: [gone] }], deps);

    // Assert
    expect(dispatchers.calls).toEqual([]);
    expect(recorded.map((failure) => failure.error.message)).toEqual([
      'detector model motorDetectorModel version 7 no longer exists, so the role its actions run with is unknown; the action was not performed',
    ]);
  });

  it('asks the stream to deliver again from the first outbox whose role could not be read, performing only the outboxes before it', async () => {
    // Arrange: the models table throttles the pump model's read.
    const roles = deps.roles as ModelRoles;
    await roles.refresh();
    await roles.roleOf('motorDetectorModel', '1');
    repository.faults.next('getModel', awsError('ProvisionedThroughputExceededException'));
    const motor = snsEffect({ detectorModelName: 'motorDetectorModel' });
    const pump = snsEffect({ detectorModelName: 'pumpModel' });
    const later = snsEffect({ detectorModelName: 'motorDetectorModel' });

    // Act
    const failed = await dispatchOutboxes([{ id: 'seq-1', effects: [motor] }, { id: 'seq-2', effects: [pump] }, { id: 'seq-3', effects: [later] }], deps);

    // Assert: seq-2 and seq-3 come again with the stream; sending seq-3 now would send it twice.
    expect(failed).toBe('seq-2');
    expect(dispatchers.calls.flatMap((call) => call.effects)).toEqual([motor]);
    expect(recorded).toEqual([]);
    expect(telemetry.messages('error')).toEqual(['could not read the role of a detector model; the stream will deliver its actions again']);
  });

  it('performs no model action when the catalog cannot be read, but still re-ingests, and asks for the batch again', async () => {
    // Arrange
    repository.faults.next('index', awsError('ThrottlingException'));
    const loopBack = iotEventsEffect({ detectorModelName: 'motorDetectorModel' });
    const motor = snsEffect({ detectorModelName: 'motorDetectorModel' });

    // Act
    const failed = await dispatchOutboxes([{ id: 'seq-1', effects: [loopBack] }, { id: 'seq-2', effects: [motor] }], deps);

    // Assert
    expect(failed).toBe('seq-2');
    expect(dispatchers.calls).toEqual([{ identity: { kind: 'own' }, effects: [loopBack] }]);
    expect(repository.calls.getModel).toEqual([]);
  });

  it('runs every action with the dispatcher’s own credentials when model roles are ignored', async () => {
    // Arrange
    const motor = snsEffect({ detectorModelName: 'roleless' });

    // Act
    await dispatchOutboxes([{ id: '1', effects: [motor] }], { ...deps, roles: undefined });

    // Assert
    expect(dispatchers.calls).toEqual([{ identity: { kind: 'own' }, effects: [motor] }]);
    expect(repository.calls.getModel).toEqual([]);
  });
});
