/** The footer of every form dialog: Cancel closes, Save submits the form (aria-disabled while saving). */
export function SaveCancelFooter({ saving, onCancel }: { saving: boolean; onCancel: () => void }) {
  return (
    <div className="dialog-footer">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button--primary" aria-disabled={saving || undefined}>
        Save
      </button>
    </div>
  );
}
