import type { ApiEvent } from './api-contract';
import type { CoreEvent } from '../app';

/** A core event as the window receives it (IPC event or server-sent event). */
export function toApiEvent(event: CoreEvent): ApiEvent {
  switch (event.type) {
    case 'changed':
      return { type: 'changed', connectionIds: [...event.connectionIds] };
    case 'stopping':
      return { type: 'stopping', message: event.note.message, guidance: [...event.note.guidance] };
    case 'storage':
      // The window reads the storage state from the snapshot it fetches again.
      return { type: 'changed', connectionIds: [] };
    case 'reminder':
      return {
        type: 'reminder',
        connectionId: event.reminder.connectionId,
        days: event.reminder.days,
        expiresAt: event.reminder.expiresAt,
      };
    case 'needsAction':
      return { type: 'needsAction', connectionId: event.connectionId };
  }
}
