import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../helpers/cli';

describe('vigil eval', () => {
  it.each([
    [['3'], '3'],
    [['10.01 * 9 / 5 + 32'], '50.018'],
    [['$input.T.t', '--input', 'T={"t": 30.0}'], '30.0'],
    [["'text'"], '"text"'],
    [['1 < 2'], 'true'],
    [['$input.T.n', '--input', 'T={"n": null}'], 'null'],
    [['$variable.missing'], 'undefined'],
    [['$variable.count + 1', '--var', 'count=41'], '42'],
    [['$variable.name', '--var', 'name="pump"'], '"pump"'],
    [['triggerType("Timer") && timeout("awake")', '--trigger', 'timer', '--expired', 'awake'], 'true'],
    [['currentInput("B")', '--input', 'A={}', '--input', 'B={}', '--current', 'B'], 'true'],
    [['currentInput("A")', '--input', 'A={}'], 'true'],
    [['-7 / 2'], '-3'],
    [['-$variable.x', '--var', 'x=2.5'], '-2.5'],
    [['--', '-1'], '-1'],
  ])('vigil eval %j prints %s', async (argv, expected) => {
    const result = await runCli('eval', ...argv);
    expect(result).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('exits 2 on an expression that reads as an option, saying how to pass it', async () => {
    const result = await runCli('eval', '-true');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("to evaluate an expression that starts with '-', put -- before it: vigil eval -- '-true'");
  });

  it('prints invalid, and why on stderr, when an operation fails', async () => {
    const result = await runCli('eval', "'abc' + 5");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('invalid');
    expect(result.stderr).toBe("invalid: operator '+' cannot be applied to String and Integer (at 0)");
  });

  it('exits 1 with the position and a caret on a syntax error', async () => {
    const result = await runCli('eval', '(1 + )');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("vigil: unexpected ')' at 5; expected an operand\n  (1 + )\n       ^");
  });

  it('exits 1 on an unknown function', async () => {
    const result = await runCli('eval', 'abs(1)');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^vigil: unknown function 'abs' at 0/);
  });

  it.each([
    [[], /expected exactly one expression, got 0/],
    [['1', '--input', 'T=not json'], /--input T: not valid JSON/],
    [['1', '--input', 'T'], /--input expects name=value/],
    [['1', '--var', 'x=$variable.y'], /--var x: expected a literal/],
    [['1', '--trigger', 'cron'], /--trigger must be message or timer/],
  ])('exits 2 on a bad command line %j', async (argv, message) => {
    const result = await runCli('eval', ...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('runs as the installed bin script', () => {
    const bin = path.resolve(__dirname, '../../bin/vigil.cjs');
    const stdout = execFileSync(process.execPath, [bin, 'eval', '$input.P.p > 70', '--input', 'P={"p": 80}'], { encoding: 'utf8' });
    expect(stdout).toBe('true\n');
  });
});

describe('vigil', () => {
  it('lists its commands and exits 2 when given none', async () => {
    const result = await runCli();
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/usage: vigil <command>/);
  });

  it('rejects an unknown command', async () => {
    const result = await runCli('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
