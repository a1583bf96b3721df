import type { TokenStatus } from '../api/types';
import { TOKEN_STATUS_LABEL } from '../format/labels';

/** New, Active, Renewed, Revoked or Expired (seed 002 names New and Renewed). */
export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  return <span className={`tag tag--${status}`}>{TOKEN_STATUS_LABEL[status]}</span>;
}
