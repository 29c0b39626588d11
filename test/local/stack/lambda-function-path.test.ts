import { offlineInvokePath } from '../../../local/stack/lambda-function-path';

describe('offlineInvokePath', () => {
  it.each([
    ['a full ARN', 'arn:aws:lambda:us-east-1:000000000000:function:vigil-local-alarmNotifier'],
    ['a qualified ARN', 'arn:aws:lambda:us-east-1:000000000000:function:vigil-local-alarmNotifier:$LATEST'],
    ['a partial ARN', '000000000000:function:vigil-local-alarmNotifier'],
    ['a name', 'vigil-local-alarmNotifier'],
  ])('turns %s into the name offline knows', (_case, functionName) => {
    // Act
    const path = offlineInvokePath(`/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`);

    // Assert
    expect(path).toBe('/2015-03-31/functions/vigil-local-alarmNotifier/invocations');
  });

  it('leaves other paths, and names that are not function ARNs, as they are', () => {
    // Arrange
    const paths = ['/2015-03-31/functions/arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Aalerts/invocations', '/2015-03-31/functions/%E0%A4%A/invocations', '/health'];

    // Act
    const rewritten = paths.map(offlineInvokePath);

    // Assert
    expect(rewritten).toEqual(paths);
  });
});
