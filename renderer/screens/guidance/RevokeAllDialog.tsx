import type { PartnerBrief, RevokeResult } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';

const LISTED = 8;

/** The third step when a token fails: revoke every token of the partner, at the partner where possible and always here. */
export function RevokeAllDialog({
  partner,
  onClose,
  onRevoked,
}: {
  partner: PartnerBrief;
  onClose: () => void;
  onRevoked?: (result: RevokeResult) => void;
}) {
  const api = useApi();
  const revoke = useAction(() => api.revokeAllTokens(partner.id));
  const count = partner.connections.length;
  const atPartner = partner.connections.filter((c) => c.hasRevocationUrl).length;
  const confirm = async () => {
    const settled = await revoke.run();
    if (!settled.ok) return;
    onRevoked?.(settled.value);
    onClose();
  };
  return (
    <ConfirmDialog
      title={`Revoke all tokens of ${partner.name}?`}
      confirmLabel="Revoke all tokens"
      tone="danger"
      pending={revoke.pending}
      error={revoke.error}
      onCancel={onClose}
      onConfirm={() => void confirm()}
    >
      <p>
        This affects {count === 1 ? 'the one connection' : `all ${count} connections`} of{' '}
        <strong>{partner.name}</strong>:
      </p>
      <ul className="compact-list">
        {partner.connections.slice(0, LISTED).map((c) => (
          <li key={c.id}>{c.label}</li>
        ))}
        {count > LISTED && <li>and {count - LISTED} more</li>}
      </ul>
      <p>
        {atPartner > 0
          ? `TokenTray asks the partner to revoke the tokens of the ${atPartner === count ? '' : `${atPartner} `}connection${atPartner === 1 ? '' : 's'} with a revocation URL, then deletes`
          : 'No connection has a revocation URL, so the partner is not asked. TokenTray deletes'}{' '}
        every stored secret of these connections. They stay in the list, marked Needs action, until you re-add
        them with new credentials.
      </p>
    </ConfirmDialog>
  );
}
