// Bundles the CLI into dist/ with esbuild. Code splitting keeps start-up
// fast: `configure show` never loads the parser (chevrotain), and only
// `hash status` will load ink/react.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { hash: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // ink loads the React devtools only when DEV=true; never shipped
  external: ['react-devtools-core'],
  // React's production build: the development one leaks memory over long status sessions
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  // some CommonJS dependencies call require(); give the ESM bundle one
  banner: { js: "import { createRequire as __hashCreateRequire } from 'node:module'; const require = __hashCreateRequire(import.meta.url);" },
});
