// Chapter II's inventory written in TypeScript (same hosts as chapter2.ini): `-i inventory/chapter2.ts`.
import { defineInventory } from '../core/inventory/define.ts';

const internal = (n: number) => ({ ansible_host: `192.168.200.1${n}`, lvs_weight: 1 });

export default defineInventory({
  vars: { ansible_user: 'root', vip: '192.168.56.10', vip_port: 80, lvs_scheduler: 'rr' },
  groups: {
    balancers: {
      hosts: {
        lb: {
          tsible_host: '192.168.56.10',
          public_iface: 'enp0s3',
          public_address: '192.168.56.10',
          internal_iface: 'enp0s8',
          internal_address: '192.168.200.254',
        },
      },
    },
    webservers: {
      hosts: { web1: internal(1), web2: internal(2) },
      vars: { tsible_jump: 'lb', gateway: '192.168.200.254' },
    },
  },
});
