import { z } from 'zod';

/** One entry of a partner's chronological history, whatever record it comes from. */
export const historyItemSchema = z.object({
  /** `engagement`, `agreement`, `program`, `commitment`, `article` (news about it), `partnership`. */
  kind: z.enum(['engagement', 'agreement', 'program', 'commitment', 'article', 'partnership']),
  id: z.string(),
  /** The day it happened or is due (YYYY-MM-DD); the history is sorted by it, newest first. */
  date: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  /** The record's type or status code, e.g. `visit_inbound`, `active`, `overdue`. */
  status: z.string().nullable(),
});
export type HistoryItem = z.infer<typeof historyItemSchema>;
