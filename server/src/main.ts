/**
 * flare-ls entry: `flare-ls --stdio`. Only the protocol goes to stdout.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server.js';
import { serverVersion } from './lsp/version.js';

const USAGE = `usage: flare-ls --stdio
  A language server that shows per-line bug suspiciousness as diagnostics.
  Settings (section "flare") come from initializationOptions and workspace/configuration.
`;

export function main(argv: string[]): void {
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`flare-ls ${serverVersion()}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  // vscode-languageserver picks the transport from process.argv; stdio is the default here.
  if (!argv.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) process.argv.push('--stdio');
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(1); // the client is gone
    connection.console.error(`flare-ls: internal error: ${e.stack ?? e.message}`);
  });
  process.on('unhandledRejection', (e) => {
    connection.console.error(`flare-ls: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  });
  const server = startServer(connection);
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
