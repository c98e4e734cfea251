// My tickets: the ones the member has taken and not yet closed, from GET /api/member/mine.
import { ticketListView } from './ticket-list.js';

export default ticketListView('mine', '/api/member/mine');
