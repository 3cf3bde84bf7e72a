/**
 * flare-ls in VS Code: starts the language server for Python files, keeps its `flare` settings in sync,
 * and adds the commands FLARE: Refine / Cancel / Run tests / Restart. The code actions (refine, cancel,
 * apply fix) come from the server itself.
 */
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification, ExecuteCommandRequest, LanguageClient, type LanguageClientOptions,
} from 'vscode-languageclient/node';
import { SECTION, withoutClientKeys } from './server';
import { serverCommand, serverSettings } from './settings';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const { command, args } = serverCommand(context.extensionPath);
  output ??= vscode.window.createOutputChannel('flare-ls', { log: true });
  const options: LanguageClientOptions = {
    documentSelector: [{ language: 'python' }],
    initializationOptions: serverSettings(),
    outputChannel: output,
    middleware: {
      workspace: {
        // Answer workspace/configuration for `flare` without the extension's own keys.
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (!Array.isArray(answer)) return answer;
          return answer.map((value, i) => (params.items[i]?.section === SECTION ? withoutClientKeys(value) : value));
        },
      },
    },
  };
  return new LanguageClient('flare', 'flare-ls', { command, args }, options);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  try {
    client = createClient(context);
    await client.start();
  } catch (e) {
    client = undefined;
    void vscode.window.showErrorMessage(`flare-ls could not start: ${(e as Error).message}`);
  }
}

/** workspace/executeCommand `command` with one argument made from the active Python editor. */
async function execute(command: string, argument: (editor: vscode.TextEditor, c: LanguageClient) => unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client?.isRunning() || !editor || editor.document.languageId !== 'python') {
    void vscode.window.showWarningMessage('flare-ls: open a Python file first (is the server running? see the "flare-ls" output)');
    return;
  }
  try {
    await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [argument(editor, client)] });
  } catch (e) {
    void vscode.window.showErrorMessage(`flare-ls: ${command}: ${(e as Error).message}`);
  }
}

const uriOf = (editor: vscode.TextEditor, c: LanguageClient) => c.code2ProtocolConverter.asUri(editor.document.uri);

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const commands: [string, () => unknown][] = [
    ['flare-ls.refine', () => execute('flare.refine', (editor, c) => {
      const s = editor.selection;
      const lines = new vscode.Range(s.start.line, 0, s.end.line, editor.document.lineAt(s.end.line).text.length);
      return { uri: uriOf(editor, c), version: editor.document.version, range: c.code2ProtocolConverter.asRange(lines) };
    })],
    ['flare-ls.cancel', () => execute('flare.cancel', (editor, c) => ({ uri: uriOf(editor, c) }))],
    ['flare-ls.runTests', () => execute('flare.runTests', (editor, c) => ({ uri: uriOf(editor, c) }))],
    ['flare-ls.restart', async () => { await client?.stop().catch(() => undefined); await start(context); }],
  ];
  for (const [id, run] of commands) context.subscriptions.push(vscode.commands.registerCommand(id, run));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (e.affectsConfiguration(`${SECTION}.server`)) {
      await vscode.commands.executeCommand('flare-ls.restart');
    } else if (e.affectsConfiguration(SECTION) && client?.isRunning()) {
      // The server asks for the section again (workspace/configuration) when told it changed.
      await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }
  }));
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
