import { shell } from 'electron';

/** Hands a mailto: link to the system's mail program; false when none answered (openExternal rejects then). */
export async function openMailDraft(mailto: string): Promise<boolean> {
  if (!mailto.startsWith('mailto:')) return false;
  return shell.openExternal(mailto).then(
    () => true,
    () => false,
  );
}
