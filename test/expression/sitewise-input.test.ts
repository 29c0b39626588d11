import { compileExpression, isSiteWiseInputName, parseExpression, siteWiseInputName, siteWiseProperty } from '../../lib/expression';

const VALUE = '$sitewise.assetModel.`a1b2c3d4-5678-90ab-cdef-11111EXAMPLE`.`a1b2c3d4-5678-90ab-cdef-22222EXAMPLE`.propertyValue.value';

describe('$sitewise references', () => {
  it('parses a property value and an asset id as reads of the property\'s built-in input', () => {
    // Act
    const value = parseExpression(VALUE);
    const asset = parseExpression('$sitewise.assetModel.`m-1`.`p-1`.assetId');

    // Assert
    expect(value).toEqual({ kind: 'input', input: '$sitewise/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE/a1b2c3d4-5678-90ab-cdef-22222EXAMPLE', path: ['propertyValue', 'value'], span: { start: 0, end: VALUE.length } });
    expect(asset).toMatchObject({ kind: 'input', input: '$sitewise/m-1/p-1', path: ['assetId'] });
  });

  it('evaluates against a notification payload of that input, comparing as any attribute', () => {
    // Arrange
    const rule = compileExpression('$sitewise.assetModel.`m`.`p`.propertyValue.value > 30');
    const context = (value: unknown) => ({ inputs: { '$sitewise/m/p': { assetId: 'a-1', propertyValue: { value } } }, variables: {}, currentInput: '$sitewise/m/p', trigger: 'Message' as const, timeout: () => false });

    // Act
    const results = [rule.evaluate(context(30.5)), rule.evaluate(context(30n)), rule.evaluate(context(30.0))];

    // Assert
    expect(results).toEqual([true, false, false]);
  });

  it.each([
    ['$sitewise.model.`m`.`p`.assetId', "unexpected 'model' at 10; expected 'assetModel' after $sitewise."],
    ['$sitewise.assetModel.`m`.`p`.propertyValue', "unexpected end of the expression at 42; expected '.value' after propertyValue"],
    ['$sitewise.assetModel.`m`.`p`.value', "unexpected 'value' at 29; expected 'propertyValue.value' or 'assetId'"],
    ["$sitewise.assetModel.'m'.`p`.assetId", "unexpected a string at 21; expected an asset model id (in backticks when it holds '-')"],
    ['$sitewise.assetModel.`m/x`.`p`.assetId', "'m/x' cannot name a SiteWise asset model or property: ids hold no '/', '+' or '#' at 21"],
    ['$sitewise', "unexpected end of the expression at 9; expected '.assetModel' after $sitewise"],
  ])('refuses %s with its position: %s', (source, message) => {
    // Act
    const parse = () => parseExpression(source);

    // Assert
    expect(parse).toThrow(message);
  });

  it('names a property\'s input so that no input of the API can have the name, and reads it back', () => {
    // Act
    const name = siteWiseInputName({ assetModelId: 'm-1', propertyId: 'p-1' });

    // Assert
    expect(name).toBe('$sitewise/m-1/p-1');
    expect(siteWiseProperty(name)).toEqual({ assetModelId: 'm-1', propertyId: 'p-1' });
    expect([isSiteWiseInputName(name), isSiteWiseInputName('SiteWise'), isSiteWiseInputName('$sitewise/m'), isSiteWiseInputName('$sitewise/m/p/x')]).toEqual([true, false, false, false]);
  });
});
