import type { ReactNode } from 'react';
import type { IconName } from './Icon';
import { Icon } from './Icon';

const TONE_ICON: Record<'progress' | 'ok' | 'warning' | 'error' | 'info', IconName> = {
  progress: 'renew',
  ok: 'check',
  warning: 'retry',
  error: 'alert',
  info: 'info',
};

/** The result of something the person just did, next to where they did it. */
export function Outcome({
  tone,
  children,
}: {
  tone: 'progress' | 'ok' | 'warning' | 'error' | 'info';
  children: ReactNode;
}) {
  return (
    <div className={`outcome outcome--${tone}`}>
      <Icon name={TONE_ICON[tone]} className={tone === 'progress' ? 'icon--spin' : undefined} />
      <div className="outcome-text">{children}</div>
    </div>
  );
}
