import type { CreateDetectorModelRequest } from '../../lib/model';
import { API_ORIGIN } from '../../lib/ports';
import { ModelRoleError, ModelRoles } from '../../lib/runtime/model-roles';
import { awsError } from '../support/faults';
import { MemoryModelRepository } from '../support/memory-model-repository';

const ROLE = 'arn:aws:iam::123456789012:role/motor-actions';
const OTHER = 'arn:aws:iam::123456789012:role/other';
const request = (roleArn?: string, detectorModelName = 'motor'): CreateDetectorModelRequest => ({
  detectorModelName,
  roleArn,
  detectorModelDefinition: { states: [{ stateName: 'S' }], initialStateName: 'S' },
});

describe('ModelRoles', () => {
  let repository: MemoryModelRepository;
  let roles: ModelRoles;

  beforeEach(async () => {
    repository = new MemoryModelRepository();
    await repository.putModel(request(ROLE), undefined, 1, API_ORIGIN);
    roles = new ModelRoles(repository);
    await roles.refresh();
  });

  it('reads a model version’s role once while nothing changes, sharing the read between concurrent callers', async () => {
    // Act
    const [first, second] = await Promise.all([roles.roleOf('motor', '1'), roles.roleOf('motor', '1')]);
    await roles.refresh();
    const cached = await roles.roleOf('motor', '1');

    // Assert
    expect([first, second, cached]).toEqual([ROLE, ROLE, ROLE]);
    expect(repository.calls.getModel).toEqual(['motor@1']);
  });

  it('never gives a re-created model the deleted one’s role, though its version numbers start again', async () => {
    // Arrange: the role of motor@1 is known; then motor is deleted and created again with another role.
    await roles.roleOf('motor', '1');
    await repository.deleteModel('motor');
    await repository.putModel(request(OTHER), undefined, 2, API_ORIGIN);

    // Act
    await roles.refresh();
    const role = await roles.roleOf('motor', '1');

    // Assert
    expect(role).toBe(OTHER);
  });

  it('keeps the roles of different versions apart', async () => {
    // Arrange
    await repository.putModel(request(OTHER), 1, 2, API_ORIGIN);
    await roles.refresh();

    // Act, Assert
    expect(await roles.roleOf('motor', '1')).toBe(ROLE);
    expect(await roles.roleOf('motor', '2')).toBe(OTHER);
  });

  it('refuses a version without a role, and does not remember the refusal', async () => {
    // Arrange
    await repository.putModel(request(undefined), 1, 2, API_ORIGIN);
    await roles.refresh();

    // Act
    const refusal = roles.roleOf('motor', '2');

    // Assert
    await expect(refusal).rejects.toBeInstanceOf(ModelRoleError);
    await expect(refusal).rejects.toMatchObject({ model: 'motor', version: '2', path: 'roleArn' });
    await expect(roles.roleOf('motor', '2')).rejects.toThrow('names no roleArn');
    expect(repository.calls.getModel).toEqual(['motor@2', 'motor@2']);
  });

  it('refuses a version that does not exist', async () => {
    await expect(roles.roleOf('motor', '9')).rejects.toThrow('detector model motor version 9 no longer exists');
  });

  it('passes a failed read on as it is, and reads again on the next call', async () => {
    // Arrange
    repository.faults.next('getModel', awsError('ThrottlingException'));

    // Act, Assert
    await expect(roles.roleOf('motor', '1')).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(await roles.roleOf('motor', '1')).toBe(ROLE);
  });
});
