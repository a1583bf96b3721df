import { z } from 'zod';
import { EARLIEST_TIME_MS, LATEST_TIME_MS } from './time-range';

const OUT_OF_RANGE = 'Enter a date between the years 2000 and 9999.';

/** An absolute time in milliseconds from outside, whole and within TokenTray's range of times. */
export const TimestampSchema = z
  .number(OUT_OF_RANGE)
  .int(OUT_OF_RANGE)
  .min(EARLIEST_TIME_MS, OUT_OF_RANGE)
  .max(LATEST_TIME_MS, OUT_OF_RANGE);
