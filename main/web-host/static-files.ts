import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { contentTypeOf } from '../core/api/content-types';

/**
 * The file of the built renderer a URL path names, or null. Refuses anything that
 * could leave the directory: `..` in any spelling, backslashes, NUL, and symlinks
 * pointing outside.
 */
export async function resolveStaticFile(rootDir: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.length === 0 || segments.some((s) => s === '..' || s === '.' || s.startsWith('.')))
    return null;
  try {
    const root = await realpath(rootDir);
    const file = await realpath(join(root, ...segments));
    if (!file.startsWith(root + sep)) return null;
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** Streams a file of the built renderer. */
export async function sendStaticFile(
  response: ServerResponse,
  file: string,
  options: { cacheControl: string; headOnly: boolean },
): Promise<void> {
  const { size } = await stat(file);
  response.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': size,
    'Cache-Control': options.cacheControl,
  });
  if (options.headOnly) {
    response.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      response.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(response);
  });
}
