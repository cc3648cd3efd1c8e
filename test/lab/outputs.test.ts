// The files `lab up` writes: inventory (internal containers by the management path, VMs by ProxyJump), known_hosts (names and all addresses), ssh_config, /etc/hosts.
import { expect } from 'chai';
import { etcHosts, inventory, knownHosts, sshConfig } from '../../lab/outputs.ts';
import { labPaths } from '../../lab/paths.ts';
import { planLab } from '../../lab/plan.ts';
import { BUILTIN_TOPOLOGIES } from '../../lab/topology/builtin.ts';

const plan = planLab(BUILTIN_TOPOLOGIES.chapter2, { hasIpvs: false });
const paths = labPaths({ stateDir: '/s', cacheDir: '/c' });

describe('lab/outputs', () => {
  it('writes an INI inventory with groups, interface variables and the way into internal hosts', () => {
    const inv = inventory(plan, paths);
    expect(inv).to.include('ansible_ssh_private_key_file=/s/id_ed25519');
    expect(inv).to.match(/^lb ansible_host=192\.168\.56\.10 lab_kind=vm lab_if_hostonly=enp0s3 lab_if_internal=enp0s8 ansible_ssh_common_args='-F \/s\/ssh_config -o UserKnownHostsFile=\/s\/known_hosts -o StrictHostKeyChecking=yes'$/m);
    expect(inv).to.match(/^web1 ansible_host=192\.168\.200\.11 .*-o "ProxyCommand=ip netns exec tsl-web1 socat - TCP:%h:%p"'$/m);
    expect(inv).to.include('ansible_timeout=30'); // the balancer is a VM
    const vmBehind = planLab({ ...BUILTIN_TOPOLOGIES.chapter2, hosts: BUILTIN_TOPOLOGIES.chapter2.hosts.map((h) => (h.name === 'web1' ? { ...h, kind: 'vm' as const } : h)) }, { hasIpvs: false });
    expect(inventory(vmBehind, paths)).to.match(/^web1 ansible_host=192\.168\.200\.11 lab_kind=vm .*-o ProxyJump=root@192\.168\.56\.10'$/m);
    expect(inv).to.include('[balancers]\nlb\n');
    expect(inv).to.include('[webservers]\nweb1\nweb2\n');
  });
  it('lists each host key under the name and every address', () => {
    const kh = knownHosts(plan, { lb: 'ssh-ed25519 AAAAlb lb@x', web1: 'ssh-ed25519 AAAAw1 c', web2: 'ssh-ed25519 AAAAw2 c' });
    expect(kh.split('\n')[0]).to.equal('lb,192.168.56.10,192.168.200.254 ssh-ed25519 AAAAlb');
  });
  it('writes an ssh_config with strict host key checking and the management path for internal containers', () => {
    const c = sshConfig(plan, paths);
    expect(c).to.include('Host web2 192.168.200.12\n  HostName 192.168.200.12\n  ProxyCommand ip netns exec tsl-web2 socat - TCP:%h:%p\n');
    expect(c).to.include('StrictHostKeyChecking yes');
    expect(c).to.include('UserKnownHostsFile /s/known_hosts');
  });
  it('gives each host an /etc/hosts naming its peers by their address on a shared network', () => {
    const h = etcHosts(plan, plan.hosts[1]);
    expect(h).to.include('127.0.1.1\tweb1\n');
    expect(h).to.include('192.168.200.254\tlb\n');
    expect(h).to.include('192.168.200.12\tweb2\n');
  });
});
