import type { TokenStatus } from '../api/types';
import { TOKEN_STATUS_LABEL } from '../format/labels';

/** New, Active, Renewed, Revoked or Expired (New and Renewed: a pasted manual token and the one it replaced). */
export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  return <span className={`tag tag--${status}`}>{TOKEN_STATUS_LABEL[status]}</span>;
}
