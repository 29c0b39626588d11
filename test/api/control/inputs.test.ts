import { ARN, apis, pressureInput } from '../motor';

describe('the control-plane API: inputs', () => {
  it('creates an input with 201 and describes it as AWS did', async () => {
    // Arrange
    const { backend, call } = apis();
    const created = backend.clock.now() / 1000;
    // Act
    const create = await call('POST', '/inputs', pressureInput);
    const describe = await call('GET', '/inputs/PressureInput');
    // Assert
    const inputConfiguration = {
      inputName: 'PressureInput',
      inputDescription: 'Pressure readings from a motor',
      inputArn: `${ARN}:input/PressureInput`,
      creationTime: created,
      lastUpdateTime: created,
      status: 'ACTIVE',
    };
    expect(create).toEqual({ status: 201, errorType: undefined, body: { inputConfiguration } });
    expect(describe.body).toEqual({ input: { inputConfiguration, inputDefinition: pressureInput.inputDefinition } });
  });

  it('refuses a second input of the same name with ResourceAlreadyExistsException', async () => {
    const { call } = apis();
    await call('POST', '/inputs', pressureInput);
    const again = await call('POST', '/inputs', pressureInput);
    expect(again).toMatchObject({ status: 409, errorType: 'ResourceAlreadyExistsException', body: { resourceId: 'PressureInput', resourceArn: `${ARN}:input/PressureInput` } });
  });

  it('lists every problem of an invalid input in one InvalidRequestException', async () => {
    const { call } = apis();
    const answer = await call('POST', '/inputs', { inputName: 'bad-name', inputDefinition: { attributes: [] } });
    expect(answer.status).toBe(400);
    expect(answer.errorType).toBe('InvalidRequestException');
    expect(String(answer.body.message).split('\n').slice(1)).toEqual([expect.stringMatching(/^inputName: /), expect.stringMatching(/^inputDefinition\.attributes: /)]);
  });

  it('updates, pages through and deletes inputs', async () => {
    // Arrange
    const { backend, call } = apis();
    for (const name of ['A', 'B', 'C']) await call('POST', '/inputs', { inputName: name, inputDefinition: { attributes: [{ jsonPath: 'v' }] } });
    backend.clock.advance(1000);
    // Act
    const updated = await call('PUT', '/inputs/B', { inputDescription: 'now described', inputDefinition: { attributes: [{ jsonPath: 'w' }] } });
    const first = await call('GET', '/inputs', undefined, { maxResults: '2' });
    const second = await call('GET', '/inputs', undefined, { maxResults: '2', nextToken: first.body.nextToken as string });
    const deleted = await call('DELETE', '/inputs/A');
    const gone = await call('GET', '/inputs/A');
    // Assert
    expect(updated.body.inputConfiguration).toMatchObject({ inputName: 'B', inputDescription: 'now described' });
    expect((updated.body.inputConfiguration as { lastUpdateTime: number }).lastUpdateTime).toBe(backend.clock.now() / 1000);
    expect((first.body.inputSummaries as { inputName: string }[]).map((s) => s.inputName)).toEqual(['A', 'B']);
    expect((second.body.inputSummaries as { inputName: string }[]).map((s) => s.inputName)).toEqual(['C']);
    expect(second.body).not.toHaveProperty('nextToken');
    expect(deleted).toEqual({ status: 200, errorType: undefined, body: {} });
    expect(gone).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
  });

  it('refuses maxResults outside 1–250', async () => {
    const { call } = apis();
    expect(await call('GET', '/inputs', undefined, { maxResults: '251' })).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(await call('GET', '/inputs', undefined, { maxResults: '0' })).toMatchObject({ status: 400 });
  });
});
