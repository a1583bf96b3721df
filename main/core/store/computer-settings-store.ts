import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { ComputerSettings, Settings } from '../domain/settings';
import { computerSettingsOf, validComputerSettings } from '../domain/settings';
import { asStorageError } from './storage-failure';
import { confFileOptions } from './conf-store';
import { copyAside } from './store-file';

/** Where a workspace instance keeps this computer's own settings (domain/settings.ts `COMPUTER_SETTINGS`). */
export interface ComputerSettingsStore {
  /** The valid fields stored; a field never chosen on this computer is missing. */
  read(): Partial<ComputerSettings>;
  /** Durable once it returns; a disk that refuses it throws `StorageError`. */
  write(settings: ComputerSettings): void;
}

const COMPUTER_SETTINGS_NAME = 'tokentray.computer';

export function computerSettingsPath(directory: string): string {
  return join(directory, `${COMPUTER_SETTINGS_NAME}.json`);
}

/**
 * This computer's settings in a small file of the instance's local folder, on conf as the local
 * profile's store is (a temporary file renamed over the old one). A file that does not read as
 * JSON is copied aside and started afresh: it holds preferences only, never a connection.
 */
export function openComputerSettings(directory: string): ComputerSettingsStore {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  let opened: Conf<Record<string, unknown>> | undefined;
  const conf = (): Conf<Record<string, unknown>> => {
    if (opened) return opened;
    const options = confFileOptions(directory, COMPUTER_SETTINGS_NAME);
    try {
      opened = new Conf<Record<string, unknown>>(options);
    } catch (error) {
      const path = computerSettingsPath(directory);
      if (!(error instanceof SyntaxError) || !existsSync(path)) throw asStorageError(error, directory);
      copyAside(path, Date.now);
      rmSync(path, { force: true });
      opened = new Conf<Record<string, unknown>>(options);
    }
    return opened;
  };
  return {
    read: () => validComputerSettings(conf().store),
    write: (settings) => {
      try {
        conf().store = { ...settings };
      } catch (error) {
        throw asStorageError(error, directory);
      }
    },
  };
}

/**
 * A local profile moving into a workspace leaves its computer settings in its folder, where the
 * workspace instance reads them, unless that folder holds some already. Best effort: they are
 * preferences, and a disk that refuses them must not undo a move the workspace committed.
 */
export function keepComputerSettings(directory: string, settings: Settings): void {
  if (existsSync(computerSettingsPath(directory))) return;
  try {
    openComputerSettings(directory).write(computerSettingsOf(settings));
  } catch {
    // The workspace instance starts from the defaults instead.
  }
}

/** For a workspace instance without a local folder (tests, tools): this run's choices only. */
export function computerSettingsInMemory(): ComputerSettingsStore {
  let stored: Partial<ComputerSettings> = {};
  return {
    read: () => stored,
    write: (settings) => {
      stored = { ...settings };
    },
  };
}
