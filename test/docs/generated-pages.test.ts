import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lifecycleInputsPage } from '../../lib/lifecycle';

describe('generated documentation', () => {
  it('docs/lifecycle-inputs.md lists the built-in inputs exactly as lib/lifecycle defines them (run `npm run docs` to update)', () => {
    const page = readFileSync(path.resolve(__dirname, '../../docs/lifecycle-inputs.md'), 'utf8');
    expect(page).toBe(lifecycleInputsPage());
  });
});
