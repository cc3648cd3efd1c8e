// The web server tasks shared by chapters II-IV: Apache with a page naming the host, behind the balancer's gateway.
import type { HostVars, Task } from '../../core/index.ts';
import { apt, command, service, template } from '../../modules/index.ts';
import { internalIface, ranForReal } from './tutorial-vars.ts';

/** `web3` → `Web3`: how the document names a web server on its page. */
export function displayName(host: string): string {
  return host.charAt(0).toUpperCase() + host.slice(1);
}

/** The page title of chapters II-IV (the document's chapter III text): `Apache2 Debian Default Page : Web3`. */
export function defaultPageTitle(v: HostVars): string {
  return String(v.page_title ?? `Apache2 Debian Default Page : ${displayName(String(v.inventory_hostname))}`);
}

/** Apache installed, running and enabled, serving a page that names the host. */
export function apacheTasks(title: (v: HostVars) => string = defaultPageTitle): Task[] {
  return [
    apt({ name: ['apache2'], state: 'present', updateCache: true, cacheValidTime: 3600 }, { name: 'Apache is installed' }),
    template((v) => ({
      src: 'index.html.ejs', dest: '/var/www/html/index.html', mode: '0644', owner: 'root', group: 'root', htmlEscape: true,
      vars: { title: title(v), host: String(v.inventory_hostname) },
    }), { name: 'The default page names this server' }),
    service({ name: 'apache2', state: 'started', enabled: true }, { name: 'Apache is running and starts at boot' }),
  ];
}

/**
 * The default route goes through the balancer (LVS-NAT: replies must pass back through it): `gateway`
 * (chapter II/III: the balancer's 192.168.200.254; chapter IV: the floating 192.168.200.250).
 * Only the live route: the boot-time network configuration is the host's own (the lab sets the same gateway).
 */
export function gatewayTasks(defaultGateway: string): Task[] {
  const gw = (v: HostVars): string => String(v.gateway ?? defaultGateway);
  return [
    command({ argv: ['ip', '-4', 'route', 'show', 'default'] }, {
      name: 'Read the default route', register: 'default_route', checkMode: false, changedWhen: () => false,
    }),
    command((v) => ({ argv: ['ip', '-4', 'route', 'replace', 'default', 'via', gw(v), 'dev', internalIface(v)] }), {
      name: 'The default route goes through the balancer',
      when: (v) => !ranForReal(v.default_route) || !String(v.default_route.stdout).split('\n').some((l) => l.startsWith(`default via ${gw(v)} `)),
    }),
  ];
}
