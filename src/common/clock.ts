import { Injectable } from '@nestjs/common';

/**
 * The time source for every rule that depends on time (deadlines, reminders, windows, resume-after-silence).
 * Tests replace it with a `ManualClock` to move time without waiting.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

export class ManualClock extends Clock {
  constructor(private current = new Date('2026-12-01T01:00:00Z')) {
    super();
  }
  override now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
