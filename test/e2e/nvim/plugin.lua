-- Headless Neovim (0.7.2+) session with the flare plugin (clients/nvim), set up by the README's init.lua
-- (already loaded): diagnostics, the refine code action with the template generator, the "apply fix" code
-- action, :write, then :FlareRunTests and :FlareCancel.
-- Env: FLARE_FILE (a file of a copy of a buggy project), FLARE_OUT (JSON result), FLARE_WAIT (ms, optional).
local file = os.getenv('FLARE_FILE')
local out = os.getenv('FLARE_OUT')
local result = { progress = {}, messages = {}, chosen = {} }
vim.g.loaded_python3_provider = 0

-- What the user would see: vim.notify and window/showMessage, recorded.
local notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(result.messages, tostring(msg))
  return notify(msg, level, opts)
end
local show = vim.lsp.handlers['window/showMessage']
vim.lsp.handlers['window/showMessage'] = function(err, res, ctx, config)
  table.insert(result.messages, res.message)
  return show(err, res, ctx, config)
end

local function save()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

-- The first message after the first `after` ones that contains `pattern`.
local function seen(pattern, after)
  for i = (after or 0) + 1, #result.messages do
    if result.messages[i]:find(pattern) then return result.messages[i] end
  end
end

-- The code action menu, answered by the title we want.
local function code_action(prefix)
  local picked = false
  vim.ui.select = function(items, opts, on_choice)
    for _, item in ipairs(items) do
      local action = item[2] or item.action or item
      if action.title and action.title:sub(1, #prefix) == prefix then
        table.insert(result.chosen, action.title)
        picked = true
        return on_choice(item)
      end
    end
    result.offered = vim.tbl_map(function(i) return (i[2] or i.action or i).title end, items)
    picked = 'none'
    on_choice(nil)
  end
  vim.lsp.buf.code_action()
  vim.wait(20000, function() return picked ~= false end, 50)
  return picked == true
end

local ok, err = pcall(function()
  -- The README's setup, run again with the template generator, the demo's unittest command and a recorder.
  local flare = require('flare')
  result.threshold = flare.config.settings.diagnostics.threshold
  flare.setup(vim.tbl_deep_extend('force', flare.config, {
    settings = { refine = { generator = 'templates' }, tests = { command = 'python3 -m unittest -q' } },
    progress = function(msg) table.insert(result.progress, msg) end,
  }))
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  result.attached = vim.wait(20000, function() return flare.client(bufnr) ~= nil end, 50)
  local client = flare.client(bufnr)
  result.root_dir = client.config.root_dir
  local cmds = (client.server_capabilities or client.resolved_capabilities or {}).executeCommandProvider
  result.server_commands = cmds and cmds.commands or {}

  local function flare_diags()
    return vim.tbl_filter(function(d) return d.source == 'flare' end, vim.diagnostic.get(bufnr))
  end
  result.got = vim.wait(30000, function() return #flare_diags() > 0 end, 50)
  result.diagnostics = #flare_diags()
  local top = flare_diags()[1]
  for _, d in ipairs(flare_diags()) do
    if d.message:find('rank 1 of') then top = d end
  end
  vim.api.nvim_win_set_cursor(0, { top.lnum + 1, top.col })

  -- :FlareRefine on the cursor line starts a refinement (progress begins), :FlareCancel stops it.
  local mark = #result.messages
  local progress_mark = #result.progress
  vim.cmd('FlareRefine')
  result.refine_command_started = vim.wait(30000, function() return #result.progress > progress_mark end, 50)
  vim.cmd('FlareCancel')
  result.refine_command_cancelled = vim.wait(30000, function() return seen('refinement of stats.py cancelled', mark) ~= nil end, 50)

  result.before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  result.refine_offered = code_action('FLARE: refine suspicious code')
  mark = #result.messages
  result.finished = vim.wait(tonumber(os.getenv("FLARE_WAIT") or 180000), function() return seen('Choose the code action', mark) ~= nil or seen('FLARE: stats.py: ', mark) ~= nil end, 100)
  result.summary = seen('FLARE: ', mark)

  result.fix_offered = code_action('FLARE: apply fix')
  result.changed = vim.wait(10000, function()
    return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') ~= result.before
  end, 50)
  vim.cmd('write')
  result.after = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')

  mark = #result.messages
  vim.cmd('FlareCancel')
  result.cancel_answered = vim.wait(10000, function() return seen('no refinement is running', mark) ~= nil end, 50)

  -- :FlareRunTests: a server without flare.runTests answers "unknown command", which the plugin shows.
  mark = #result.messages
  progress_mark = #result.progress
  vim.cmd('FlareRunTests')
  result.run_tests_answered = vim.wait(60000, function()
    return #result.messages > mark or (#result.progress > progress_mark and result.progress[#result.progress]:find('%(done%)') ~= nil)
  end, 100)
  result.run_tests_message = seen('flare.runTests', mark)

  vim.lsp.stop_client(client.id)
  result.stopped = vim.wait(10000, function() return vim.lsp.get_client_by_id(client.id) == nil end, 50)
end)

result.ok = ok
if not ok then result.error = tostring(err) end
save()
vim.cmd('qall!')
