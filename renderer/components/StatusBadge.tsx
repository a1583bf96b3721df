import type { ConnectionStatus } from '../api/types';
import { STATUS_LABEL } from '../format/labels';
import type { IconName } from './Icon';
import { Icon } from './Icon';

const STATUS_ICON: Record<ConnectionStatus, IconName> = {
  needsAction: 'alert',
  retrying: 'retry',
  expiringSoon: 'clock',
  renewing: 'renew',
  paused: 'pause',
  healthy: 'check',
};

/** A connection's status in words, with an icon and colour that only repeat them. */
export function StatusBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`badge badge--${status}`}>
      <Icon name={STATUS_ICON[status]} className={status === 'renewing' ? 'icon--spin' : undefined} />
      <span className="badge-text">{STATUS_LABEL[status]}</span>
    </span>
  );
}
