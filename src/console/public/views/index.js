// The console's views. To add one: write views/<name>.js exporting a Vue component, add a line here, and put its
// strings under "<name>" and "nav.<name>" in locales/*/console.json. `access`: 'member' (every role) or 'admin'.
export const VIEWS = [
  { path: '/queue', label: 'nav.queue', access: 'member', load: () => import('./queue.js') },
  { path: '/mine', label: 'nav.mine', access: 'member', load: () => import('./mine.js') },
  { path: '/tickets', label: 'nav.tickets', access: 'member', load: () => import('./tickets.js') },
  // One ticket, opened from a list (#/ticket?number=…); not in the menu.
  { path: '/ticket', label: 'nav.ticket', access: 'member', hidden: true, load: () => import('./ticket.js') },
  { path: '/org', label: 'nav.org', access: 'admin', load: () => import('./org.js') },
  { path: '/scripts', label: 'nav.scripts', access: 'admin', load: () => import('./scripts.js') },
  { path: '/lexicon', label: 'nav.lexicon', access: 'admin', load: () => import('./lexicon.js') },
  // Reports are scoped by the server (office: city, committee head: committee, others: own studio).
  { path: '/dashboards', label: 'nav.dashboards', access: 'member', load: () => import('./dashboards.js') },
  { path: '/bulletins', label: 'nav.bulletins', access: 'member', load: () => import('./bulletins.js') },
  { path: '/targets', label: 'nav.targets', access: 'member', load: () => import('./targets.js') },
  { path: '/sqmy', label: 'nav.sqmy', access: 'member', load: () => import('./sqmy.js') },
  // Topics, consultations, agreed actions and proposals (src/consultations/, src/proposals/), scoped by the server.
  { path: '/consultations', label: 'nav.consultations', access: 'member', load: () => import('./consultations.js') },
  { path: '/proposals', label: 'nav.proposals', access: 'member', load: () => import('./proposals.js') },
  { path: '/calendar', label: 'nav.calendar', access: 'member', load: () => import('./consultation-calendar.js') },
  { path: '/departments', label: 'nav.departments', access: 'admin', load: () => import('./departments.js') },
  { path: '/bookings', label: 'nav.bookings', access: 'member', load: () => import('./bookings.js') },
];

/** The server enforces the same rule (403); hiding the links just keeps members' menus short. */
export function viewsFor(role) {
  return VIEWS.filter((view) => view.access === 'member' || role === 'office_admin');
}
