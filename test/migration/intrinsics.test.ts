import { NO_VALUE, Resolver, UNRESOLVED_MARK, parseTemplate, type TemplateIssue } from '../../lib/migration';

const TEMPLATE = `
Parameters:
  Threshold: { Type: Number, Default: '70' }
  NoDefault: { Type: String }
  Names: { Type: CommaDelimitedList, Default: 'a, b,c' }
  FromSsm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /my/param }
  Env: { Type: String, Default: prod }
Mappings:
  Limits: { prod: { high: '90' } }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Unknown: !Equals [!Ref NoDefault, x]
Resources:
  Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: alerts } }
  Unnamed: { Type: 'AWS::SNS::Topic' }
  Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: !Sub 'r-\${Env}', Path: /svc/ } }
  In: { Type: 'AWS::IoTEvents::Input', Properties: { InputName: Pressure } }
  AnonIn: { Type: 'AWS::IoTEvents::Input' }
  Loop: { Type: 'AWS::SNS::Topic', Properties: { TopicName: !Ref Loop } }
  Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: b } }
`;

function resolve(yaml: string, overrides: Record<string, string> = {}) {
  const { root } = parseTemplate(TEMPLATE);
  const issues: TemplateIssue[] = [];
  const value = parseTemplate(`Resources: {}\nV: ${yaml}`).root.V;
  const resolved = new Resolver(root, overrides, issues).resolve(value, 'V');
  return { value: resolved === NO_VALUE ? NO_VALUE : JSON.parse(JSON.stringify(resolved)), issues };
}

describe('Resolver', () => {
  it.each([
    ['a parameter to its Default', '!Ref Threshold', '70'],
    ['a CommaDelimitedList parameter to a list', '!Ref Names', ['a', 'b', 'c']],
    ['pseudo parameters to Vigil placeholders', "!Sub '${AWS::Partition}:${AWS::Region}:${AWS::AccountId}'", '${AWS::Partition}:${AWS::Region}:${AWS::AccountId}'],
    ["!Sub's ${!Literal} to ${Literal}, as the IoT Events payload substitution it is", "!Sub '{\"v\": \"${!$input.In.v}\", \"t\": ${Threshold}}'", '{"v": "${$input.In.v}", "t": 70}'],
    ['!Sub with its own variables', "!Sub ['${X}-${Env}', { X: !Ref Threshold }]", '70-prod'],
    ['!Join', "!Join ['', ['$input.', !Ref In, '.p > ', !Ref Threshold]]", '$input.Pressure.p > 70'],
    ['!Select and !Split', "!Select [1, !Split [',', 'x,y,z']]", 'y'],
    ['!FindInMap', '!FindInMap [Limits, !Ref Env, high]', '90'],
    ['!If on a condition the parameters decide', '!If [NotProd, a, b]', 'b'],
    ['a named topic to its ARN', '!Ref Topic', 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:alerts'],
    ["a named role's Arn, path included", '!GetAtt Role.Arn', 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/svc/r-prod'],
    ['an input to its name', '!Ref In', 'Pressure'],
    ['an unnamed input to its logical id, the name the import gives it', '!Ref AnonIn', 'AnonIn'],
    ['!Base64', '!Base64 abc', 'YWJj'],
  ])('resolves %s', (_what, yaml, expected) => {
    // Act
    const { value, issues } = resolve(yaml);
    // Assert
    expect(issues.filter((issue) => issue.level === 'ERROR')).toEqual([]);
    expect(value).toEqual(expected);
  });

  it('lets --parameter values win over defaults and fill parameters without one', () => {
    expect(resolve('!Ref Threshold', { Threshold: '80' }).value).toBe('80');
    expect(resolve('!Ref NoDefault', { NoDefault: 'given' })).toEqual({ value: 'given', issues: [] });
  });

  it('drops a property or list item that is AWS::NoValue', () => {
    expect(resolve('{ A: !Ref AWS::NoValue, B: [1, !Ref AWS::NoValue, 2] }').value).toEqual({ B: ['1', '2'] });
  });

  it.each([
    ['a parameter without a Default', '!Ref NoDefault', '!Ref NoDefault', /has no Default; pass --parameter NoDefault=VALUE/],
    ['an SSM parameter', '!Ref FromSsm', '!Ref FromSsm', /SSM Parameter Store/],
    ['an unnamed resource', '!GetAtt Unnamed.TopicArn', '!GetAtt Unnamed.TopicArn', /no TopicName, so CloudFormation generates its name/],
    ['an attribute the import does not know', '!GetAtt Bucket.Arn', '!GetAtt Bucket.Arn', /known only once deployed/],
    ['an imported value', '!ImportValue shared-role', '!ImportValue shared-role', /another stack exports it/],
    ['a stack-specific pseudo parameter', '!Ref AWS::StackName', '!Ref AWS::StackName', /only a deployment knows/],
  ])('writes a placeholder and a warning naming the path for %s', (_what, yaml, shown, why) => {
    const { value, issues } = resolve(yaml);
    expect(value).toBe(`${UNRESOLVED_MARK}${shown}>`);
    expect(issues).toEqual([{ level: 'WARNING', path: 'V', message: expect.stringMatching(why) }]);
  });

  it.each([
    ['an unsupported intrinsic', '!GetAZs us-east-1', 'V.Fn::GetAZs', /Fn::GetAZs is not supported by the import/],
    ['an unknown function', "{ 'Fn::Nope': x }", 'V.Fn::Nope', /Fn::Nope is not supported/],
    ['a reference to nothing', '!Ref Missing', 'V', /Ref Missing: no parameter or resource of the template has that name/],
    ['a resource named after itself', '!Ref Loop', 'Resources.Loop.Properties', /refers back to itself/],
    ['a condition only a deployment can decide', '!If [Unknown, a, b]', 'Conditions.Unknown', /depends on a value only a deployment knows/],
    ['!Select past the end', '!Select [5, [a]]', 'V.Fn::Select', /index 5 is past the end/],
  ])('reports %s as an ERROR at its path', (_what, yaml, path, message) => {
    const { issues } = resolve(yaml);
    expect(issues).toContainEqual({ level: 'ERROR', path, message: expect.stringMatching(message) });
  });
});
