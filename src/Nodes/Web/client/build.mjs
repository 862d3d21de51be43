// Bundles the console page into ../wwwroot (served by the seed at /): index.html, assets/console.js,
// assets/console.css and uPlot's stylesheet. Run by `npm run build`, which the Nodes project's build runs.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'wwwroot');
const assets = join(out, 'assets');
await mkdir(assets, { recursive: true });

await esbuild.build({
  entryPoints: [join(here, 'src', 'main.js')],
  outfile: join(assets, 'console.js'),
  bundle: true,
  format: 'esm',
  target: ['chrome100', 'firefox100', 'safari15'],
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
await esbuild.build({
  entryPoints: [join(here, 'src', 'console.css')],
  outfile: join(assets, 'console.css'),
  bundle: true,
  minify: true,
  logLevel: 'warning',
});
await copyFile(join(here, 'node_modules', 'uplot', 'dist', 'uPlot.min.css'), join(assets, 'uPlot.min.css'));
// index.html last: its presence (and time) marks a finished bundle.
await writeFile(join(out, 'index.html'), await readFile(join(here, 'src', 'index.html')));
