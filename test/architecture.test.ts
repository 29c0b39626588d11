import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const PURE = ['lib/expression', 'lib/model', 'lib/engine', 'lib/lifecycle', 'lib/migration', 'lib/declared-rules', 'lib/inference'];

function sources(dir: string): string[] {
  const full = path.join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const rel = path.join(dir, entry);
    return statSync(path.join(ROOT, rel)).isDirectory() ? sources(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
}

// The same rules as the lint config, checked here too so they hold even when lint is skipped.
const FORBIDDEN: [RegExp, string][] = [
  [/from '(@aws-sdk\/|aws-sdk['/]|@smithy\/)|require\('@aws-sdk\//, 'the AWS SDK'],
  [/from '@middy\//, 'middy'],
  [/from '@aws-lambda-powertools\//, 'Powertools'],
  [/from '(node:)?(fs|net|http|https|child_process)(\/[^']*)?'/, 'I/O modules'],
  [/from '[^']*\/(adapters|runtime|functions)\//, 'impure layers'],
  [/process\.env/, 'process.env'],
  [/Date\.now\(/, 'the clock (Date.now)'],
  [/new Date\(\)/, 'the clock (new Date())'],
  [/Math\.random\(/, 'Math.random'],
];

describe('architecture', () => {
  const files = PURE.flatMap(sources);

  it('finds the pure core', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(PURE)('keeps %s free of AWS, middy, I/O, environment and clock', (dir) => {
    const problems = sources(dir).flatMap((file) => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      return FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, what]) => `${file} uses ${what}`);
    });
    expect(problems).toEqual([]);
  });

  it('never evaluates code from strings anywhere in lib/ or functions/', () => {
    const offenders = [...sources('lib'), ...sources('functions')].filter((file) =>
      /\beval\(|new Function\(/.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  // The layering of docs/architecture.md, as lint enforces it (here too, in case lint is skipped).
  const imports = (file: string) => [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/(?:from|import\() *'([^']+)'/g)].map((match) => match[1]);

  it('lets only lib/adapters import the AWS SDK among what ships', () => {
    const offenders = [...sources('lib'), ...sources('functions')]
      .filter((file) => !file.startsWith('lib/adapters/'))
      .filter((file) => imports(file).some((spec) => /^(@aws-sdk|@smithy)\//.test(spec)));
    expect(offenders).toEqual([]);
  });

  it('keeps use cases and handlers off adapters, adapters off use cases, and what ships off local/, cli/ and tests', () => {
    const rules: [string[], RegExp][] = [
      [['lib/runtime', 'lib/api', 'lib/simulation', 'lib/ports'], /\/(adapters|wiring)(\/|$)/],
      [['lib/adapters'], /\/(runtime|api|simulation|wiring)(\/|$)/],
      [['functions'], /\/adapters(\/|$)/],
      [['lib', 'functions'], /^(\.\.\/)+(local|cli|bench|test|scripts)\//],
    ];
    const offenders = rules.flatMap(([dirs, forbidden]) =>
      dirs.flatMap(sources).flatMap((file) => imports(file).filter((spec) => spec.startsWith('.') && forbidden.test(spec)).map((spec) => `${file} imports ${spec}`)),
    );
    expect(offenders).toEqual([]);
  });
});
