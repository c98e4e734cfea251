// My queue: the tickets waiting at the member's workstation(s), from GET /api/member/queue.
import { ticketListView } from './ticket-list.js';

export default ticketListView('queue', '/api/member/queue');
