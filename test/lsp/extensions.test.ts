/**
 * The seam for later features: commands and code actions registered on the server are advertised
 * and served; the server runs over in-memory streams here (no process, no stdio).
 * Uses the built server from dist/ so that its worker thread file exists.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { FlareServer } from '../../dist/server/src/lsp/server.js';

describe('server extension seam', () => {
  it('advertises and runs registered commands and code actions', async () => {
    const up = new PassThrough();
    const down = new PassThrough();
    const serverConn = createConnection(ProposedFeatures.all, new StreamMessageReader(up), new StreamMessageWriter(down));
    const server = new FlareServer(serverConn);
    server.commands.register('flare.echo', (args: unknown[]) => ({ echoed: args }));
    server.codeActions.register({
      kinds: ['quickfix'],
      provide: (doc: { doc: { version: number } }) => [{ title: `fix v${doc.doc.version}`, kind: 'quickfix' }],
    });
    server.listen();
    serverConn.listen();

    const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    client.onNotification(() => undefined);
    client.listen();
    const init = await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    expect(init.capabilities.executeCommandProvider).toEqual({ commands: ['flare.echo'] });
    expect(init.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });
    await client.sendNotification('initialized', {});
    expect(await client.sendRequest('workspace/executeCommand', { command: 'flare.echo', arguments: [1, 'a'] })).toEqual({ echoed: [1, 'a'] });
    await expect(client.sendRequest('workspace/executeCommand', { command: 'flare.nope' })).rejects.toMatchObject({ code: -32602 });
    const uri = 'file:///tmp/ext.py';
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 3, text: 'x = 1\n' } });
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const actions = await client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    expect(actions).toEqual([{ title: 'fix v3', kind: 'quickfix' }]);
    await client.sendRequest('shutdown');
    client.dispose();
    serverConn.dispose();
  });
});
