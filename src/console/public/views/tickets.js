// Tickets in the member's scope, from GET /api/member/tickets.
import { ticketListView } from './ticket-list.js';

export default ticketListView('tickets', '/api/member/tickets');
