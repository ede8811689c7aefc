// Builds the console into dist/: index.html, one script and one stylesheet, named by their content
// (served for a year without going stale), and nothing else. No API address, key or secret goes
// into these files: the API's address comes from config.json beside them at run time.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';

const out = new URL('./dist/', import.meta.url);
await rm(out, { recursive: true, force: true });
await mkdir(new URL('assets/', out), { recursive: true });

const result = await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome120', 'firefox120', 'safari17'],
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
});
const script = result.outputFiles[0].contents;
const styles = await readFile(new URL('./src/styles.css', import.meta.url));

const named = async (name, ext, bytes) => {
  const file = `assets/${name}-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${ext}`;
  await writeFile(new URL(file, out), bytes);
  return file;
};
const scriptFile = await named('console', 'js', script);
const stylesFile = await named('console', 'css', styles);
const html = (await readFile(new URL('./src/index.html', import.meta.url), 'utf8'))
  .replace('%SCRIPT%', scriptFile).replace('%STYLES%', stylesFile);
await writeFile(new URL('index.html', out), html);

// A guard, not a hope: a key-shaped string in the output fails the build.
for (const [name, text] of [['script', new TextDecoder().decode(script)], ['index.html', html]]) {
  if (/\b(sbk|sbs|sba|whsec|rt)_[0-9A-Za-z]{16,}/.test(text)) {
    throw new Error(`console build: ${name} contains something shaped like a key or secret`);
  }
}
console.log(`console built: dist/index.html, dist/${scriptFile} (${script.length} bytes), dist/${stylesFile}`);
