import type { ReactNode } from 'react';
import type { IconName } from './Icon';
import { Icon } from './Icon';

/** A window-wide condition that changes what TokenTray can do, with the way out beside it. */
export function Banner({
  tone,
  icon,
  title,
  children,
  action,
}: {
  tone: 'danger' | 'warning' | 'info';
  icon: IconName;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`banner banner--${tone}`}>
      <Icon name={icon} />
      <div className="banner-text">
        <p className="banner-title">{title}</p>
        {children}
      </div>
      {action && <div className="banner-action">{action}</div>}
    </div>
  );
}
