import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../api/api-error';
import { toApiError } from '../../api/api-error';
import type { AuditEntry, ConnectionView } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Fingerprint } from '../../components/Fingerprint';
import { Outcome } from '../../components/Outcome';
import { AUDIT_ACTION_LABEL, AUDIT_OUTCOME_LABEL } from '../../format/labels';
import { formatFull } from '../../format/time';
import { useApi } from '../../hooks/useApi';
import { useApiEvent } from '../../hooks/useApiEvent';

/** One page: the history is read a page at a time, never whole. */
const PAGE = 200;

/** Every issue, renewal, failure, verification, copy and revocation of one connection, newest first. */
export function HistoryDialog({ connection, onClose }: { connection: ConnectionView; onClose: () => void }) {
  const api = useApi();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  /** Whether the last page read was full, so older entries may follow. */
  const [more, setMore] = useState(false);
  const load = useCallback(() => {
    api.getHistory({ connectionId: connection.id, limit: PAGE }).then(
      (list) => {
        setEntries(list);
        setMore(list.length === PAGE);
        setError(null);
      },
      (caught: unknown) => setError(toApiError(caught)),
    );
  }, [api, connection.id]);
  const loadOlder = () => {
    const last = entries?.at(-1);
    if (!last) return;
    api.getHistory({ connectionId: connection.id, limit: PAGE, before: last.id }).then(
      (page) => {
        setEntries((shown) => [...(shown ?? []), ...page]);
        setMore(page.length === PAGE);
      },
      (caught: unknown) => setError(toApiError(caught)),
    );
  };

  useEffect(load, [load]);
  // In a shared workspace each line names the member whose TokenTray did it.
  const byMember = entries?.some((entry) => entry.member !== undefined) ?? false;
  // A renewal while the history is open appears in it.
  useApiEvent((event) => {
    if (event.type === 'changed' && event.connectionIds.includes(connection.id)) load();
  });

  return (
    <Dialog title={`History of ${connection.label}`} size="wide" onClose={onClose}>
      <div className="dialog-body dialog-body--table">
        {error && <ErrorNotice error={error} />}
        {entries === null && !error && <Outcome tone="progress">Loading…</Outcome>}
        {entries?.length === 0 && <p className="muted">Nothing has happened to this connection yet.</p>}
        {entries && entries.length > 0 && (
          <table className="table table--history">
            <thead>
              <tr>
                <th scope="col">Time</th>
                {byMember && <th scope="col">Member</th>}
                <th scope="col">Action</th>
                <th scope="col">Outcome</th>
                <th scope="col">HTTP</th>
                <th scope="col">Message</th>
                <th scope="col">Fingerprint</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="nowrap">{formatFull(entry.at)}</td>
                  {byMember && <td className="nowrap">{entry.member ?? ''}</td>}
                  <td className="nowrap">{AUDIT_ACTION_LABEL[entry.action] ?? entry.action}</td>
                  <td className="nowrap">
                    <span className={`tag tag--outcome-${entry.outcome}`}>
                      {AUDIT_OUTCOME_LABEL[entry.outcome]}
                    </span>
                  </td>
                  <td className="mono">{entry.httpStatus ?? ''}</td>
                  <td className="wrap">{entry.message ?? ''}</td>
                  <td>{entry.fingerprint ? <Fingerprint value={entry.fingerprint} /> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {more && (
          <button type="button" className="button" onClick={loadOlder}>
            Show older entries
          </button>
        )}
      </div>
      <div className="dialog-footer">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Done
        </button>
      </div>
    </Dialog>
  );
}
