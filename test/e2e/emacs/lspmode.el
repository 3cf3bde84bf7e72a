;;; lspmode.el --- emacs --batch session: flare-ls as an lsp-mode add-on client -*- lexical-binding: t; -*-
;; Env: FLARE_INIT (the README's lsp-mode init.el snippet), FLARE_FILE (buggy file in a git project), FLARE_OUT
;; (JSON result), FLARE_WAIT (seconds).  Opening the file starts lsp-mode (the snippet's hook); waits for the
;; flare diagnostics, refines with `flare-ls-refine', applies the offered fix through lsp-mode's code actions,
;; saves.
(require 'package)
(package-initialize)
(load (expand-file-name "harness.el" (file-name-directory load-file-name)) nil t)
(load (getenv "FLARE_INIT") nil t)
(require 'lsp-mode)
(flow-put 'threshold (plist-get (plist-get flare-ls-settings :diagnostics) :threshold))
;; On top of the README's settings: the template generator and the demo's unittest command.
(setq flare-ls-settings (append flare-ls-settings '(:refine (:generator "templates") :tests (:command "python3 -m unittest -q"))))
;; No questions in batch mode: the project root is the git folder.
(setq lsp-auto-guess-root t
      lsp-enable-snippet nil
      lsp-enable-file-watchers nil
      lsp-diagnostics-provider :flymake
      lsp-headerline-breadcrumb-enable nil
      lsp-modeline-code-actions-enable nil
      lsp-modeline-diagnostics-enable nil
      lsp-lens-enable nil
      lsp-keep-workspace-alive nil
      lsp-session-file (expand-file-name ".lsp-session" (file-name-directory (getenv "FLARE_OUT"))))

(condition-case err
    (let ((wait (string-to-number (or (getenv "FLARE_WAIT") "180"))))
      (find-file (getenv "FLARE_FILE"))
      (flow-put 'connected (and (flow-wait 30 (lambda () (lsp-find-workspace 'flare-ls buffer-file-name))) t))
      (flow-put 'add-on (and (flow-wait 30 (lambda () (cl-some (lambda (w) (eq (lsp--client-server-id (lsp--workspace-client w)) 'flare-ls)) (lsp-workspaces)))) t))
      (flow-put 'got (and (flow-wait 60 #'flow-flare-diagnostics) t))
      (goto-char (flymake-diagnostic-beg (car (flow-flare-diagnostics))))
      (let ((before (buffer-string)) (mark (length flow-messages)))
        (flare-ls-refine (point) (point))
        (flow-put 'finished (and (flow-wait wait (lambda () (flow-seen "FLARE: stats.py: " mark))) t))
        (flow-put 'summary (flow-seen "FLARE: stats.py: " mark))
        (let ((fix (cl-find-if (lambda (a) (string-prefix-p "FLARE: apply fix" (lsp:code-action-title a)))
                               (lsp-code-actions-at-point))))
          (flow-put 'fix (and fix (lsp:code-action-title fix)))
          (when fix (lsp-execute-code-action fix)))
        (flow-put 'changed (not (equal before (buffer-string)))))
      (save-buffer)
      (let ((mark (length flow-messages)))
        (flare-ls-cancel)
        (flow-put 'cancel (and (flow-wait 10 (lambda () (flow-seen "no refinement is running" mark))) t)))
      (flow-put 'ok t))
  (error (flow-put 'error (error-message-string err))))

(flow-finish)
