-- Headless Neovim (0.7.2+) session for the flare-ls end-to-end test.
-- Env: FLARE_ROOT (repository), FLARE_FILE (Python file to open), FLARE_OUT (JSON result file).
local root = os.getenv('FLARE_ROOT')
local file = os.getenv('FLARE_FILE')
local out = os.getenv('FLARE_OUT')
local result = {}
-- Python's ftplugin probes for a python3 provider, which can take seconds; the test needs none.
vim.g.loaded_python3_provider = 0

local function save()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  local id = vim.lsp.start_client({
    name = 'flare',
    cmd = { 'node', root .. '/bin/flare-ls.js', '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    init_options = { diagnostics = { threshold = 0, maxPerFile = 100, debounceMs = 0 } },
    on_exit = function(code, signal) result.exit_code = code; result.exit_signal = signal end,
  })
  result.attached = vim.lsp.buf_attach_client(bufnr, id)

  local function flare()
    local ds = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.source == 'flare' then table.insert(ds, d) end
    end
    return ds
  end
  local function snapshot()
    local ds = {}
    for _, d in ipairs(flare()) do
      table.insert(ds, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, message = d.message })
    end
    return ds
  end

  result.got = vim.wait(30000, function() return #flare() > 0 end, 50)
  result.diagnostics = snapshot()

  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 3, character = 8 } }
  local replies = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000) or {}
  for _, r in pairs(replies) do
    if r.result then result.hover = r.result.contents.value end
  end

  -- Type a line at the top: diagnostics follow the edit.
  local before = #flare()
  vim.api.nvim_buf_set_lines(bufnr, 0, 0, false, { 'import math' })
  result.updated = vim.wait(30000, function() return #flare() == before + 1 end, 50)
  result.after_edit = snapshot()

  vim.lsp.stop_client(id)
  result.stopped = vim.wait(10000, function() return result.exit_code ~= nil end, 50)
end)

result.ok = ok
if not ok then result.error = tostring(err) end
save()
vim.cmd('qall!')
