// Tickets in the member's scope, from GET /api/member/tickets; "assigned to me" narrows them to the member's own.
import { ticketListView } from './ticket-list.js';

export default ticketListView('tickets', '/api/member/tickets', { mineFilter: true });
