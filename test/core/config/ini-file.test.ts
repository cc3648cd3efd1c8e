// parseIni: the configparser rules Ansible reads ansible.cfg with (checked against ansible-config dump 2.14).
import { expect } from 'chai';
import { parseIni } from '../../../core/config/ini-file.ts';
import { ArgsError } from '../../../core/errors.ts';

describe('parseIni', () => {
  it('reads sections, = and : separators, case-insensitive keys, `;` inline comments but keeps `#` and `%` in values', () => {
    const ini = parseIni('[defaults]\nRemote_User = bob ; who\nprivate_key_file: ~/k # not a comment\nforks=7\n#x=1\n  ; y\n[ssh_connection]\nssh_args = -o A=%h\n', 'a.cfg');
    const d = ini.get('defaults')!;
    expect(d.get('remote_user')).to.deep.equal({ value: 'bob', line: 2 });
    expect(d.get('private_key_file')!.value).to.equal('~/k # not a comment');
    expect(d.get('forks')!.value).to.equal('7');
    expect(d.has('x')).to.equal(false);
    expect(ini.get('ssh_connection')!.get('ssh_args')!.value).to.equal('-o A=%h');
  });

  it('joins indented continuation lines with a newline; a later key wins', () => {
    const ini = parseIni('[ssh_connection]\nssh_args = -o A=1\n  -o B=2\nssh_args = -o C=3\n  -o D=4\n', 'a.cfg');
    expect(ini.get('ssh_connection')!.get('ssh_args')).to.deep.equal({ value: '-o C=3\n-o D=4', line: 4 });
  });

  it('names file and line for a key before any section, or a line that is no setting', () => {
    expect(() => parseIni('forks = 3\n', '/x/ansible.cfg')).to.throw(ArgsError, '/x/ansible.cfg:1').with.property('message').that.includes('before any [section]');
    expect(() => parseIni('[defaults]\nforks 3\n', '/x/ansible.cfg')).to.throw(ArgsError, '/x/ansible.cfg:2');
  });
});
