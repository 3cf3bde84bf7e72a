/**
 * flare-ls: capabilities and wiring. Knows the protocol; the engine behind Engine knows nothing of it.
 * Works on any Connection (stdio in main.ts, in-memory streams in tests).
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DidChangeConfigurationNotification, DocumentDiagnosticReportKind, ErrorCodes, LSPErrorCodes, MessageType, ResponseError,
  TextDocumentSyncKind,
  type CancellationToken, type ClientCapabilities, type Connection, type Diagnostic, type DocumentDiagnosticReport,
  type InitializeParams, type InitializeResult, type Range, type ServerCapabilities,
} from 'vscode-languageserver/node';
import { Analysis, type Outcome } from './analysis.js';
import { CodeActions } from './codeActions.js';
import { Commands } from './commands.js';
import { defaultSettings, merge, parseSettings, sectionOf, type Settings } from './config.js';
import { splitLines, toDiagnostics, type DiagnosticOptions } from './diagnostics.js';
import { Documents, engineText } from './documents.js';
import { Engine } from './engine.js';
import { hoverFor } from './hover.js';
import { Log } from './log.js';
import { detectContainment } from '../exec/sandbox.js';
import { sweepStaleAreas } from '../exec/scratch.js';
import { docUri, invalidParams, isObj, isPosition, isRange, validChanges } from './params.js';
import { projectRoot, workspaceFolders } from './projectRoot.js';
import { CANCEL_COMMAND, REFINE_COMMAND, refineActions } from './refineActions.js';
import { RefineJobs, type RefineClient } from './refineJobs.js';
import { TestJobs } from './testJobs.js';
import { testActions, wireTestRuns } from './testActions.js';
import { serverVersion } from './version.js';

export class FlareServer {
  readonly commands = new Commands();
  readonly codeActions = new CodeActions();
  private settings: Settings = defaultSettings();
  private initSection: unknown;
  private workspaceSection: unknown;
  private client: ClientCapabilities = {};
  private root: string | undefined;
  private folders: string[] = [];
  private refinement: RefineJobs | undefined;
  private testRuns: TestJobs | undefined;
  private pull = false;
  private shutDown = false;
  private readonly log: Log;
  private readonly docs = new Documents();
  private readonly analysis: Analysis;
  /** Last publish per document (version + content), to skip identical repeats. */
  private published = new Map<string, string>();
  private shown = new Set<string>();
  private skipLogged = new Map<string, string>();
  private lastInvalid = '';
  private lastUnknown = '';
  private renderGen = 0;

  /** `engine` may already be warming up (main.ts starts it before loading the protocol libraries). */
  constructor(private readonly connection: Connection, private readonly engine = new Engine()) {
    this.log = new Log((type, message) => void connection.sendNotification('window/logMessage', { type, message }));
    engine.onLog = (m) => this.log.debug(m);
    this.analysis = new Analysis(this.docs, this.engine, {
      onOutcome: (uri, o) => this.onOutcome(uri, o),
      maxFileBytes: () => this.settings.maxFileBytes,
      debug: (m) => this.log.debug(m),
    });
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => this.shutdown());
    c.onDidOpenTextDocument((p) => this.guard('didOpen', () => this.didOpen(p)));
    c.onDidChangeTextDocument((p) => this.guard('didChange', () => this.didChange(p)));
    c.onDidSaveTextDocument((p) => this.guard('didSave', () => this.didSave(p)));
    c.onDidCloseTextDocument((p) => this.guard('didClose', () => this.didClose(p)));
    c.onDidChangeConfiguration((p) => void this.didChangeConfiguration(p));
    c.onHover((p, token) => this.hover(p, token));
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  private initialize(params: InitializeParams): InitializeResult {
    if (!isObj(params)) throw invalidParams('initialize', 'params must be an object');
    this.client = isObj(params.capabilities) ? params.capabilities : {};
    this.pull = !!this.client.textDocument?.diagnostic;
    if (this.pull) this.connection.languages.diagnostics.on((p, token) => this.pullDiagnostics(p, token));
    this.wireExtensions();
    this.root = rootOf(params);
    this.folders = workspaceFolders(params);
    if (this.refinement) {
      // Registered after the library's own handler (set up before this one runs), so ours wins.
      this.connection.onNotification('window/workDoneProgress/cancel', (p: unknown) => {
        if (isObj(p) && !this.refinement?.cancelToken(p.token)) this.testRuns?.cancelToken(p.token);
      });
    }
    this.initSection = sectionOf(params.initializationOptions);
    this.apply(false);
    this.warm();
    return { capabilities: this.capabilities(), serverInfo: { name: 'flare-ls', version: serverVersion() } };
  }

  /**
   * Code actions and commands registered before `initialize` (the refinement feature) get their
   * handlers here; with empty registries nothing is advertised and those requests are unknown methods.
   */
  private wireExtensions(): void {
    if (!this.codeActions.empty) {
      this.connection.onCodeAction((p, token) => {
        this.refuseAfterShutdown();
        const uri = docUri(p);
        if (!uri || !isObj(p) || !isObj(p.range)) throw invalidParams('textDocument/codeAction', 'needs textDocument.uri and range');
        if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        const od = this.docs.get(uri);
        return od ? this.codeActions.provide(od, p, this.analysis.current(uri)) : [];
      });
    }
    if (this.commands.names().length) {
      this.connection.onExecuteCommand(async (p, token) => {
        this.refuseAfterShutdown();
        const handler = isObj(p) && typeof p.command === 'string' ? this.commands.get(p.command) : undefined;
        if (!handler) throw invalidParams('workspace/executeCommand', `unknown command ${isObj(p) ? String(p.command) : ''}`);
        return handler(Array.isArray(p.arguments) ? p.arguments : [], token);
      });
    }
  }

  /**
   * Refinement in the editor: the code actions and the flare.refine / flare.cancel commands.
   * Call before the connection listens (startServer does).
   */
  enableRefinement(): void {
    if (this.refinement) return;
    const conn = this.connection;
    const client: RefineClient = {
      create: async (token) => {
        await conn.sendRequest('window/workDoneProgress/create', { token });
        return true;
      },
      send: (token, value) => void conn.sendNotification('$/progress', { token, value }),
      applyEdit: async (label, edit) => {
        const r = await conn.workspace.applyEdit({ label, edit });
        return { applied: !!r?.applied, failureReason: r?.failureReason };
      },
      show: (type, message) => void conn.sendNotification('window/showMessage', { type, message }),
      log: (message) => this.log.debug(message),
    };
    const jobs = (this.refinement = new RefineJobs({
      client,
      document: (uri) => this.docs.get(uri),
      settings: () => this.settings.refine,
      root: (file) => projectRoot(file, this.folders),
      scorer: (language) => ({
        // Same text handling as Analysis.
        diagnose: (text: string) => this.engine.score(engineText(text), language),
      }),
      capabilities: () => ({
        progress: !!this.client.window?.workDoneProgress,
        applyEdit: !!this.client.workspace?.applyEdit,
        documentChanges: !!this.client.workspace?.workspaceEdit?.documentChanges,
      }),
    }));
    this.commands.register(REFINE_COMMAND, (args) => {
      const a = args[0];
      if (!isObj(a) || typeof a.uri !== 'string' || !isRange(a.range) || (a.version !== undefined && !Number.isInteger(a.version))) {
        throw invalidParams('workspace/executeCommand', `${REFINE_COMMAND} needs one argument {uri, version, range}`);
      }
      return jobs.start({ uri: a.uri, version: a.version as number | undefined, range: a.range as Range });
    });
    this.commands.register(CANCEL_COMMAND, (args) => {
      const a = args[0];
      const uri = isObj(a) && typeof a.uri === 'string' ? a.uri : undefined;
      const cancelled = jobs.cancel(uri) + (this.testRuns?.cancel(uri) ?? 0);
      if (!cancelled) void conn.sendNotification('window/showMessage', { type: MessageType.Info, message: 'FLARE: no refinement is running' });
      return { cancelled };
    });
    this.codeActions.register({
      kinds: ['quickfix'],
      provide: (od, params, outcome) => {
        const uri = od.doc.uri;
        const suspicious = od.language === 'python' && outcome?.state === 'scored' && outcome.scores.lines.some((l) => l.score > 0);
        return [...refineActions({
          uri, version: od.doc.version, range: params.range, only: params.context?.only,
          diagnostics: Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [],
          suspicious, running: jobs.running(uri), ready: jobs.readyFix(uri),
          documentChanges: !!this.client.workspace?.workspaceEdit?.documentChanges,
        }), ...testActions(od, params, { running: this.testRuns?.running(uri) ?? false, refining: jobs.running(uri), suspicious })];
      },
    });
    this.testRuns = wireTestRuns(this.commands, {
      client,
      document: (uri) => this.docs.get(uri),
      settings: () => this.settings.refine,
      root: (file) => projectRoot(file, this.folders),
      modelScores: async (uri) => {
        const o = await this.analysis.settled(uri, () => false);
        return o?.state === 'scored' ? o.scores : undefined;
      },
      progress: () => !!this.client.window?.workDoneProgress,
      republish: (uri) => {
        this.renderGen++;
        if (this.pull) this.refreshAll();
        else this.publish(uri);
      },
    });
  }

  private capabilities(): ServerCapabilities {
    const caps: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
    };
    if (this.pull) caps.diagnosticProvider = { identifier: 'flare', interFileDependencies: false, workspaceDiagnostics: false };
    if (this.commands.names().length) caps.executeCommandProvider = { commands: this.commands.names() };
    if (!this.codeActions.empty) caps.codeActionProvider = { codeActionKinds: this.codeActions.kinds() };
    return caps;
  }

  private async initialized(): Promise<void> {
    if (this.client.workspace?.didChangeConfiguration?.dynamicRegistration) {
      try {
        await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'flare' });
      } catch (e) {
        this.log.debug(`could not register for configuration changes: ${(e as Error).message}`);
      }
    }
    await this.fetchConfiguration();
    if (this.refinement && !this.announced) {
      this.announced = true;
      void this.announceContainment();
    }
  }

  private announced = false;

  /** Say once how test runs are contained, and remove scratch areas a crashed server left behind. */
  private async announceContainment(): Promise<void> {
    const [c, swept] = await Promise.all([detectContainment(), sweepStaleAreas()]);
    this.log.info(`test runs contained: ${c.description}`);
    if (swept.length) this.log.info(`removed ${swept.length} scratch area(s) left by an earlier flare process`);
  }

  private async shutdown(): Promise<void> {
    this.shutDown = true;
    await Promise.all([this.refinement?.shutdown(), this.testRuns?.shutdown()]);
    for (const uri of this.docs.uris()) this.analysis.closed(uri);
    await this.engine.close();
  }

  /** Let the scoring worker finish its native call before the process exits (see Engine.close). */
  async beforeExit(): Promise<void> {
    await Promise.all([this.refinement?.shutdown(3000), this.testRuns?.shutdown(3000)]);
    await this.engine.close(2000);
  }

  // ---- settings --------------------------------------------------------------------------------

  private async fetchConfiguration(): Promise<void> {
    if (!this.client.workspace?.configuration) return;
    try {
      const [section] = await this.connection.workspace.getConfiguration([{ section: 'flare' }]);
      this.workspaceSection = section ?? undefined;
    } catch (e) {
      this.log.warn(`workspace/configuration failed: ${(e as Error).message}`);
      return;
    }
    this.apply(true);
  }

  private async didChangeConfiguration(params: unknown): Promise<void> {
    if (this.shutDown) return;
    if (this.client.workspace?.configuration) {
      await this.fetchConfiguration();
      return;
    }
    const settings = isObj(params) ? params.settings : undefined;
    this.workspaceSection = isObj(settings) && 'flare' in settings ? settings.flare : settings;
    this.apply(true);
  }

  /** Recompute settings from both sources; refresh diagnostics when `refresh`. */
  private apply(refresh: boolean): void {
    const parsed = parseSettings(merge(this.initSection, this.workspaceSection));
    const prev = this.settings;
    const s = (this.settings = parsed.settings);
    this.log.level = s.logLevel;
    const unknown = parsed.unknown.join(',');
    if (unknown !== this.lastUnknown) for (const k of parsed.unknown) this.log.info(`ignoring unknown setting ${k}`);
    this.lastUnknown = unknown;
    const invalid = parsed.invalid.join('\n');
    if (invalid && invalid !== this.lastInvalid) this.show(MessageType.Warning, `flare-ls settings:\n${invalid}`, false);
    this.lastInvalid = invalid;
    const modelChanged = this.engine.setModelPath(this.modelPath(s.model.path));
    if (modelChanged && refresh) {
      this.shown.clear();
      this.warm();
    }
    if (!refresh) return;
    const rescore = modelChanged || prev.maxFileBytes !== s.maxFileBytes || (!prev.diagnostics.enable && s.diagnostics.enable);
    if (rescore) for (const uri of this.docs.uris()) this.analysis.invalidate(uri);
    this.renderGen++;
    this.refreshAll();
  }

  private modelPath(p: string | null): string | undefined {
    if (!p) return undefined;
    const expanded = p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
    return isAbsolute(expanded) ? expanded : resolve(this.root ?? process.cwd(), expanded);
  }

  private warm(): void {
    this.engine.warm('python').then(
      (w) => this.log.debug(`model ${w.model} loaded`),
      (e) => this.report(e),
    );
  }

  // ---- documents -------------------------------------------------------------------------------

  private didOpen(p: unknown): void {
    const td = isObj(p) && isObj(p.textDocument) ? p.textDocument : undefined;
    const uri = docUri(p);
    if (!td || !uri || typeof td.text !== 'string' || !Number.isInteger(td.version)) throw new Error('bad textDocument');
    const od = this.docs.open(uri, typeof td.languageId === 'string' ? td.languageId : '', td.version as number, td.text);
    if (!od) {
      this.log.debug(`not tracking ${uri} (language ${String(td.languageId)} is not supported)`);
      return;
    }
    this.published.delete(uri);
    this.analysis.invalidate(uri);
    if (!this.pull && this.settings.diagnostics.enable) this.analysis.schedule(uri, 0);
  }

  private didChange(p: unknown): void {
    const uri = docUri(p);
    const td = isObj(p) && isObj(p.textDocument) ? p.textDocument : undefined;
    const changes = isObj(p) ? p.contentChanges : undefined;
    if (!uri || !td || !Number.isInteger(td.version) || !validChanges(changes)) throw new Error('bad params');
    if (!this.docs.change(uri, td.version as number, changes)) return;
    this.refinement?.changed(uri);
    this.testRuns?.changed(uri);
    if (!this.pull && this.settings.diagnostics.enable) this.analysis.schedule(uri, this.settings.diagnostics.debounceMs);
  }

  private didSave(p: unknown): void {
    const uri = docUri(p);
    if (!uri) throw new Error('bad params');
    if (this.docs.get(uri) && !this.pull && this.settings.diagnostics.enable) this.analysis.ensure(uri);
  }

  private didClose(p: unknown): void {
    const uri = docUri(p);
    if (!uri) throw new Error('bad params');
    if (!this.docs.close(uri)) return;
    this.refinement?.closed(uri);
    this.testRuns?.changed(uri, 'closed');
    this.analysis.closed(uri);
    this.skipLogged.delete(uri);
    this.published.delete(uri);
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Run a notification handler; bad params are logged, never thrown into the connection. */
  private guard(what: string, fn: () => void): void {
    if (this.shutDown) return;
    try {
      fn();
    } catch (e) {
      this.log.warn(`ignored textDocument/${what}: ${(e as Error).message}`);
    }
  }

  // ---- results ---------------------------------------------------------------------------------

  private onOutcome(uri: string, o: Outcome): void {
    if (o.state === 'skipped') {
      if (this.skipLogged.get(uri) !== o.reason.kind) this.log.info(`${uri}: ${o.reason.message}`);
      this.skipLogged.set(uri, o.reason.kind);
    } else {
      this.skipLogged.delete(uri);
    }
    if (o.state === 'failed') this.report(o.error);
    if (!this.pull) this.publish(uri);
  }

  /** Tell the user about an engine failure: model problems once each as a message, the rest in the log. */
  private report(e: unknown): void {
    const err = isObj(e) && isObj(e.error) ? (e.error as { kind: string; message: string }) : { kind: 'internal', message: String(e) };
    if (err.kind === 'model' || err.kind === 'crash') this.show(MessageType.Error, `flare-ls: ${err.message}`, true);
    else this.log.error(`scoring failed: ${err.message}`);
  }

  private show(type: MessageType, message: string, once: boolean): void {
    if (once && this.shown.has(message)) return;
    this.shown.add(message);
    void this.connection.sendNotification('window/showMessage', { type, message });
  }

  private options(): DiagnosticOptions {
    const d = this.settings.diagnostics;
    return { threshold: d.threshold, maxPerFile: d.maxPerFile, severity: d.severity };
  }

  private render(uri: string): Diagnostic[] {
    const od = this.docs.get(uri);
    const o = this.analysis.current(uri);
    if (!od || !o || o.state !== 'scored' || !this.settings.diagnostics.enable) return [];
    return toDiagnostics(this.testRuns?.evidence(uri)?.view ?? o.scores, splitLines(od.doc.getText()), this.options());
  }

  private publish(uri: string): void {
    const od = this.docs.get(uri);
    if (!od || this.shutDown) return;
    const diagnostics = this.render(uri);
    const version = od.doc.version;
    const key = `${version}:${JSON.stringify(diagnostics)}`;
    if (this.published.get(uri) === key) return;
    this.published.set(uri, key);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private refreshAll(): void {
    if (this.pull) {
      if (this.client.workspace?.diagnostics?.refreshSupport) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    for (const uri of this.docs.uris()) {
      if (this.settings.diagnostics.enable && !this.analysis.current(uri)) this.analysis.schedule(uri, 0);
      else this.publish(uri);
    }
  }

  // ---- requests --------------------------------------------------------------------------------

  /** After `shutdown` every request is an error (InvalidRequest), as LSP asks. */
  private refuseAfterShutdown(): void {
    if (this.shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shut down');
  }

  private hover(p: unknown, token: CancellationToken) {
    this.refuseAfterShutdown();
    const uri = docUri(p);
    if (!uri || !isObj(p) || !isPosition(p.position)) throw invalidParams('textDocument/hover', 'needs textDocument.uri and position');
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const od = this.docs.get(uri);
    const o = this.analysis.current(uri);
    if (!od || !o || o.state !== 'scored' || !this.settings.diagnostics.enable) return null;
    const ev = this.testRuns?.evidence(uri);
    return hoverFor(ev?.view ?? o.scores, splitLines(od.doc.getText()), p.position.line, this.options(), ev?.evidence, ev?.mutation);
  }

  private async pullDiagnostics(p: unknown, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    this.refuseAfterShutdown();
    const uri = docUri(p);
    if (!uri) throw invalidParams('textDocument/diagnostic', 'needs textDocument.uri');
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (!this.docs.get(uri) || !this.settings.diagnostics.enable) return empty;
    const sub = token.onCancellationRequested(() => this.analysis.wake(uri));
    try {
      await this.analysis.settled(uri, () => token.isCancellationRequested);
    } finally {
      sub.dispose();
    }
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const od = this.docs.get(uri);
    if (!od) return empty;
    const resultId = `${od.doc.version}:${this.renderGen}`;
    const previous = isObj(p) ? p.previousResultId : undefined;
    if (previous === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: this.render(uri) };
  }
}

function rootOf(params: InitializeParams): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  if (typeof uri === 'string' && uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }
  return typeof params.rootPath === 'string' ? params.rootPath : undefined;
}

export function startServer(connection: Connection, engine?: Engine): FlareServer {
  const server = new FlareServer(connection, engine);
  server.enableRefinement();
  server.listen();
  connection.listen();
  return server;
}
