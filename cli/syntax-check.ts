// --syntax-check: type-checks a playbook with the TypeScript compiler (wrong module arguments are type errors), touching no host.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tsiblePackageRoot } from '../core/import-typescript.ts';
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
  // Without a tsconfig.json of the user's: `tsible` and `tsible/modules` are the copy running, and Node's types are its own
  // (a playbook in a folder of its own has no node_modules to find them in), as when the playbook runs.
  const root = tsiblePackageRoot();
  const nodeTypes = join(root, 'node_modules', '@types');
  let options: ts.CompilerOptions = {
    strict: true, target: tsc.ScriptTarget.ES2022, module: tsc.ModuleKind.NodeNext, moduleResolution: tsc.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true, skipLibCheck: true,
    ...(existsSync(join(nodeTypes, 'node')) ? { typeRoots: [nodeTypes], types: ['node'] } : { types: [] }),
    paths: { tsible: [join(root, 'core', 'index.ts')], 'tsible/modules': [join(root, 'modules', 'index.ts')] },
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
