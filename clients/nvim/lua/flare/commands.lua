-- :FlareRefine, :FlareCancel, :FlareRunTests: workspace/executeCommand on the flare-ls server, with the
-- server's answer (or its error, e.g. "unknown command") shown as a message.
local M = {}

local function request(client, method, params, handler, bufnr)
  if vim.fn.has('nvim-0.11') == 1 then return client:request(method, params, handler, bufnr) end
  return client.request(method, params, handler, bufnr)
end

-- Send `command` with one argument to the flare-ls client of the current buffer.
function M.execute(flare, command, arg)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = flare.client(bufnr)
  if not client then
    vim.notify('flare-ls is not attached to this buffer (is it a Python file? see :messages)', vim.log.levels.WARN)
    return
  end
  request(client, 'workspace/executeCommand', { command = command, arguments = { arg } }, function(err, result)
    if err then
      vim.notify(('flare-ls: %s: %s'):format(command, err.message or vim.inspect(err)), vim.log.levels.ERROR)
    end
  end, bufnr)
end

local function version(bufnr)
  local versions = vim.lsp.util.buf_versions
  return versions and versions[bufnr] or vim.api.nvim_buf_get_changedtick(bufnr)
end

-- The lines line1..line2 (1-based, inclusive) as an LSP range.
local function range(bufnr, line1, line2)
  local last = vim.api.nvim_buf_get_lines(bufnr, line2 - 1, line2, false)[1] or ''
  return { start = { line = line1 - 1, character = 0 }, ['end'] = { line = line2 - 1, character = #last } }
end

function M.define(flare)
  local function uri() return vim.uri_from_bufnr(vim.api.nvim_get_current_buf()) end
  vim.api.nvim_create_user_command('FlareRefine', function(o)
    local bufnr = vim.api.nvim_get_current_buf()
    M.execute(flare, 'flare.refine', { uri = uri(), version = version(bufnr), range = range(bufnr, o.line1, o.line2) })
  end, { range = true, desc = 'flare-ls: refine the suspicious code of this file (lines: where to look first)' })
  vim.api.nvim_create_user_command('FlareCancel', function()
    M.execute(flare, 'flare.cancel', { uri = uri() })
  end, { desc = 'flare-ls: cancel the refinement of this file' })
  vim.api.nvim_create_user_command('FlareRunTests', function()
    M.execute(flare, 'flare.runTests', { uri = uri() })
  end, { desc = "flare-ls: run the project's tests and re-score this file" })
end

return M
