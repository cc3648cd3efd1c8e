// `tsible modules [NAME]`: the list of modules, or one module's documentation and argument table.
import type { ArgSpec } from '../core/args.ts';
import type { RegisteredModule } from '../core/engine/module-registry.ts';

export function renderModuleList(registry: Map<string, RegisteredModule>): string {
  const rows = [...registry.values()].sort((a, b) => a.module.name.localeCompare(b.module.name));
  const width = Math.max(...rows.map((r) => r.module.name.length), 4);
  return rows.map((r) => `${r.module.name.padEnd(width)}  ${r.module.doc.summary}${r.source === 'built-in' ? '' : `  (${r.source})`}`).join('\n') + '\n';
}

export function renderModuleDoc(entry: RegisteredModule): string {
  const m = entry.module;
  const lines = [`${m.name.toUpperCase()} — ${m.doc.summary}`, `(${entry.source})`, '', 'ARGUMENTS'];
  for (const [name, spec] of Object.entries(m.args)) {
    lines.push(`  ${name}${spec.required ? ' (required)' : ''}: ${typeName(spec)}`);
    lines.push(`      ${spec.description}`);
    if (spec.default !== undefined) lines.push(`      default: ${JSON.stringify(spec.default)}`);
    if (spec.choices) lines.push(`      choices: ${spec.choices.join(', ')}`);
    if (spec.aliases?.length) lines.push(`      aliases: ${spec.aliases.join(', ')}`);
  }
  if (!Object.keys(m.args).length) lines.push('  (none)');
  lines.push('', 'CHANGED', `  ${m.doc.changed}`, '', 'CHECK MODE', `  ${m.doc.checkMode}`);
  if (m.doc.examples?.length) lines.push('', 'EXAMPLES', ...m.doc.examples.flatMap((e) => e.split('\n').map((l) => `  ${l}`)));
  return lines.join('\n') + '\n';
}

function typeName(spec: ArgSpec): string {
  return spec.type === 'list' ? `list of ${spec.elements ?? 'string'}` : spec.type;
}
