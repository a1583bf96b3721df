import type { ConnectionCheck, ConnectionView } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import type { IconName } from '../../components/Icon';
import { Outcome } from '../../components/Outcome';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';

const STEP_LABEL: Record<ConnectionCheck['steps'][number]['step'], string> = {
  dns: 'Name lookup',
  connect: 'Connection',
  proxy: 'Proxy',
  tls: 'TLS',
  http: 'HTTP',
};

const RESULT_ICON: Record<ConnectionCheck['steps'][number]['result'], IconName> = {
  passed: 'check',
  failed: 'alert',
  skipped: 'info',
};

/** "Test connection": the way to the partner step by step, with the network settings of the moment; never renews. */
export function NetworkCheck({ connection }: { connection: ConnectionView }) {
  const api = useApi();
  const check = useAction(() => api.checkConnection(connection.id));
  // A token pasted by hand has no address unless the partner gave a verify URL.
  if (connection.dialect === 'manual' && !connection.verifyUrl) return null;
  return (
    <section className="panel-section" aria-label="Network">
      <div className="section-heading">
        <h3>Network</h3>
        <ActionButton action={check} className="button button--small">
          Test connection
        </ActionButton>
      </div>
      <div aria-live="polite">
        {check.pending && <Outcome tone="progress">Testing the way to the partner…</Outcome>}
        {check.error && <ErrorNotice error={check.error} />}
        {check.result && (
          <>
            <Outcome tone={check.result.ok ? 'ok' : 'error'}>
              {check.result.ok
                ? `${check.result.host} can be reached: a renewal would get through. Nothing was renewed.`
                : `${check.result.host} cannot be reached from here: see the step that failed. Nothing was renewed.`}
            </Outcome>
            <ol className="network-steps">
              {check.result.steps.map((step) => (
                <li
                  key={step.step}
                  className={`network-step network-step--${step.result}`}
                  data-result={step.result}
                >
                  <Icon name={RESULT_ICON[step.result]} />
                  <span className="network-step-name">{STEP_LABEL[step.step]}</span>
                  <span className="network-step-text">{step.message}</span>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </section>
  );
}
