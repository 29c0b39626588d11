import path from 'node:path';
import ts from 'typescript';

// `npm run typecheck` checks the Node code (lib: ES2022 only, so no browser global can creep into
// it); the console runs in the browser and is checked here, against console/tsconfig.json (DOM,
// JSX for Preact, strict), so `npm test` covers it.
describe('the console sources', () => {
  it('typecheck with the DOM library and Preact JSX, strict', () => {
    // Arrange
    const configFile = path.resolve(__dirname, '../../console/tsconfig.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')); } });

    // Act
    const program = ts.createProgram({ rootNames: parsed?.fileNames ?? [], options: { ...parsed?.options, noEmit: true } });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
      return `${diagnostic.file ? path.relative(process.cwd(), diagnostic.file.fileName) : ''}${where ? `(${where.line + 1},${where.character + 1})` : ''}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });

    // Assert
    expect(parsed?.fileNames.some((file) => file.endsWith('console/src/main.tsx'))).toBe(true);
    expect(parsed?.options.strict).toBe(true);
    expect(problems).toEqual([]);
  });
});
