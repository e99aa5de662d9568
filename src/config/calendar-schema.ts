/** Placeholder for the calendars section's schema; replaced by the full business-hours schema. */
import { z } from "zod";
import type { Calendar } from "../domain/calendar.js";

export const calendarsSchema = z
  .record(z.string(), z.never())
  .transform(() => ({}) as Record<string, Calendar>);
