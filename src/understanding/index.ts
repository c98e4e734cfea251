export { compact, core, normalise } from './normalise';
export { parsePhone, type PhoneReading } from './phone';
export { findTicketNumber, ticketNumberEnding } from './ticket-number';
export { ordinal } from './ordinal';
export { type AreaName, type Expected, type GlobalIntent, type Option, type Rating, type Reading } from './reading.types';
export { Understanding } from './understanding';
export { loadWordLists, WORD_LIST_NAMES, wordListsFrom, type WordListName, type WordLists } from './word-lists';
export { type Topic } from './topic-choice';
export { type ContactAhead } from './contact-ahead';
