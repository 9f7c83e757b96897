import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface Asset {
  body: string;
  type: string;
  etag: string;
}

export interface Assets {
  'app.js': Asset;
  'style.css': Asset;
}

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

const asset = (body: string, type: string): Asset => ({
  body,
  type,
  etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
});

/** The page's script (bundled from TypeScript, sharing the server's renderer) and style. */
export async function loadAssets(): Promise<Assets> {
  const bundle = await build({
    entryPoints: [`${publicDir}app.ts`],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]?.text ?? '';
  const css = await readFile(`${publicDir}style.css`, 'utf8');
  return {
    'app.js': asset(js, 'text/javascript; charset=utf-8'),
    'style.css': asset(css, 'text/css; charset=utf-8'),
  };
}
