import { z } from 'zod';
import { configPath } from '../config/paths';
import { YamlFile } from '../config/yaml-file';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const days = z.number().int().min(0).max(60);
const deadline = z.object({ takeWorkingDays: days, answerWorkingDays: days.min(1) }).strict();

export const ticketsConfigSchema = z
  .object({
    tickets: z
      .object({
        deadlines: z.object({ normal: deadline, urgent: deadline }).strict(),
        reminderPercents: z.array(z.number().int().min(1).max(100)).min(1),
        supervisionAfterMinutes: z.number().int().min(0),
        extension: z.object({ maxExtensions: z.number().int().min(0), workingDays: days.min(1) }).strict(),
        autoCloseDays: z.number().int().min(1).max(365),
        similar: z
          .object({
            threshold: z.number().gt(0).max(1),
            candidates: z.number().int().min(1),
            shown: z.number().int().min(0),
            filler: z.string(),
            placeEndings: z.array(z.string().trim().min(1)),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

export type TicketsConfig = z.infer<typeof ticketsConfigSchema>['tickets'];

export const calendarConfigSchema = z
  .object({
    weekend: z.array(z.number().int().min(1).max(7)),
    holidays: z
      .array(
        z
          .object({ from: date, to: date, name: z.string().optional() })
          .strict()
          .refine((h) => h.from <= h.to, 'from must not be after to'),
      )
      .default([]),
    workdays: z.array(z.object({ date, name: z.string().optional() }).strict()).default([]),
  })
  .strict();

export type CalendarConfig = z.infer<typeof calendarConfigSchema>;

/** The `tickets` part of the configuration as its own provider, so ticket services need not see the rest. */
export const TICKETS_CONFIG = Symbol('TICKETS_CONFIG');

/** Reads `config/tickets.yaml`; a problem stops start-up with `file:line: path: reason`. */
export function loadTicketsConfig(file = configPath('tickets.yaml')): TicketsConfig {
  return YamlFile.read(file).validate(ticketsConfigSchema).tickets;
}

export function loadCalendarConfig(file = configPath('calendar.yaml')): CalendarConfig {
  return YamlFile.read(file).validate(calendarConfigSchema);
}
