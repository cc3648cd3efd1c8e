// Which files in an inventory directory (or group_vars/host_vars) are not inventory: backups, editor files, hidden files, READMEs.

const IGNORED_ENDINGS = ['~', '.bak', '.orig', '.swp', '.retry', '.rpm', '.pyc', '.pyo', '.md', '.rst', '.txt'];

/** True if a file named `name` in an inventory directory is skipped (as Ansible's INVENTORY_IGNORE_EXTS, plus hidden files and READMEs). */
export function isIgnoredFile(name: string): boolean {
  if (name.startsWith('.')) return true;
  if (/^readme(\..*)?$/i.test(name)) return true;
  return IGNORED_ENDINGS.some((e) => name.endsWith(e));
}
