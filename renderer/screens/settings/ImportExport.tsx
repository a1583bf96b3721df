import type { ChangeEvent } from 'react';
import { useRef, useState } from 'react';
import type { ExportFile } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Outcome } from '../../components/Outcome';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { describeImport } from './import-text';

const MAX_IMPORT_BYTES = 5_000_000;
const TOO_LARGE = 'That file is too large to be a TokenTray export (5 MB at most).';

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

/** Partners and connections to and from a file; secrets never leave the keychain this way. */
export function ImportExport() {
  const api = useApi();
  const fileInput = useRef<HTMLInputElement>(null);
  const exporting = useAction(() => api.exportData());
  const importing = useAction((contents: string) => api.importData(contents));
  const [tooLarge, setTooLarge] = useState(false);

  const onExport = async () => {
    const settled = await exporting.run();
    if (settled.ok) {
      download(settled.value);
    }
  };
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setTooLarge(file.size > MAX_IMPORT_BYTES);
    if (file.size > MAX_IMPORT_BYTES) {
      importing.reset();
      return;
    }
    await importing.run(await file.text());
  };

  return (
    <section className="card">
      <h3>Import and export</h3>
      <p className="muted">
        Partners and connections with their settings, without any secret. After an import, enter each
        connection&rsquo;s credentials with Re-add.
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
    </section>
  );
}
