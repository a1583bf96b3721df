import type { DamagedSection } from '../../main/core/store/damaged-records';
import type { ListSnapshot } from '../api/types';
import { ActionButton } from '../components/ActionButton';
import { Banner } from '../components/Banner';
import { useAction } from '../hooks/useAction';
import { useAnnounce } from '../hooks/useAnnounce';
import { useApi } from '../hooks/useApi';

const SECTION_LABEL: Record<DamagedSection, string> = {
  partners: 'Partner',
  connections: 'Connection',
  tokens: 'Token record',
  states: 'Renewal state',
  audit: 'History entry',
  settings: 'Settings',
  journal: 'Recent change',
};

/** Recovery mode: the profile opened without records it could not read; everything else runs. */
export function DamagedRecordsBanner({ damaged }: { damaged: NonNullable<ListSnapshot['damaged']> }) {
  const api = useApi();
  const announce = useAnnounce();
  const setAside = useAction(async () => {
    const result = await api.setAsideDamagedRecords();
    announce(`${result.setAside} damaged record(s) set aside.`);
    return result;
  });
  return (
    <Banner
      tone="danger"
      icon="alert"
      title="Some records of this profile are damaged"
      action={
        <ActionButton action={setAside} className="button button--primary">
          Set them aside
        </ActionButton>
      }
    >
      <p>
        TokenTray opened the profile without these records; every other connection keeps renewing. Setting
        them aside saves the profile without them.
      </p>
      <ul className="damaged-records" aria-label="Damaged records">
        {damaged.records.map((record) => (
          <li key={`${record.section}:${record.id}`}>
            {SECTION_LABEL[record.section]} <code>{record.id}</code>: {record.reason}
          </li>
        ))}
      </ul>
      {damaged.copyPaths.map((path) => (
        <p key={path}>
          A copy of the file as it was is kept at <code>{path}</code>.
        </p>
      ))}
      {setAside.error && <p className="field-error">{setAside.error.message}</p>}
    </Banner>
  );
}
