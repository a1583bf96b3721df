import { useState } from 'react';
import type { ConnectionView } from '../../api/types';
import { ConnectionFormDialog } from '../connection-form/ConnectionFormDialog';
import { FollowUpReason } from './FollowUpReason';
import { GuidanceStep } from './GuidanceStep';
import { SecretsButton } from '../../components/SecretsButton';

/**
 * When only this computer's clock says the refresh token is over, the clock is the likelier
 * fault: check it first, then get new credentials. Revoking would destroy tokens that may work.
 */
export function ClockGuidanceSteps({ connection }: { connection: ConnectionView }) {
  const [reAdding, setReAdding] = useState(false);
  const { followUp } = connection;
  return (
    <section className="guidance">
      <h3>What to do</h3>
      <FollowUpReason followUp={followUp} message={followUp?.message} reasons={[]} />
      <ol className="steps">
        <GuidanceStep number={1} title="Check this computer's clock" state="current">
          <p>
            Check the date, time and time zone, and let them update automatically. TokenTray looks at this
            connection again as soon as the clock changes.
          </p>
        </GuidanceStep>
        <GuidanceStep
          number={2}
          title="If the clock is right, sign in again or paste a new token"
          state="todo"
        >
          <p className="muted">
            Enter the new credentials the partner gives you. The stored ones are kept until then.
          </p>
          <div className="step-actions">
            <SecretsButton className="button" onClick={() => setReAdding(true)}>
              Enter new credentials
            </SecretsButton>
          </div>
        </GuidanceStep>
      </ol>
      {reAdding && (
        <ConnectionFormDialog mode="reAdd" connection={connection} onClose={() => setReAdding(false)} />
      )}
    </section>
  );
}
