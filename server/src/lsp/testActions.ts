/**
 * Test runs → code actions and the flare.runTests command. Pure action list: "FLARE: run tests and
 * re-score" next to "FLARE: refine suspicious code" (a scored Python file, no refinement running),
 * "FLARE: cancel test run" (flare.cancel) while a test run goes on.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { Commands } from './commands.js';
import type { OpenDocument } from './documents.js';
import { invalidParams, isObj } from './params.js';
import { CANCEL_COMMAND, wanted } from './refineActions.js';
import { CANCEL_TESTS_TITLE, RUN_TESTS_COMMAND, RUN_TESTS_TITLE, TestJobs, type TestRunHost } from './testJobs.js';

export function testActions(od: OpenDocument, params: CodeActionParams, state: { running: boolean; refining: boolean; suspicious: boolean }): CodeAction[] {
  if (!wanted(params.context?.only, CodeActionKind.QuickFix)) return [];
  const flare = Array.isArray(params.context?.diagnostics) && params.context.diagnostics.some((d) => d.source === 'flare');
  if (od.language !== 'python' || (!state.running && (state.refining || !(state.suspicious || flare)))) return [];
  const uri = od.doc.uri;
  const [title, command] = state.running ? [CANCEL_TESTS_TITLE, CANCEL_COMMAND] : [RUN_TESTS_TITLE, RUN_TESTS_COMMAND];
  return [{ title, kind: CodeActionKind.QuickFix, command: { title, command, arguments: [{ uri }] } }];
}

/** Make the test-run jobs and register flare.runTests ([{uri}]). */
export function wireTestRuns(commands: Commands, host: TestRunHost): TestJobs {
  const jobs = new TestJobs(host);
  commands.register(RUN_TESTS_COMMAND, (args) => {
    const a = args[0];
    if (!isObj(a) || typeof a.uri !== 'string') throw invalidParams('workspace/executeCommand', `${RUN_TESTS_COMMAND} needs one argument {uri}`);
    return jobs.start(a.uri);
  });
  return jobs;
}
