import { z } from 'zod';

export const MAX_TEXT_CHARS = 2000;

/** `POST /api/messages`, Botkit's webhook convention plus the page's locale and studio code. */
export const webMessageSchema = z
  .object({
    type: z.literal('message', { message: 'type must be "message"' }).default('message'),
    user: z
      .string({ message: 'user is required' })
      .trim()
      .min(1, 'user is required')
      .max(128, 'user is longer than 128 characters')
      // Console previews run as preview:<admin>; a real resident may not take that id space.
      .refine((u) => !u.startsWith('preview:'), 'user may not start with "preview:"'),
    text: z.string().max(MAX_TEXT_CHARS, `text is longer than ${MAX_TEXT_CHARS} characters`).optional(),
    channel: z.string().max(32).optional(),
    locale: z.string().max(16).optional(),
    ws: z.string().max(64).optional(),
    attachments: z
      .array(z.object({ kind: z.enum(['image', 'voice', 'video', 'file']), ref: z.string().min(1).max(512), name: z.string().max(255).nullish() }))
      .max(9)
      .optional(),
  })
  .passthrough();

export type WebMessage = z.infer<typeof webMessageSchema>;
