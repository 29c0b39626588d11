import { DeclaredRulesError, readDeclaredRules, type DeclarationIssue } from '../../lib/declared-rules';

const STACK = { service: 'vigil', stage: 'dev' };

/** The issues `readDeclaredRules` throws for `declared`. */
function issuesOf(declared: unknown): readonly DeclarationIssue[] {
  try {
    readDeclaredRules(declared, STACK);
  } catch (error) {
    if (error instanceof DeclaredRulesError) return error.issues;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('readDeclaredRules', () => {
  it('reads a topic rule, a full SQL rule, a message id and a batch rule', () => {
    // Arrange
    const declared = [
      { topic: 'plant/+/pressure', inputName: 'PressureInput' },
      { name: 'hot', sql: "SELECT topic(2) AS id FROM 'plant/+/temp' WHERE t > 50", inputName: 'Temp', messageId: 'seq' },
      { name: 'bulk', topic: 'plant/+/bulk', inputName: 'Temp', batchMode: true },
    ];

    // Act
    const rules = readDeclaredRules(declared, STACK);

    // Assert
    expect(rules).toEqual([
      { path: 'custom.vigil.rules[0]', name: 'PressureInput_plant_any_pressure', inputName: 'PressureInput', topic: 'plant/+/pressure', sql: "SELECT * FROM 'plant/+/pressure'", batchMode: false },
      { path: 'custom.vigil.rules[1]', name: 'hot', inputName: 'Temp', topic: 'plant/+/temp', sql: "SELECT topic(2) AS id FROM 'plant/+/temp' WHERE t > 50", messageId: 'seq', batchMode: false },
      { path: 'custom.vigil.rules[2]', name: 'bulk', inputName: 'Temp', topic: 'plant/+/bulk', sql: "SELECT * FROM 'plant/+/bulk'", batchMode: true },
    ]);
  });

  it('reads no declarations as no rules', () => {
    expect(readDeclaredRules(undefined, STACK)).toEqual([]);
    expect(readDeclaredRules(null, STACK)).toEqual([]);
  });

  it('refuses a value that is not a list, naming custom.vigil.rules', () => {
    expect(issuesOf({ topic: 'a' })).toEqual([{ path: 'custom.vigil.rules', message: 'must be a list of rules, not an object' }]);
  });

  it('names the key of every problem of every rule, in one error', () => {
    // Arrange
    const declared = [
      { topic: 'ok/topic', inputName: 'Fine' },
      'just a string',
      { topic: 'a/#/b', inputName: 'X', colour: 'red' },
      { sql: "SELECT * FROM 'x'", topic: 'y', inputName: '1bad' },
      { inputName: 'NoSource' },
      { topic: 'a', inputName: 'AwsIotPresence' },
      { topic: 'b', inputName: 'Y', batchMode: 'yes' },
      { topic: 'c', inputName: 'Y', batchMode: true, messageId: 'id' },
      { topic: 'd', inputName: 'Y', messageId: "id, 'Other' AS vigilInputName" },
      { topic: 'e', inputName: 'Y', name: 'has-dash' },
    ];

    // Act
    const issues = issuesOf(declared);

    // Assert
    expect(issues.map((issue) => issue.path)).toEqual([
      'custom.vigil.rules[1]',
      'custom.vigil.rules[2].colour',
      'custom.vigil.rules[2].topic',
      'custom.vigil.rules[3].inputName',
      'custom.vigil.rules[3].topic',
      'custom.vigil.rules[4].topic',
      'custom.vigil.rules[5].inputName',
      'custom.vigil.rules[6].batchMode',
      'custom.vigil.rules[7].messageId',
      'custom.vigil.rules[8].messageId',
      'custom.vigil.rules[9].name',
    ]);
    expect(issues[2].message).toBe(`the topic filter "a/#/b" is invalid: level 2 ('#'): '+' must fill a whole level and '#' the whole last one`);
    expect(issues[4].message).toBe('give either topic or sql, not both');
    expect(issues[5].message).toMatch(/^give a topic \(an MQTT topic filter\) or sql/);
    expect(issues[6].message).toBe('AwsIotPresence is a built-in lifecycle input, fed only by the $aws/events rule');
    expect(issues[8].message).toMatch(/cannot be given with batchMode/);
    expect(issues[9].message).toMatch(/must be one IoT SQL expression .*without a top-level ','/);
  });

  it('says all of it in the message, one problem a line, so serverless and npm start print them', () => {
    // Act
    const error = (() => {
      try {
        readDeclaredRules([{ topic: 'x', inputName: 'A' }, { topic: 'y', inputName: 'B', extra: 1 }], STACK);
      } catch (caught) {
        return caught as Error;
      }
    })();

    // Assert
    expect(error?.message).toBe('invalid declared topic rules (1 problem(s)):\n  custom.vigil.rules[1].extra: unknown key; a rule takes name, topic, sql, inputName, messageId, batchMode');
  });

  it.each([
    ["SELECT VALUE list FROM 't'", /SELECT VALUE makes no object/],
    ["SELECT a AS vigilInputName FROM 't'", /the SELECT names vigilInputName/],
    ['SELECT a', /needs FROM '<topic filter>'/],
    ["SELECT a FROM 't' GROUP BY b", /only WHERE may follow the topic, not 'GROUP'/],
    ["SELECT (a FROM 't'", /'\(' is never closed/],
    ["SELECT 'a FROM 't'", /is never closed/],
    ["SELECT * FROM '$aws/events/presence/#'", /lifecycle topics/],
    ["UPDATE x SELECT * FROM 't'", /must begin with SELECT/],
  ])('refuses the statement %s', (sql, message) => {
    expect(issuesOf([{ sql, inputName: 'In' }])).toEqual([{ path: 'custom.vigil.rules[0].sql', message: expect.stringMatching(message) }]);
  });

  it('refuses two rules with one name, and says a rule without a name needs one', () => {
    // Act
    const issues = issuesOf([
      { topic: 'a/b', inputName: 'In' },
      { sql: "SELECT * FROM 'a/b' WHERE x > 1", inputName: 'In' },
      { name: 'same', topic: 'c', inputName: 'In' },
      { name: 'same', topic: 'd', inputName: 'In' },
      { name: 'x_y', topic: 'e', inputName: 'In' },
      { name: 'X_y', topic: 'f', inputName: 'In' },
    ]);

    // Assert
    expect(issues).toEqual([
      { path: 'custom.vigil.rules[1].name', message: 'the name In_a_b is already used by custom.vigil.rules[0] (a rule without a name is named after its input and topic: give it one)' },
      { path: 'custom.vigil.rules[3].name', message: 'the name same is already used by custom.vigil.rules[2]' },
      { path: 'custom.vigil.rules[5].name', message: 'X_y makes the same resource id (VigilRuleXY) as the name of custom.vigil.rules[4]: rename one' },
    ]);
  });

  it('refuses a name that makes the deployed rule name longer than AWS allows', () => {
    expect(issuesOf([{ name: 'n'.repeat(120), topic: 't', inputName: 'In' }])).toEqual([{ path: 'custom.vigil.rules[0].name', message: expect.stringContaining('longer than 128 characters') }]);
  });
});
