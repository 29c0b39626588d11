import { json } from '../../lib/api/http';
import { router } from '../../lib/api/router';
import { caller } from './call';

const routes = [
  { method: 'GET', pattern: '/detectors/{detectorModelName}/keyValues', handle: async (_r: unknown, params: Record<string, string>, context: string) => json(200, { params, context }) },
  { method: 'POST', pattern: '/detectors', handle: async () => json(200, {}) },
];

describe('router', () => {
  const call = caller(routes, 'ctx');

  it('matches with or without a trailing slash, decodes parameters and passes the context', async () => {
    expect((await call('GET', '/detectors/motor%20Model/keyValues/')).body).toEqual({ params: { detectorModelName: 'motor Model' }, context: 'ctx' });
    expect((await call('GET', '/detectors/m/keyValues')).status).toBe(200);
  });

  it('answers 404 ResourceNotFoundException for an unknown path and 400 for a known path with another method', async () => {
    expect(await call('GET', '/nothing')).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
    expect(await call('DELETE', '/detectors')).toMatchObject({ status: 400, errorType: 'InvalidRequestException', body: { message: 'DELETE is not supported on /detectors' } });
  });

  it('answers InvalidRequestException for a malformed escape instead of failing', async () => {
    expect(await call('GET', '/detectors/%zz/keyValues')).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
  });

  it('is a function of the request and the context only', async () => {
    const route = router(routes);
    const request = { method: 'GET', path: '/detectors/a/keyValues', query: {}, body: undefined };
    expect(JSON.parse((await route(request, 'one')).body).context).toBe('one');
    expect(JSON.parse((await route(request, 'two')).body).context).toBe('two');
  });
});
