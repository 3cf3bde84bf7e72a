;;; flow.el --- emacs --batch session for the flare-ls end-to-end test -*- lexical-binding: t; -*-
;; Env: FLARE_INIT (the README's init.el snippet), FLARE_FILE (buggy file in a git project), FLARE_OUT (JSON
;; result), FLARE_WAIT (seconds to wait for the refinement).  Loads the snippet as Emacs loads init.el (after
;; the packages are initialized), starts eglot, waits for flare diagnostics, runs the refine code action,
;; applies the fix it offers, saves.
(require 'package)
(package-initialize)
(load (expand-file-name "harness.el" (file-name-directory load-file-name)) nil t)
(load (getenv "FLARE_INIT") nil t)
(require 'eglot)
;; On top of the README's settings: the template generator and the demo's unittest command.
(setq-default eglot-workspace-configuration
              (list :flare (append (plist-get eglot-workspace-configuration :flare)
                                   '(:refine (:generator "templates") :tests (:command "python3 -m unittest -q")))))

(defun flow-code-action (prefix)
  "Run the code action menu at point and pick the entry whose title starts with PREFIX."
  (let ((last-nonmenu-event 13) (picked nil))
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt items &rest _)
                 (flow-put 'offered (vconcat (mapcar #'car items)))
                 (setq picked (cl-find-if (lambda (title) (string-prefix-p prefix title)) (mapcar #'car items))))))
      (eglot-code-actions (point) nil nil t))
    picked))

(condition-case err
    (let ((wait (string-to-number (or (getenv "FLARE_WAIT") "180"))))
      (flow-put 'threshold (plist-get (plist-get (plist-get eglot-workspace-configuration :flare) :diagnostics) :threshold))
      (find-file (getenv "FLARE_FILE"))
      (flow-put 'mode (symbol-name major-mode))
      (apply #'eglot (eglot--guess-contact))
      (flow-put 'connected (and (flow-wait 30 #'eglot-current-server) t))
      (flow-put 'got (and (flow-wait 60 #'flow-flare-diagnostics) t))
      (flow-put 'diagnostics (length (flow-flare-diagnostics)))
      (goto-char (flymake-diagnostic-beg (car (flow-flare-diagnostics))))
      (let ((mark (length flow-messages)))
        (flare-ls-refine (point) (point))
        (flow-put 'refine-command (and (flow-wait 30 (lambda () (flow-seen "refining stats.py in the background" mark))) t))
        (flare-ls-cancel)
        (flow-put 'refine-cancelled (and (flow-wait 30 (lambda () (flow-seen "refinement of stats.py cancelled" mark))) t)))
      (let ((before (buffer-string)) (mark (length flow-messages)))
        (flow-put 'refine (flow-code-action "FLARE: refine suspicious code"))
        (flow-put 'finished (and (flow-wait wait (lambda () (flow-seen "FLARE: stats.py: " mark))) t))
        (flow-put 'summary (flow-seen "FLARE: stats.py: " mark))
        (flow-put 'fix (flow-code-action "FLARE: apply fix"))
        (flow-put 'changed (not (equal before (buffer-string)))))
      (save-buffer)
      (let ((mark (length flow-messages)))
        (flare-ls-cancel)
        (flow-put 'cancel (and (flow-wait 10 (lambda () (flow-seen "no refinement is running" mark))) t)))
      (let ((mark (length flow-messages)))
        (flare-ls-run-tests)
        (flow-wait 5 (lambda () (flow-seen "flare" mark)))
        (flow-put 'run-tests (flow-seen "flare-ls: flare.runTests" mark)))
      (flow-put 'server-commands
                (vconcat (plist-get (plist-get (eglot--capabilities (eglot-current-server)) :executeCommandProvider) :commands)))
      (eglot-shutdown (eglot-current-server))
      (flow-put 'ok t))
  (error (flow-put 'error (error-message-string err))))

(flow-finish)
