import type { ConnectionView } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAction } from '../../hooks/useAction';
import { useAnnounce } from '../../hooks/useAnnounce';
import { useApi } from '../../hooks/useApi';
import { partnerKey, useSelection } from '../../hooks/useSelection';

/** Removing a connection deletes its stored secrets; its history stays. */
export function RemoveConnectionDialog({
  connection,
  onClose,
}: {
  connection: ConnectionView;
  onClose: () => void;
}) {
  const api = useApi();
  const announce = useAnnounce();
  const { select } = useSelection();
  const remove = useAction(() => api.removeConnection(connection.id));
  const confirm = async () => {
    const settled = await remove.run();
    if (!settled.ok) return;
    announce(`${connection.label} was removed.`);
    onClose();
    select(partnerKey(connection.partnerId));
  };
  return (
    <ConfirmDialog
      title={`Remove ${connection.label}?`}
      confirmLabel="Remove connection"
      tone="danger"
      pending={remove.pending}
      error={remove.error}
      onCancel={onClose}
      onConfirm={() => void confirm()}
    >
      <p>
        TokenTray deletes its stored secrets and stops renewing it. Its history stays. Nothing changes at the
        partner: revoke the tokens first if they must stop working.
      </p>
    </ConfirmDialog>
  );
}
