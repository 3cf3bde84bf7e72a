;;; lspmode.el --- emacs --batch session: flare-ls as an lsp-mode add-on client -*- lexical-binding: t; -*-
;; Env: FLARE_ROOT, FLARE_FILE (buggy file in a git project), FLARE_OUT (JSON result), FLARE_WAIT (seconds).
;; Loads clients/emacs/flare-ls.el, starts lsp-mode in the file, waits for the flare diagnostics, refines with
;; `flare-ls-refine', applies the offered fix through lsp-mode's code actions, saves.
(require 'package)
(package-initialize)
(require 'json)
(require 'cl-lib)
(add-to-list 'load-path (expand-file-name "clients/emacs" (getenv "FLARE_ROOT")))
(require 'flare-ls)
(require 'lsp-mode)
(setq flare-ls-settings '(:diagnostics (:threshold 0.1) :refine (:generator "templates")
                          :tests (:command "python3 -m unittest -q")))
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

(defvar flow-messages nil)
(defvar flow-result nil)
(advice-add 'message :around
            (lambda (orig fmt &rest args)
              (let ((s (apply orig fmt args)))
                (when (stringp s) (setq flow-messages (append flow-messages (list s))))
                s)))
(defun flow-put (key value) (push (cons key value) flow-result))
(defun flow-wait (seconds pred)
  (let ((deadline (+ (float-time) seconds)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    v))
(defun flow-seen (regexp after)
  (cl-find-if (lambda (m) (string-match-p regexp m)) (nthcdr after flow-messages)))
(defun flow-flare-diagnostics ()
  (cl-remove-if-not (lambda (d) (string-match-p "Suspicious line" (flymake-diagnostic-text d)))
                    (flymake-diagnostics)))

(condition-case err
    (let ((wait (string-to-number (or (getenv "FLARE_WAIT") "180"))))
      (find-file (getenv "FLARE_FILE"))
      (lsp)
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

(flow-put 'messages (vconcat flow-messages))
(with-temp-file (getenv "FLARE_OUT") (insert (json-encode flow-result)))
(kill-emacs 0)
