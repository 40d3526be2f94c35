/**
 * `npm run build:responder`: bundles the responder (its TypeScript and the `yaml` package) into ONE CommonJS file,
 * `fluxcd/infrastructure/response/responder.cjs` (RESPONDER_BUNDLE), that the cluster runs on the stock Node image from a ConfigMap. esbuild-wasm
 * runs as WebAssembly, so no platform binary is installed; the output depends only on the sources, so a test can
 * rebuild it and compare byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild-wasm';
import { type CommandSpec, EXIT, type Io, runCommand, runMain } from '../cli/command';
import { RESPONDER_BUNDLE } from '../contract/naming';

/** The repository root (this file runs from dist/responder/). */
const ROOT = resolve(__dirname, '..', '..');

const BANNER = `// The responder, bundled by \`npm run build:responder\` from responder/*.ts and the yaml package.
// Generated: do not edit; a test checks it matches its sources. Run: node responder.cjs serve --help`;

/** The bundled package's licence travels with it. */
function yamlNotice(): string {
  const version = (JSON.parse(readFileSync(join(ROOT, 'node_modules/yaml/package.json'), 'utf8')) as { version: string }).version;
  return `/*! Bundled: yaml ${version}\n${readFileSync(join(ROOT, 'node_modules/yaml/LICENSE'), 'utf8').trim()}\n*/`;
}

/** The bundle's text. */
export async function bundleResponder(): Promise<string> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['responder/cli.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // The oldest Node the bundle must run on; Node 24 runs it too.
    target: 'node20',
    write: false,
    banner: { js: BANNER },
    footer: { js: yamlNotice() },
    legalComments: 'eof',
    logLevel: 'silent',
    outfile: 'responder.cjs',
  });
  return result.outputFiles[0].text;
}

const SPEC: CommandSpec = {
  invocation: 'npm run build:responder --',
  summary: `Bundles the responder into one CommonJS file (default ${RESPONDER_BUNDLE}).`,
  options: { out: { type: 'string', value: 'FILE', doc: `where to write it (default ${RESPONDER_BUNDLE})` } },
};

export function buildMain(argv: string[], io: Io) {
  return runCommand('build:responder', SPEC, argv, io, async ({ values }) => {
    const out = (values.out as string | undefined) ?? join(ROOT, RESPONDER_BUNDLE);
    const text = await bundleResponder();
    writeFileSync(out, text);
    io.stderr(`wrote ${out} (${Math.round(Buffer.byteLength(text) / 1024)} KiB)`);
    return EXIT.ok;
  });
}

if (require.main === module) runMain('build:responder', buildMain);
