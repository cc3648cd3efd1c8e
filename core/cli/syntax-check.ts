// --syntax-check: type-checks a playbook with the TypeScript compiler (wrong module arguments are type errors), touching no host.
import { dirname } from 'node:path';
import ts from 'typescript';

/** One diagnostic as `file:line:col - message`. */
export interface SyntaxProblem {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

/** Type errors in `file` and what it imports (library declaration files are not checked). */
export function typeCheckPlaybook(file: string): SyntaxProblem[] {
  const configPath = ts.findConfigFile(dirname(file), ts.sys.fileExists);
  let options: ts.CompilerOptions = {
    strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true, skipLibCheck: true, types: ['node'],
  };
  if (configPath) {
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    if (!read.error) options = { ...ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath)).options };
  }
  const program = ts.createProgram([file], { ...options, noEmit: true, skipLibCheck: true });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return { message };
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return { file: d.file.fileName, line: line + 1, column: character + 1, message };
  });
}
