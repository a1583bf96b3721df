import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useState } from 'react';
import { createPortal } from 'react-dom';

const AnnounceContext = createContext<((message: string) => void) | null>(null);

/** One polite live region for the window: outcomes of renewals, copies, saves are read out once. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState({ text: '', seq: 0 });
  const announce = useCallback((text: string) => setMessage((m) => ({ text, seq: m.seq + 1 })), []);
  return (
    <AnnounceContext value={announce}>
      {children}
      {/* Outside #root, which turns inert while a dialog is open, so nothing said then is lost. */}
      {createPortal(
        <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {/* A new key makes the same sentence, said twice, heard twice. */}
          <span key={message.seq}>{message.text}</span>
        </div>,
        document.body,
      )}
    </AnnounceContext>
  );
}

export function useAnnounce(): (message: string) => void {
  const announce = useContext(AnnounceContext);
  if (!announce) throw new Error('useAnnounce needs an AnnouncerProvider');
  return announce;
}
