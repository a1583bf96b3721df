import { useState } from 'react';
import { copyWithAutoClear } from '../../api/clipboard';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Outcome } from '../../components/Outcome';
import { SecretInput } from '../../components/SecretInput';
import { formatFull } from '../../format/time';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { useSecretsBlocked } from '../../hooks/useSecretsBlocked';
import { useSnapshot } from '../../hooks/useSnapshot';

/** A join code on the clipboard is wiped after this long: it is worth a workspace key for its 15 minutes. */
const JOIN_CODE_CLIPBOARD_SECONDS = 120;

/** A shared workspace: which one, join codes for new members, and moving in or out. */
export function WorkspaceSettings() {
  const { snapshot } = useSnapshot();
  const workspace = snapshot?.workspace ?? null;
  return workspace ? <InWorkspace label={workspace.label} member={workspace.member} /> : <MoveIn />;
}

function InWorkspace({ label, member }: { label: string; member: string }) {
  const api = useApi();
  const joinCode = useAction(() => api.createJoinCode());
  const secretsBlocked = useSecretsBlocked();
  const [copied, setCopied] = useState(false);
  return (
    <section className="card" aria-labelledby="workspace-title">
      <h3 id="workspace-title">Shared workspace</h3>
      <p>
        This TokenTray runs on the workspace <strong>{label}</strong> as <strong>{member}</strong>. Each
        connection renews once, on whichever member's TokenTray takes it.
      </p>
      <p className="muted" id="workspace-settings-scope">
        Launch at login, the theme, the list's order, notifications, quiet hours and the clipboard wipe are
        this computer's own. The renewal policy (reminder days included), renewals at once, pausing and the
        network are the workspace's, for every member.
      </p>
      <p className="muted">
        Someone joining needs the database URL and a join code: it works once, for 15 minutes, and is shown
        only here and now.
      </p>
      <button
        type="button"
        className="button"
        aria-disabled={joinCode.pending || undefined}
        disabled={secretsBlocked !== null}
        title={secretsBlocked ?? undefined}
        onClick={() => {
          setCopied(false);
          void (joinCode.pending || joinCode.run());
        }}
      >
        Create join code
      </button>
      <div aria-live="polite">
        {joinCode.pending && <Outcome tone="progress">Making a join code…</Outcome>}
        {joinCode.result && (
          <Outcome tone="ok">
            <Field
              id="join-code"
              label="Join code"
              hint={`Works once, until ${formatFull(joinCode.result.expiresAt)}. They start TokenTray with --workspace URL --member NAME --join CODE.`}
            >
              {(control) => (
                <div className="secret-input">
                  <input
                    {...control}
                    className="input input--mono"
                    readOnly
                    value={joinCode.result!.code}
                    onFocus={(event) => event.target.select()}
                  />
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      void copyWithAutoClear(joinCode.result!.code, JOIN_CODE_CLIPBOARD_SECONDS).then(() =>
                        setCopied(true),
                      )
                    }
                  >
                    {copied ? 'Copied' : 'Copy'}
                  </button>
                </div>
              )}
            </Field>
          </Outcome>
        )}
      </div>
      {joinCode.error && <ErrorNotice error={joinCode.error} />}
      <MoveOut />
    </section>
  );
}

function MoveOut() {
  const api = useApi();
  const [folder, setFolder] = useState('');
  const move = useAction((to: string) => api.moveOutOfWorkspace(to));
  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        void (move.pending || move.run(folder));
      }}
    >
      <h4>Move out into a local profile</h4>
      <p className="muted">
        Every partner and connection leaves the workspace for a new profile folder on this computer, with its
        credentials and history. Other members stop seeing them.
      </p>
      <Field id="move-out-folder" label="New profile folder">
        {(control) => (
          <input
            {...control}
            className="input"
            value={folder}
            onChange={(event) => setFolder(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" aria-disabled={move.pending || undefined}>
        Move out of the workspace
      </button>
      <div aria-live="polite">
        {move.pending && <Outcome tone="progress">Moving…</Outcome>}
        {move.result && (
          <Outcome tone="ok">
            Moved {move.result.connections} connections into {move.result.profileDir}. Start TokenTray with
            --profile {move.result.profileDir} to renew them there.
          </Outcome>
        )}
      </div>
      {move.error && <ErrorNotice error={move.error} />}
    </form>
  );
}

function MoveIn() {
  const api = useApi();
  const secretsBlocked = useSecretsBlocked();
  const [url, setUrl] = useState('');
  const [member, setMember] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const move = useAction(() =>
    api.moveIntoWorkspace({
      url: url.trim(),
      member: member.trim(),
      ...(password ? { password } : {}),
      ...(code.trim() ? { joinCode: code.trim() } : {}),
    }),
  );
  const fields = move.error?.fieldErrors ?? {};
  return (
    <section className="card" aria-labelledby="move-in-title">
      <h3 id="move-in-title">Move into a shared workspace</h3>
      <p className="muted">
        Partners, connections, their credentials and history move into a workspace on PostgreSQL that other
        members share; nothing is typed again. From then on this profile renews nothing, and this TokenTray
        stops: start it on the workspace.
      </p>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void (move.pending || move.run());
        }}
      >
        <Field
          id="move-in-url"
          label="Database URL"
          hint="postgres://user@host:port/database"
          error={fields['workspace.url']}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              value={url}
              onChange={(event) => setUrl(event.target.value)}
            />
          )}
        </Field>
        <Field id="move-in-member" label="Your name in the workspace" error={fields['workspace.member']}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={member}
              onChange={(event) => setMember(event.target.value)}
            />
          )}
        </Field>
        <Field id="move-in-password" label="Database password" optional hint="Kept in the system keychain.">
          {(control) => <SecretInput control={control} value={password} onChange={setPassword} />}
        </Field>
        <Field
          id="move-in-join-code"
          label="Join code"
          optional
          hint="From a member of an existing workspace; not needed for a new workspace."
        >
          {(control) => <SecretInput control={control} value={code} onChange={setCode} />}
        </Field>
        <button
          type="submit"
          className="button"
          aria-disabled={move.pending || undefined}
          disabled={secretsBlocked !== null}
          title={secretsBlocked ?? undefined}
        >
          Move into the workspace
        </button>
      </form>
      <div aria-live="polite">
        {move.pending && <Outcome tone="progress">Moving…</Outcome>}
        {move.result && (
          <Outcome tone="ok">
            Moved {move.result.connections} connections into {move.result.label}. Start TokenTray with
            --workspace {move.result.url} --member {move.result.member}.
          </Outcome>
        )}
      </div>
      {move.error && <ErrorNotice error={move.error} />}
    </section>
  );
}
