// --syntax-check: type-checks a playbook with the TypeScript compiler (wrong module arguments are type errors), touching no host.
import { dirname } from 'node:path';
import type ts from 'typescript';

/** One diagnostic as `file:line:col - message`. */
export interface SyntaxProblem {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

/** Type errors in `file` and what it imports (library declaration files are not checked). */
export async function typeCheckPlaybook(file: string): Promise<SyntaxProblem[]> {
  // Loaded only here: the compiler is large, and every other command should start fast.
  const { default: tsc } = await import('typescript');
  const configPath = tsc.findConfigFile(dirname(file), tsc.sys.fileExists);
  let options: ts.CompilerOptions = {
    strict: true, target: tsc.ScriptTarget.ES2022, module: tsc.ModuleKind.NodeNext, moduleResolution: tsc.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true, skipLibCheck: true, types: ['node'],
  };
  if (configPath) {
    const read = tsc.readConfigFile(configPath, tsc.sys.readFile);
    if (!read.error) options = { ...tsc.parseJsonConfigFileContent(read.config, tsc.sys, dirname(configPath)).options };
  }
  const program = tsc.createProgram([file], { ...options, noEmit: true, skipLibCheck: true });
  return tsc.getPreEmitDiagnostics(program).map((d) => {
    const message = tsc.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return { message };
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return { file: d.file.fileName, line: line + 1, column: character + 1, message };
  });
}
