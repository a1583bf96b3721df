import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';

/**
 * The secret scan: searches files for secret values. Reports counts and file
 * names only; the values themselves are never printed.
 */

export interface ScanReport {
  secrets: number;
  filesScanned: number;
  /** Paths, relative to the folder scanned, of files holding at least one secret. */
  filesWithSecrets: string[];
}

// Pictures and recordings: a token on screen is not searchable as text.
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.webm']);

export async function readIssuedSecrets(dir: string): Promise<Set<string>> {
  const secrets = new Set<string>();
  for (const file of await filesUnder(dir)) {
    for (const line of (await readFile(file, 'utf8')).split('\n')) if (line) secrets.add(line);
  }
  return secrets;
}

/** Every non-image file under `root` (except `skip`), searched byte-wise for each secret as sent and as URL-encoded. */
export async function scanForSecrets(root: string, secrets: Set<string>, skip: string): Promise<ScanReport> {
  const needles = [...secrets].flatMap((secret) => [...new Set([secret, encodeURIComponent(secret)])]);
  const files = (await filesUnder(root)).filter(
    (file) => !file.startsWith(`${skip}/`) && !IMAGE_EXTENSIONS.has(extname(file).toLowerCase()),
  );
  const filesWithSecrets: string[] = [];
  for (const file of files) {
    const content = await readFile(file);
    if (needles.some((needle) => content.includes(needle))) filesWithSecrets.push(relative(root, file));
  }
  return { secrets: secrets.size, filesScanned: files.length, filesWithSecrets };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
