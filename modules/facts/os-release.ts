// Fact: the operating system from /etc/os-release (and /etc/debian_version): distribution, release, OS family.
import type { FactDefinition } from '../../core/facts.ts';

/** What /etc/os-release says, plus the family and full version tsible derives from it. */
export interface OsInfo {
  /** ID, e.g. 'debian', 'ubuntu', 'rocky' ('' when unknown). */
  id: string;
  /** ID_LIKE words, e.g. ['debian'] for Ubuntu. */
  idLike: string[];
  /** Ansible's distribution name: 'Debian', 'Ubuntu', 'CentOS'…; NAME when not a known ID. */
  distribution: string;
  /** Ansible's OS family: 'Debian', 'RedHat', 'Suse', 'Archlinux', 'Alpine'…; the distribution when unknown. */
  family: string;
  /** Release code name, e.g. 'bookworm' ('' when none). */
  release: string;
  /** Full version: /etc/debian_version on Debian ('12.7'), else VERSION_ID. */
  version: string;
  /** Major version: '12'. */
  majorVersion: string;
  /** PRETTY_NAME, e.g. 'Debian GNU/Linux 12 (bookworm)'. */
  prettyName: string;
  /** Every os-release field, as written. */
  fields: Record<string, string>;
}

/** Known os-release IDs → Ansible's distribution names. */
const DISTRIBUTIONS: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Ubuntu', linuxmint: 'Linux Mint', raspbian: 'Debian', kali: 'Kali', devuan: 'Devuan',
  rhel: 'RedHat', centos: 'CentOS', fedora: 'Fedora', rocky: 'Rocky', almalinux: 'AlmaLinux', ol: 'OracleLinux', amzn: 'Amazon',
  opensuse: 'openSUSE', 'opensuse-leap': 'openSUSE Leap', 'opensuse-tumbleweed': 'openSUSE Tumbleweed', sles: 'SLES',
  arch: 'Archlinux', manjaro: 'ManjaroLinux', alpine: 'Alpine', gentoo: 'Gentoo', void: 'Void', nixos: 'NixOS',
};

/** Distribution names → Ansible's OS families (ID_LIKE decides for the others). */
const FAMILIES: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Debian', linuxmint: 'Debian', raspbian: 'Debian', kali: 'Debian', devuan: 'Debian',
  rhel: 'RedHat', centos: 'RedHat', fedora: 'RedHat', rocky: 'RedHat', almalinux: 'RedHat', ol: 'RedHat', amzn: 'RedHat',
  opensuse: 'Suse', 'opensuse-leap': 'Suse', 'opensuse-tumbleweed': 'Suse', sles: 'Suse', suse: 'Suse',
  arch: 'Archlinux', manjaro: 'Archlinux', alpine: 'Alpine', gentoo: 'Gentoo', void: 'Void', nixos: 'NixOS',
};

/** Pure: the KEY=value lines of os-release (values unquoted as the file format says). */
function parseOsReleaseFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if (/^"(.*)"$/.test(v)) v = v.slice(1, -1).replace(/\\([$"`\\])/g, '$1');
    else if (/^'(.*)'$/.test(v)) v = v.slice(1, -1);
    fields[m[1]] = v;
  }
  return fields;
}

/** Pure: OsInfo from os-release text and /etc/debian_version (may be ''). */
export function parseOsInfo(osRelease: string, debianVersion = ''): OsInfo {
  const fields = parseOsReleaseFields(osRelease);
  const id = (fields.ID ?? '').toLowerCase();
  const idLike = (fields.ID_LIKE ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const distribution = DISTRIBUTIONS[id] ?? fields.NAME ?? (id || 'Unknown');
  const family = FAMILIES[id] ?? idLike.map((l) => FAMILIES[l]).find(Boolean) ?? distribution;
  const dv = debianVersion.trim();
  const version = id === 'debian' && /^\d+(\.\d+)*$/.test(dv) ? dv : (fields.VERSION_ID ?? '');
  return {
    id, idLike, distribution, family,
    release: fields.VERSION_CODENAME ?? fields.UBUNTU_CODENAME ?? '',
    version,
    majorVersion: version.split('.')[0] ?? '',
    prettyName: fields.PRETTY_NAME ?? fields.NAME ?? '',
    fields,
  };
}

/** The OS alone, in one small read (setup's hostFacts reads it together with everything else). */
export const osInfoFact: FactDefinition<OsInfo> = {
  name: 'os',
  command: { shell: 'cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release; echo @@tsible:debian_version; cat /etc/debian_version 2>/dev/null; true' },
  parse(result) {
    const [osRelease, debian = ''] = result.stdout.split('@@tsible:debian_version\n');
    return parseOsInfo(osRelease, debian);
  },
};
