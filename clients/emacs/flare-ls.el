;;; flare-ls.el --- flare-ls (bug-suspiciousness diagnostics and refinement) for eglot and lsp-mode -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, tools

;;; Commentary:

;; Registers the flare-ls language server for Python buffers:
;; - eglot: an entry in `eglot-server-programs' (eglot runs one server per buffer, so with eglot flare-ls
;;   replaces your other Python server in the buffers where you start it); settings come from
;;   `eglot-workspace-configuration', section `:flare'.
;; - lsp-mode: an add-on client `flare-ls' that runs next to your main Python server (pyright, pylsp, ...);
;;   settings come from `flare-ls-settings'.
;; Commands: `flare-ls-refine', `flare-ls-cancel', `flare-ls-run-tests'.
;;
;;   (add-to-list 'load-path "/ABSOLUTE/PATH/TO/flare-ls/clients/emacs")
;;   (require 'flare-ls)

;;; Code:

(require 'cl-lib)

(defgroup flare-ls nil
  "The flare-ls language server."
  :group 'tools
  :prefix "flare-ls-")

(defconst flare-ls--bundled
  (let ((here (file-name-directory (or load-file-name buffer-file-name default-directory))))
    (expand-file-name "../../bin/flare-ls.js" here))
  "The server of the flare-ls checkout this file belongs to.")

(defcustom flare-ls-command
  (if (file-exists-p flare-ls--bundled)
      (list "node" flare-ls--bundled "--stdio")
    (list "flare-ls" "--stdio"))
  "Command that starts flare-ls on stdio."
  :type '(repeat string))

(defcustom flare-ls-modes '(python-mode python-ts-mode)
  "Major modes in which flare-ls runs."
  :type '(repeat symbol))

(defcustom flare-ls-eglot t
  "When non-nil, add flare-ls to `eglot-server-programs' for `flare-ls-modes'."
  :type 'boolean)

(defcustom flare-ls-settings nil
  "The `flare' settings section for lsp-mode, as a plist.
For example (:diagnostics (:maxPerFile 5) :refine (:generator \"auto\")).
With eglot, use `eglot-workspace-configuration' instead:
\(:flare (:diagnostics (:maxPerFile 5)))."
  :type 'plist)

;;;; eglot

(defvar eglot-server-programs)
(declare-function eglot-execute-command "eglot" (server command arguments))
(declare-function eglot--current-server-or-lose "eglot" ())
(declare-function eglot--path-to-uri "eglot" (path))

(with-eval-after-load 'eglot
  (when flare-ls-eglot
    (add-to-list 'eglot-server-programs (cons flare-ls-modes (lambda (&optional _interactive) flare-ls-command)))))

;;;; lsp-mode

(defvar lsp--cur-workspace)
(declare-function lsp-register-client "lsp-mode" (client))
(declare-function make-lsp-client "lsp-mode" (&rest args))
(declare-function lsp-stdio-connection "lsp-mode" (command &optional test-command))
(declare-function lsp-find-workspace "lsp-mode" (server-id &optional file-name))
(declare-function lsp-request "lsp-mode" (method params &rest args))
(declare-function lsp--buffer-uri "lsp-mode" ())

(with-eval-after-load 'lsp-mode
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection (lambda () flare-ls-command))
    :major-modes flare-ls-modes
    :add-on? t
    :priority -2
    :server-id 'flare-ls
    :initialization-options (lambda () flare-ls-settings))))

;;;; Commands

(defvar eglot--versioned-identifier)
(defvar lsp--cur-version)

(defun flare-ls--line-range (beg end)
  "The whole lines from BEG to END as an LSP range."
  (save-excursion
    (let* ((start (progn (goto-char beg) (line-number-at-pos)))
           (stop (progn (goto-char end) (line-number-at-pos)))
           (width (- (line-end-position) (line-beginning-position))))
      (list :start (list :line (1- start) :character 0)
            :end (list :line (1- stop) :character width)))))

(defun flare-ls--execute (command argument-fn)
  "Send workspace/executeCommand COMMAND to flare-ls.
Its one argument is what ARGUMENT-FN returns for the buffer's URI and
version.  An error answer is shown as a message."
  (condition-case err
      (cond
       ((bound-and-true-p eglot--managed-mode)
        (eglot-execute-command (eglot--current-server-or-lose) command
                               (vector (funcall argument-fn (eglot--path-to-uri buffer-file-name)
                                                eglot--versioned-identifier))))
       ((and (bound-and-true-p lsp-mode) (lsp-find-workspace 'flare-ls buffer-file-name))
        (let ((lsp--cur-workspace (lsp-find-workspace 'flare-ls buffer-file-name)))
          (lsp-request "workspace/executeCommand"
                       (list :command command
                             :arguments (vector (funcall argument-fn (lsp--buffer-uri) lsp--cur-version))))))
       (t (user-error "flare-ls is not running in this buffer (M-x eglot, or M-x lsp)")))
    (error (message "flare-ls: %s: %s" command (flare-ls--error-text err)) nil)))

(defun flare-ls--error-text (err)
  "The server's message in ERR (a jsonrpc error answer), else ERR as text."
  (or (alist-get 'jsonrpc-error-message (cl-remove-if-not #'consp (cdr err)))
      (error-message-string err)))

(defun flare-ls-refine (beg end)
  "Refine the suspicious code of this file.
The lines from BEG to END are where to look first."
  (interactive (if (use-region-p) (list (region-beginning) (region-end)) (list (point) (point))))
  (flare-ls--execute "flare.refine"
                     (lambda (uri version) (list :uri uri :version version :range (flare-ls--line-range beg end)))))

(defun flare-ls-cancel ()
  "Cancel the refinement of this file."
  (interactive)
  (flare-ls--execute "flare.cancel" (lambda (uri _version) (list :uri uri))))

(defun flare-ls-run-tests ()
  "Run the project's tests in the background and re-score this file."
  (interactive)
  (flare-ls--execute "flare.runTests" (lambda (uri _version) (list :uri uri))))

(provide 'flare-ls)
;;; flare-ls.el ends here
