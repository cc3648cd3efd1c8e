// The built-in modules: one export per module (its typed task builder) and its argument type.
export { copy, type CopyArgs } from './copy.ts';
export { file, type FileArgs, type FileState } from './file.ts';
export { lineinfile, type LineinfileArgs } from './lineinfile.ts';
export { template, type TemplateArgs } from './template.ts';
