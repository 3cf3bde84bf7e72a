/** The extension's settings, read through the VS Code API. */
import * as vscode from 'vscode';
import { resolveServer, SECTION, type ServerCommand, withoutClientKeys } from './server';

/** The `flare` section as the server reads it. */
export function serverSettings(): Record<string, unknown> {
  return withoutClientKeys(JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SECTION))));
}

export function serverCommand(extensionPath: string): ServerCommand {
  const config = vscode.workspace.getConfiguration(SECTION);
  return resolveServer(extensionPath, config.get<string>('server.path') ?? '', config.get<string>('server.node') ?? '');
}
