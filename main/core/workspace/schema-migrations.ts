import type pg from 'pg';
import { TokenTrayError } from '../domain/errors';

/**
 * The workspace's tables, one step per schema version, oldest first. A step is never edited
 * once released: a change is a new step. Records are the same JSON the local profile keeps
 * (validated by the same zod schemas when read), secrets only sealed.
 */
export const WORKSPACE_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE partners (id text PRIMARY KEY, record jsonb NOT NULL);
      CREATE TABLE connections (id text PRIMARY KEY, record jsonb NOT NULL);
      CREATE TABLE tokens (id text PRIMARY KEY, connection_id text NOT NULL, record jsonb NOT NULL);
      CREATE INDEX tokens_by_connection ON tokens (connection_id);
      CREATE TABLE states (connection_id text PRIMARY KEY, record jsonb NOT NULL);
      CREATE TABLE secrets (
        connection_id text NOT NULL,
        kind text NOT NULL,
        sealed text NOT NULL,
        PRIMARY KEY (connection_id, kind)
      );
      CREATE TABLE history (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        member text,
        entry jsonb NOT NULL
      );
      -- One row each: the settings, and how the secrets are sealed (the key itself is in each member's keychain).
      CREATE TABLE settings (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), record jsonb NOT NULL);
      CREATE TABLE sealing (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), record jsonb NOT NULL);
      CREATE TABLE members (
        id text PRIMARY KEY,
        display_name text NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now()
      );
      -- Every committed change in order: the other members' instances apply them to their view.
      CREATE TABLE changes (
        seq bigserial PRIMARY KEY,
        instance text NOT NULL,
        ops jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- One-time join codes: the data key wrapped under a key only the code's holder can derive.
      -- expires_at is epoch milliseconds on the creating instance's clock, also bound into the wrap.
      CREATE TABLE join_codes (
        id text PRIMARY KEY,
        key_version integer NOT NULL,
        wrapped text NOT NULL,
        expires_at bigint NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        used_by text
      );
      -- Members are named by their display name, as the history names them.
      CREATE UNIQUE INDEX members_by_name ON members (display_name);
    `,
  },
  {
    version: 3,
    sql: `
      -- Changes older than a retention are trimmed; its through is the newest trimmed, so that an
      -- instance that had not read that far knows to read the whole workspace again.
      CREATE TABLE changes_trimmed (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        through bigint NOT NULL
      );
      CREATE INDEX changes_by_time ON changes (at);
    `,
  },
  {
    version: 4,
    sql: `
      -- A fencing token per connection: raised by each instance that takes the connection's
      -- renewal lock, and checked by the transaction that writes a renewal's result, so a
      -- holder whose session was cut off meanwhile cannot write its late result over the next's.
      CREATE TABLE leases (connection_id text PRIMARY KEY, epoch bigint NOT NULL);
      -- The check, in the writing transaction: locks the lease row to the commit (so no epoch is
      -- raised in between) and fails the transaction with SQLSTATE TTF01 unless the epoch holds.
      CREATE FUNCTION tokentray_check_fence(connection text, expected bigint) RETURNS void
      LANGUAGE plpgsql AS $check$
      BEGIN
        PERFORM 1 FROM leases WHERE connection_id = connection AND epoch = expected FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'a newer renewal holds this connection' USING ERRCODE = 'TTF01',
            DETAIL = json_build_object('connectionId', connection, 'epoch', expected)::text;
        END IF;
      END
      $check$;
    `,
  },
  {
    version: 5,
    sql: `
      -- Taking a renewal in one round trip: the advisory locks let go since the last call, the
      -- connection's lock, and, read after the lock, what its holder needs to go on. A VOLATILE
      -- function takes a fresh snapshot for each command (READ COMMITTED), so the reads below
      -- see the result the previous holder committed before it let the lock go. The epoch is
      -- raised here only when no other instance's in-flight marker stands: one that finds a
      -- marker decides first whether its instance is gone, and raises it separately if so.
      -- The last change committed tells the caller how far to follow the changes before it
      -- reads the connection.
      CREATE FUNCTION tokentray_take_renewal(connection text, instance text, lock_key text, unlock_keys jsonb)
      RETURNS TABLE (taken boolean, raised_epoch bigint, marker_owner text, newest_change bigint)
      LANGUAGE plpgsql VOLATILE AS $take$
      BEGIN
        PERFORM pg_advisory_unlock(hashtextextended(key, 0)) FROM jsonb_array_elements_text(unlock_keys) AS key;
        IF NOT pg_try_advisory_lock(hashtextextended(lock_key, 0)) THEN
          RETURN QUERY SELECT false, NULL::bigint, NULL::text, NULL::bigint;
          RETURN;
        END IF;
        SELECT s.record->'inFlight'->>'owner' INTO marker_owner FROM states s WHERE s.connection_id = connection;
        SELECT coalesce(max(c.seq), 0) INTO newest_change FROM changes c;
        IF marker_owner IS NULL OR marker_owner = instance THEN
          INSERT INTO leases AS l (connection_id, epoch) VALUES (connection, 1)
            ON CONFLICT (connection_id) DO UPDATE SET epoch = l.epoch + 1
            RETURNING l.epoch INTO raised_epoch;
        END IF;
        taken := true;
        RETURN NEXT;
      END
      $take$;
      -- Letting go of advisory locks in one statement (those a lock's holder was done with).
      CREATE FUNCTION tokentray_unlock(unlock_keys text[]) RETURNS void
      LANGUAGE sql VOLATILE AS $unlock$
        SELECT pg_advisory_unlock(hashtextextended(key, 0)) FROM unnest(unlock_keys) AS key;
      $unlock$;
    `,
  },
  {
    version: 6,
    sql: `
      -- Members are known by a random id each keeps in their own keychain, no longer by their
      -- display name: two members may share a name, and a member who renames keeps their history.
      DROP INDEX members_by_name;
      -- The rows made before ids were kept are claimed by the first start under their name.
      ALTER TABLE members ADD COLUMN claimed boolean NOT NULL DEFAULT false;
      ALTER TABLE members ALTER COLUMN claimed SET DEFAULT true;
      ALTER TABLE history ADD COLUMN member_id text;
      UPDATE history SET member_id = members.id FROM members WHERE history.member = members.display_name;
    `,
  },
  {
    version: 7,
    sql: `
      -- Writes catalog changes (the ops the local profile journals, as a JSON array) to the tables,
      -- in order, in one statement: a renewal's changes used to cost a statement each. New states
      -- are the defaults given, the patch over them; history lines are filed under the member.
      CREATE FUNCTION tokentray_write_ops(member text, ops jsonb, state_defaults jsonb) RETURNS void
      LANGUAGE plpgsql VOLATILE AS $write$
      DECLARE
        op jsonb;
      BEGIN
        FOR op IN SELECT value FROM jsonb_array_elements(ops) LOOP
          IF op ? 'patch' THEN
            INSERT INTO states AS s (connection_id, record)
              VALUES (op->>'id', state_defaults || (op->'value') || jsonb_build_object('connectionId', op->>'id'))
              ON CONFLICT (connection_id) DO UPDATE SET record = s.record || (op->'value');
          ELSIF op->>'put' = 'partners' THEN
            INSERT INTO partners (id, record) VALUES (op->'value'->>'id', op->'value')
              ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record;
          ELSIF op->>'put' = 'connections' THEN
            INSERT INTO connections (id, record) VALUES (op->'value'->>'id', op->'value')
              ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record;
          ELSIF op->>'put' = 'tokens' THEN
            INSERT INTO tokens (id, connection_id, record)
              VALUES (op->'value'->>'id', op->'value'->>'connectionId', op->'value')
              ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record;
          ELSIF op->>'put' = 'states' THEN
            INSERT INTO states (connection_id, record) VALUES (op->'value'->>'connectionId', op->'value')
              ON CONFLICT (connection_id) DO UPDATE SET record = EXCLUDED.record;
          ELSIF op->>'delete' = 'partners' THEN
            DELETE FROM partners WHERE id = op->>'id';
          ELSIF op->>'delete' = 'connections' THEN
            DELETE FROM connections WHERE id = op->>'id';
            DELETE FROM tokens WHERE connection_id = op->>'id';
          ELSIF op->>'delete' = 'tokens' THEN
            DELETE FROM tokens WHERE id = op->>'id';
          ELSIF op->>'delete' = 'states' THEN
            DELETE FROM states WHERE connection_id = op->>'id';
          ELSIF op ? 'audit' THEN
            INSERT INTO history (id, member, member_id, entry)
              VALUES (op->'audit'->>'id', member, op->'audit'->>'memberId', op->'audit')
              ON CONFLICT (id) DO NOTHING;
          ELSIF op ? 'settings' THEN
            INSERT INTO settings (record) VALUES (op->'settings')
              ON CONFLICT (only_row) DO UPDATE SET record = EXCLUDED.record;
          ELSIF op ? 'seal' AND jsonb_typeof(op->'value') = 'null' THEN
            DELETE FROM secrets WHERE connection_id = op->>'seal' AND kind = op->>'kind';
          ELSIF op ? 'seal' THEN
            INSERT INTO secrets (connection_id, kind, sealed) VALUES (op->>'seal', op->>'kind', op->>'value')
              ON CONFLICT (connection_id, kind) DO UPDATE SET sealed = EXCLUDED.sealed;
          ELSIF op->>'dropSecrets' = '*' THEN
            DELETE FROM secrets;
          ELSIF op ? 'dropSecrets' THEN
            DELETE FROM secrets WHERE connection_id = op->>'dropSecrets';
          ELSIF op ? 'sealing' THEN
            INSERT INTO sealing (record) VALUES (op->'sealing')
              ON CONFLICT (only_row) DO UPDATE SET record = EXCLUDED.record;
          ELSE
            RAISE EXCEPTION 'a change of a kind this workspace does not know';
          END IF;
        END LOOP;
      END
      $write$;
      -- One instance's changes committed in one statement (so one transaction): the fences of the
      -- renewals that made them checked first (each locks its lease row to the commit, so no epoch
      -- is raised in between), the rows written, then the change numbered and announced. The turn
      -- on the writers' transaction lock is taken last and held to the commit: change numbers
      -- follow commit order, while the rows are written by several instances at once.
      -- The digest of the schemas a change's ops were checked against (journal-records.ts): a reader
      -- with the same one takes them as they are. Null: check them.
      ALTER TABLE changes ADD COLUMN format text;
      CREATE FUNCTION tokentray_commit(
        instance text, member text, fences jsonb, ops jsonb, state_defaults jsonb, format text
      ) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $commit$
      DECLARE
        fence jsonb;
        committed bigint;
      BEGIN
        FOR fence IN SELECT value FROM jsonb_array_elements(fences) LOOP
          PERFORM tokentray_check_fence(fence->>'connectionId', (fence->>'epoch')::bigint);
        END LOOP;
        PERFORM tokentray_write_ops(member, ops, state_defaults);
        PERFORM pg_advisory_xact_lock(hashtextextended('tokentray changes', 0));
        INSERT INTO changes (instance, ops, format) VALUES (instance, ops, format) RETURNING seq INTO committed;
        PERFORM pg_notify('tokentray_changes', committed::text);
        RETURN committed;
      END
      $commit$;
      -- Several renewals taken in one statement, in the order given (tokentray_take_renewal, one
      -- row each), after the advisory locks let go since the last call. Lock keys go with the
      -- connections, by position.
      CREATE FUNCTION tokentray_take_renewals(connections jsonb, instance text, lock_keys jsonb, unlock_keys jsonb)
      RETURNS TABLE (taken boolean, raised_epoch bigint, marker_owner text, newest_change bigint)
      LANGUAGE plpgsql VOLATILE AS $takes$
      BEGIN
        PERFORM pg_advisory_unlock(hashtextextended(key, 0)) FROM jsonb_array_elements_text(unlock_keys) AS key;
        FOR i IN 0 .. jsonb_array_length(connections) - 1 LOOP
          RETURN QUERY SELECT * FROM tokentray_take_renewal(connections->>i, instance, lock_keys->>i, '[]'::jsonb);
        END LOOP;
      END
      $takes$;
      `,
  },
  {
    version: 8,
    sql: `
      -- Join codes name who made and who used them by member id, as the history does: a member
      -- who renames stays the same member. The names written before are kept for those codes,
      -- and filled into ids by the member row of that name (the oldest, as version 6 files history).
      ALTER TABLE join_codes ADD COLUMN created_by_member text, ADD COLUMN used_by_member text;
      ALTER TABLE join_codes ALTER COLUMN created_by DROP NOT NULL;
      UPDATE join_codes SET created_by_member =
        (SELECT id FROM members WHERE display_name = join_codes.created_by ORDER BY joined_at, id LIMIT 1);
      UPDATE join_codes SET used_by_member =
        (SELECT id FROM members WHERE display_name = join_codes.used_by ORDER BY joined_at, id LIMIT 1)
        WHERE used_by IS NOT NULL;
    `,
  },
];

export const WORKSPACE_SCHEMA_VERSION = WORKSPACE_MIGRATIONS.at(-1)!.version;

/**
 * Brings the database to this version's schema in one transaction: a failed step leaves the
 * schema as it was. Instances starting together take turns on a transaction lock.
 * Resolves with the version the database was at.
 */
export async function migrateWorkspace(client: pg.ClientBase): Promise<number> {
  await client.query('BEGIN');
  try {
    // CREATE TABLE IF NOT EXISTS races another instance's; this lock makes them take turns.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('tokentray schema', 0))");
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_versions (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_versions',
    );
    const from = rows[0]?.version ?? 0;
    if (from > WORKSPACE_SCHEMA_VERSION) {
      throw new TokenTrayError(
        'workspace_too_new',
        `The workspace was set up by a newer TokenTray (schema version ${from}).`,
        ['Update TokenTray on this computer, then open the workspace again.'],
      );
    }
    for (const step of WORKSPACE_MIGRATIONS) {
      if (step.version <= from) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO schema_versions (version) VALUES ($1)', [step.version]);
    }
    await client.query('COMMIT');
    return from;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
