// Example playbook (README "Using tsible"): Apache with a templated home page, restarted only when the page changes.
import { playbook } from '../../core/index.ts';
import { apt, service, template } from '../../modules/index.ts';

export default playbook({
  name: 'Web servers',
  hosts: 'webservers',
  tasks: [
    apt({ name: 'apache2', updateCache: true, cacheValidTime: 3600 }, { name: 'Apache is installed' }),
    template({ src: 'templates/index.html.ejs', dest: '/var/www/html/index.html', mode: '0644' },
      { name: 'Home page', notify: 'restart apache' }),
  ],
  handlers: [service({ name: 'apache2', state: 'restarted' }, { name: 'restart apache' })],
});
