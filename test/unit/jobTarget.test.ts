import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { engineText, jobTarget } from '../../server/src/lsp/documents.js';

const doc = (uri: string, language: string) => ({ doc: TextDocument.create(uri, language, 1, 'x = 1\n'), language });

describe('background job targets', () => {
  it('is the file on disk behind an open Python document', () => {
    const uri = pathToFileURL('/tmp/proj/mod.py').href;
    expect(jobTarget(doc(uri, 'python'), uri, 'refinement', 'refine it')).toMatchObject({ file: '/tmp/proj/mod.py', name: 'mod.py' });
  });

  it('says why a document cannot be a target', () => {
    const uri = pathToFileURL('/tmp/proj/mod.py').href;
    expect(jobTarget(undefined, uri, 'refinement', 'refine it')).toEqual({ error: `${uri} is not open; open it to refine it` });
    expect(jobTarget(doc(uri, 'javascript'), uri, 'test evidence', 'run its tests'))
      .toEqual({ error: 'test evidence supports Python files only (mod.py is javascript)' });
    expect(jobTarget(doc('untitled:mod.py', 'python'), 'untitled:mod.py', 'refinement', 'refine it'))
      .toEqual({ error: 'untitled:mod.py is not a file on disk; save it inside its project to refine it' });
  });

  it('gives the engine \\n line ends for lone \\r, keeping \\r\\n', () => {
    expect(engineText('a\rb\r\nc\n')).toBe('a\nb\r\nc\n');
  });
});
