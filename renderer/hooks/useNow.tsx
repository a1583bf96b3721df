import type { ReactNode } from 'react';
import { createContext, useContext, useEffect, useState } from 'react';

const NowContext = createContext<number | null>(null);

/**
 * The window's one clock: every countdown reads it, so all of them tick
 * together once a second, on the second, and nothing else re-renders.
 */
export function NowProvider({ children }: { children: ReactNode }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      timer = setTimeout(tick, 1000 - (current % 1000) + 5);
    };
    timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
    return () => clearTimeout(timer);
  }, []);
  return <NowContext value={now}>{children}</NowContext>;
}

export function useNow(): number {
  const now = useContext(NowContext);
  if (now === null) throw new Error('useNow needs a NowProvider');
  return now;
}
