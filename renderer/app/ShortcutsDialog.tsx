import { Dialog } from '../components/Dialog';
import { SHORTCUTS } from '../screens/tokens/shortcuts';

/** The `?` overlay: every shortcut the window answers to. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <div className="dialog-body">
        <dl className="shortcuts">
          {SHORTCUTS.map(({ keys, does }) => (
            <div key={does} className="shortcuts-row">
              <dt>
                {keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{does}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="dialog-footer">
        <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
