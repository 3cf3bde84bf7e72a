/**
 * flare-ls entry: `flare-ls --stdio`. Only the protocol goes to stdout.
 *
 * The scoring worker starts first and loads tree-sitter and the bundled model while this thread
 * loads the protocol libraries (which take a few hundred milliseconds to import), so the first
 * diagnostics come sooner. Static imports here stay free of vscode-languageserver for that reason.
 */
import { Engine } from './lsp/engine.js';
import { FrameGuard, errorFrame } from './lsp/framing.js';
import { serverVersion } from './lsp/version.js';

const USAGE = `usage: flare-ls --stdio
  A language server that shows per-line bug suspiciousness as diagnostics.
  Settings (section "flare") come from initializationOptions and workspace/configuration.
`;

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`flare-ls ${serverVersion()}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const engine = new Engine();
  // Errors (a missing model, say) surface again when the server warms the model it is configured with.
  engine.warm('python').catch(() => undefined);

  // stdio is the default; other transports (--node-ipc, --socket, --pipe) are picked by vscode-languageserver.
  const stdio = !argv.some((a) => /^--(node-ipc|socket|pipe)\b/.test(a));
  const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
  const { startServer } = await import('./lsp/server.js');
  const connection = stdio ? stdioConnection(createConnection, ProposedFeatures.all) : createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(1); // the client is gone
    connection.console.error(`flare-ls: internal error: ${e.stack ?? e.message}`);
  });
  process.on('unhandledRejection', (e) => {
    connection.console.error(`flare-ls: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  });
  const server = startServer(connection, engine);
  // vscode-languageserver calls process.exit itself (exit notification, stdin closed, parent gone).
  // Exiting while onnxruntime runs in the worker aborts the process, so wait for the worker first.
  const exit = process.exit.bind(process);
  let exiting = false;
  process.exit = ((code?: number) => {
    if (exiting) return undefined as never;
    exiting = true;
    void server.beforeExit().finally(() => exit(code));
    return undefined as never;
  }) as typeof process.exit;
}

type Create = typeof import('vscode-languageserver/node').createConnection;
type Features = typeof import('vscode-languageserver/node').ProposedFeatures.all;

/**
 * The stdio connection with a FrameGuard in front of the reader (broken frames are answered with
 * JSON-RPC errors and skipped), and console output sent to the client's log, never to stdout.
 */
function stdioConnection(create: Create, features: Features) {
  const guard = new FrameGuard((code, message) => { process.stdout.write(errorFrame(code, message)); });
  process.stdin.pipe(guard);
  const connection = create(features, guard, process.stdout);
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const to = level === 'debug' ? 'log' : level;
    console[level] = (...args: unknown[]) => connection.console[to](args.map(String).join(' '));
  }
  return connection;
}
