// Placeholder until the bulletins API and page are built; replace this module with the real view.
import { placeholderView } from '../lib/ui.js';

export default placeholderView('bulletins');
