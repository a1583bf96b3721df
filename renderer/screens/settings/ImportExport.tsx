import type { ChangeEvent } from 'react';
import { useRef, useState } from 'react';
import type { ExportFile } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { SecretInput } from '../../components/SecretInput';
import { Outcome } from '../../components/Outcome';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { describeImport } from './import-text';
import { IMPORT_MAX_CHARS, IMPORT_MAX_TEXT } from '../../../main/core/domain/import-limits';

const TOO_LARGE = `That file is too large to be a TokenTray export (${IMPORT_MAX_TEXT} at most).`;

function download(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.contents], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A backup with secrets names its format first; anything else goes to the plain import, which says what is wrong. */
function isBackup(contents: string): boolean {
  try {
    return (JSON.parse(contents) as { format?: unknown } | null)?.format === 'tokentray-backup';
  } catch {
    return false;
  }
}

/**
 * Partners and connections to and from a file: plain, without any secret; or as a backup with
 * every secret, sealed with a passphrase typed here (twice), which the import asks for again.
 */
export function ImportExport() {
  const api = useApi();
  const fileInput = useRef<HTMLInputElement>(null);
  const exporting = useAction(() => api.exportData());
  const backingUp = useAction((passphrase: string) => api.exportBackup(passphrase));
  const importing = useAction((contents: string, passphrase?: string) =>
    passphrase === undefined ? api.importData(contents) : api.importBackup(contents, passphrase),
  );
  const [tooLarge, setTooLarge] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);
  /** A chosen backup, waiting for its passphrase. */
  const [backup, setBackup] = useState<string | null>(null);
  const [backupPassphrase, setBackupPassphrase] = useState('');

  const onExport = async () => {
    const settled = await exporting.run();
    if (settled.ok) {
      download(settled.value);
    }
  };
  const onBackup = async () => {
    setMismatch(passphrase !== confirmation);
    if (passphrase !== confirmation) return;
    const settled = await backingUp.run(passphrase);
    if (settled.ok) {
      download(settled.value);
      setPassphrase('');
      setConfirmation('');
    }
  };
  const onImportBackup = async () => {
    if (backup === null) return;
    const settled = await importing.run(backup, backupPassphrase);
    if (settled.ok) {
      setBackup(null);
      setBackupPassphrase('');
    }
  };
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setTooLarge(file.size > IMPORT_MAX_CHARS);
    if (file.size > IMPORT_MAX_CHARS) {
      importing.reset();
      return;
    }
    const contents = await file.text();
    importing.reset();
    if (isBackup(contents)) {
      setBackup(contents);
      return;
    }
    setBackup(null);
    await importing.run(contents);
  };

  return (
    <section className="card">
      <h3>Import and export</h3>
      <p className="muted">
        Export: partners and connections with their settings, without any secret. After importing it, enter
        each connection&rsquo;s credentials with Re-add. To move to another computer with every secret, export
        a backup with secrets below.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-disabled={exporting.pending || undefined}
          onClick={() => void onExport()}
        >
          Export
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={importing.pending || undefined}
          onClick={() => fileInput.current?.click()}
        >
          Import
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-label="File to import"
          hidden
          onChange={(event) => void onFile(event)}
        />
      </div>
      <div aria-live="polite">
        {exporting.result && <Outcome tone="ok">Exported to {exporting.result.fileName}.</Outcome>}
        {exporting.error && <ErrorNotice error={exporting.error} />}
        {tooLarge && <Outcome tone="error">{TOO_LARGE}</Outcome>}
        {importing.pending && <Outcome tone="progress">Importing…</Outcome>}
        {importing.result && (
          <Outcome tone="ok">
            <p>{describeImport(importing.result)}</p>
            {importing.result.skipped.length > 0 && (
              <ul className="notice-list">
                {importing.result.skipped.map((skip) => (
                  <li key={`${skip.item}:${skip.reason}`}>
                    {skip.item}: {skip.reason}
                  </li>
                ))}
              </ul>
            )}
          </Outcome>
        )}
        {importing.error && <ErrorNotice error={importing.error} />}
      </div>
      {backup !== null && (
        <form
          className="stack"
          aria-label="Import the backup"
          onSubmit={(event) => {
            event.preventDefault();
            void onImportBackup();
          }}
        >
          <p>This file is a backup with secrets. Enter the passphrase it was written with.</p>
          <Field id="backup-passphrase-import" label="Backup passphrase">
            {(control) => (
              <SecretInput
                control={control}
                value={backupPassphrase}
                onChange={setBackupPassphrase}
                autoFocus
              />
            )}
          </Field>
          <div className="button-row">
            <button type="submit" className="button" aria-disabled={importing.pending || undefined}>
              Import backup
            </button>
            <button type="button" className="button button--quiet" onClick={() => setBackup(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <h4>Backup with secrets</h4>
      <p className="muted">
        Every connection&rsquo;s secrets, sealed with a passphrase you choose (scrypt and AES-256-GCM):
        without it the file opens nowhere, and TokenTray cannot recover a forgotten one. Importing it
        elsewhere asks for it.
      </p>
      <form
        className="stack"
        aria-label="Backup with secrets"
        onSubmit={(event) => {
          event.preventDefault();
          void onBackup();
        }}
      >
        <Field id="backup-passphrase" label="Passphrase" hint="At least 10 characters.">
          {(control) => <SecretInput control={control} value={passphrase} onChange={setPassphrase} />}
        </Field>
        <Field
          id="backup-passphrase-confirm"
          label="Passphrase again"
          error={mismatch ? 'The two passphrases differ.' : undefined}
        >
          {(control) => <SecretInput control={control} value={confirmation} onChange={setConfirmation} />}
        </Field>
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={backingUp.pending || undefined}>
            Export with secrets
          </button>
        </div>
        <div aria-live="polite">
          {backingUp.pending && <Outcome tone="progress">Sealing the backup…</Outcome>}
          {backingUp.result && <Outcome tone="ok">Exported to {backingUp.result.fileName}.</Outcome>}
          {backingUp.error && <ErrorNotice error={backingUp.error} />}
        </div>
      </form>
    </section>
  );
}
