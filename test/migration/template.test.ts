import { MAX_TEMPLATE_BYTES, parseTemplate } from '../../lib/migration';

describe('parseTemplate', () => {
  it('reads short-form intrinsics as their long form, and keeps every scalar as its text', () => {
    // Arrange
    const text = [
      'Resources:',
      '  R:',
      '    Properties:',
      '      A: !Ref Param',
      '      B: !GetAtt Role.Arn',
      "      C: !Join ['', [a, !Sub '${AWS::Region}']]",
      '      D: 70.0',
      '      E: true',
    ].join('\n');
    // Act
    const { root, format } = parseTemplate(text);
    // Assert
    expect(format).toBe('yaml');
    expect(JSON.parse(JSON.stringify(root))).toEqual({
      Resources: { R: { Properties: { A: { Ref: 'Param' }, B: { 'Fn::GetAtt': ['Role', 'Arn'] }, C: { 'Fn::Join': ['', ['a', { 'Fn::Sub': '${AWS::Region}' }]] }, D: '70.0', E: 'true' } } },
    });
  });

  it('reads JSON templates, numbers as their text', () => {
    const { root, format } = parseTemplate('{"Resources": {"R": {"Properties": {"Severity": 2, "Threshold": 70.50}}}}');
    expect(format).toBe('json');
    expect(JSON.parse(JSON.stringify(root))).toEqual({ Resources: { R: { Properties: { Severity: '2', Threshold: '70.50' } } } });
  });

  it('keeps a __proto__ key an ordinary key: nothing is polluted', () => {
    const { root } = parseTemplate('Resources:\n  __proto__:\n    polluted: yes\n');
    expect(Object.keys(root.Resources)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a template over the size limit before parsing it', () => {
    const text = `Resources: {}\n#${'x'.repeat(MAX_TEMPLATE_BYTES)}`;
    expect(() => parseTemplate(text)).toThrow(/at most 2097152 are read/);
  });

  it('refuses more than 100 aliases', () => {
    const text = `a: &a x\nb: [${Array(101).fill('*a').join(', ')}]\nResources: {}\n`;
    expect(() => parseTemplate(text)).toThrow(/b\[100\]: more than 100 YAML aliases; the template is refused/);
  });

  it('refuses an alias bomb that stays under the alias limit by counting the values it expands to', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 9; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    lines.push('Resources: {}');
    expect(() => parseTemplate(lines.join('\n'))).toThrow(/more than 1000000 values/);
  });

  it('says which line is broken', () => {
    expect(() => parseTemplate('Resources:\n  A: [1, 2\n  B: 3\n')).toThrow(/not a readable YAML template \(line \d+, column \d+\)/);
  });

  it('refuses a duplicate key, which CloudFormation would reject', () => {
    expect(() => parseTemplate('Resources:\n  A: {}\n  A: {}\n')).toThrow(/not a readable YAML template/);
  });

  it('refuses a document that is not a CloudFormation template', () => {
    expect(() => parseTemplate('detectorModelName: x\n')).toThrow(/not a CloudFormation template: it has no Resources mapping/);
    expect(() => parseTemplate('[1, 2]')).toThrow(/the document is not a mapping/);
  });
});
