import { z } from 'zod';

/**
 * The form every id TokenTray makes has (`newId`: a random UUID). An id from outside
 * that lacks it names no record, so `__proto__`, `constructor` and the like fail
 * validation as a field error before anything looks them up.
 */
export const RECORD_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RecordIdSchema = z.string().regex(RECORD_ID_PATTERN, 'This is not a TokenTray id.');
