// The Jinja engine underneath (@11ty/nunjucks, the maintained Nunjucks 3 line), loaded once on first use, with the parts tsible patches typed.
import { createRequire } from 'node:module';

/** A node of Nunjucks' parse tree (only the fields the compiler patches read). */
export interface NjkNode {
  typename: string;
  lineno: number;
  colno: number;
  [field: string]: any;
}

/** The compiler's frame: template-local names mapped to JavaScript variables. */
export interface NjkFrame {
  lookup(name: string): string | undefined;
  set(name: string, id: string): void;
  push(): NjkFrame;
}

/** Nunjucks' Compiler prototype: the methods tsible replaces emit calls into the Jinja runtime instead of plain JavaScript. */
export interface NjkCompiler {
  _emit(code: string): void;
  _emitLine(code: string): void;
  _tmpid(): string;
  compile(node: NjkNode, frame: NjkFrame): void;
  _compileExpression(node: NjkNode, frame: NjkFrame): void;
  fail(message: string, lineno?: number, colno?: number): never;
  [method: string]: any;
}

export interface NjkTemplate {
  render(ctx: object): string;
}

export interface NjkEnvironment {
  opts: Record<string, unknown>;
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  globals: Record<string, unknown>;
  [key: string]: any;
}

export interface Nunjucks {
  Environment: new (loader: unknown, opts: Record<string, unknown>) => NjkEnvironment;
  Template: new (src: string, env: NjkEnvironment, path: string, eagerCompile?: boolean) => NjkTemplate & { compile(): void };
  compiler: { Compiler: { prototype: NjkCompiler } };
  nodes: Record<string, { prototype: object } & (new (...args: any[]) => NjkNode)>;
  runtime: Record<string, any>;
  installJinjaCompat(): void;
  lexer: { lex(src: string, opts: unknown): any };
  parser: { Parser: { prototype: Record<string, any> } };
  lib: { TemplateError: new (message: string | Error, lineno?: number, colno?: number) => Error & { lineno?: number; colno?: number } };
}

let loaded: Nunjucks | undefined;

/** The engine, required on first use (its ~70 ms load is paid only by runs that render Jinja). */
export function nunjucks(): Nunjucks {
  loaded ??= createRequire(import.meta.url)('@11ty/nunjucks') as Nunjucks;
  return loaded;
}

/** Nunjucks' SafeString (a macro's output, `safe`): only once the engine is loaded can a value be one. */
export function isSafeString(v: unknown): v is { val: string } {
  return !!loaded && v instanceof loaded.runtime.SafeString;
}
