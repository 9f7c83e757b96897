import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface Asset {
  body: string;
  type: string;
  etag: string;
}

export interface Assets {
  'app.js': Asset;
  'style.css': Asset;
}

/**
 * Where the build put the page: beside the bundle (dist/cli.mjs -> dist/public), or, for
 * this module run from its source (src/http/assets.ts), in the project's dist/public.
 */
const builtPage = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../../dist/public/' : './public/', import.meta.url),
);

const asset = (body: string, type: string): Asset => ({
  body,
  type,
  etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
});

/** The page's script and style as `npm run build` made them. */
export async function loadAssets(): Promise<Assets> {
  const read = async (name: string) => {
    try {
      return await readFile(`${builtPage}${name}`, 'utf8');
    } catch {
      throw new Error(`${builtPage}${name} is missing: run npm run build first`);
    }
  };
  return {
    'app.js': asset(await read('app.js'), 'text/javascript; charset=utf-8'),
    'style.css': asset(await read('style.css'), 'text/css; charset=utf-8'),
  };
}
