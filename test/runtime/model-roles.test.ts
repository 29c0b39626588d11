import type { CreateDetectorModelRequest } from '../../lib/model';
import { MODEL_ROLE_TTL_MS, ModelRoleError, ModelRoles } from '../../lib/runtime/model-roles';
import { awsError } from '../support/faults';
import { MemoryModelRepository } from '../support/memory-model-repository';

const ROLE = 'arn:aws:iam::123456789012:role/motor-actions';
const request = (roleArn?: string): CreateDetectorModelRequest => ({ detectorModelName: 'motor', roleArn, detectorModelDefinition: { states: [{ stateName: 'S' }], initialStateName: 'S' } });

describe('ModelRoles', () => {
  let repository: MemoryModelRepository;
  let now: number;
  let roles: ModelRoles;

  beforeEach(async () => {
    repository = new MemoryModelRepository();
    await repository.putModel(request(ROLE), undefined, 1);
    now = Date.now();
    roles = new ModelRoles(repository, { now: () => now });
  });

  it('reads a model version’s role once, shares the read between concurrent callers, and reads it again after the TTL', async () => {
    // Act
    const [first, second] = await Promise.all([roles.roleOf('motor', '1'), roles.roleOf('motor', '1')]);
    now += MODEL_ROLE_TTL_MS - 1;
    const cached = await roles.roleOf('motor', '1');
    now += 1;
    const reread = await roles.roleOf('motor', '1');

    // Assert
    expect([first, second, cached, reread]).toEqual([ROLE, ROLE, ROLE, ROLE]);
    expect(repository.calls.getModel).toEqual(['motor@1', 'motor@1']);
  });

  it('keeps the roles of different versions apart', async () => {
    // Arrange
    const other = 'arn:aws:iam::123456789012:role/other';
    await repository.putModel(request(other), 1, 2);

    // Act, Assert
    expect(await roles.roleOf('motor', '1')).toBe(ROLE);
    expect(await roles.roleOf('motor', '2')).toBe(other);
  });

  it('refuses a version without a role, and does not remember the refusal', async () => {
    // Arrange
    await repository.putModel(request(undefined), 1, 2);

    // Act
    const refusal = roles.roleOf('motor', '2');

    // Assert
    await expect(refusal).rejects.toBeInstanceOf(ModelRoleError);
    await expect(refusal).rejects.toMatchObject({ model: 'motor', version: '2', path: 'roleArn' });
    await expect(roles.roleOf('motor', '2')).rejects.toThrow('names no roleArn');
    expect(repository.calls.getModel).toEqual(['motor@2', 'motor@2']);
  });

  it('passes a failed read on as it is, and reads again on the next call', async () => {
    // Arrange
    repository.faults.next('getModel', awsError('ThrottlingException'));

    // Act, Assert
    await expect(roles.roleOf('motor', '1')).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(await roles.roleOf('motor', '1')).toBe(ROLE);
  });
});
