;;; harness.el --- what the emacs --batch sessions of the flare-ls tests share -*- lexical-binding: t; -*-
;; Records every message, waits while processing events, finds flare diagnostics, writes the result as JSON.
(require 'cl-lib)
(require 'json)
(require 'flymake)

(defvar flow-messages nil "Every message shown, oldest first.")
(defvar flow-result nil)
(advice-add 'message :around
            (lambda (orig fmt &rest args)
              (let ((s (apply orig fmt args)))
                (when (stringp s) (setq flow-messages (append flow-messages (list s))))
                s)))

(defun flow-put (key value) (push (cons key value) flow-result))

(defun flow-wait (seconds pred)
  "Process events until PRED is non-nil or SECONDS pass; PRED's value."
  (let ((deadline (+ (float-time) seconds)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    v))

(defun flow-seen (regexp after)
  "The first message after the first AFTER ones that matches REGEXP."
  (cl-find-if (lambda (m) (string-match-p regexp m)) (nthcdr after flow-messages)))

(defun flow-flare-diagnostics ()
  (cl-remove-if-not (lambda (d) (string-match-p "Suspicious line" (flymake-diagnostic-text d)))
                    (flymake-diagnostics)))

(defun flow-finish ()
  "Write the result (and every message) to FLARE_OUT and leave Emacs."
  (flow-put 'messages (vconcat flow-messages))
  (with-temp-file (getenv "FLARE_OUT") (insert (json-encode flow-result)))
  (kill-emacs 0))

(provide 'harness)
;;; harness.el ends here
