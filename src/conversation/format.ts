import { chinaTime } from '../common/china-time';

/** `MM-DD HH:mm` for slot buttons. */
export function chinaSlot(at: Date): string {
  return chinaTime(at).slice(5);
}
