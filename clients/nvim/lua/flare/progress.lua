-- Work-done progress of flare-ls (refinement, test runs) as one-line messages: the `LspProgress` autocmd on
-- Neovim 0.10+, `User LspProgressUpdate` with vim.lsp.util.get_progress_messages() on 0.7-0.9.
local M = {}

local function line(title, message, percentage, done)
  local text = title or 'flare-ls'
  if message and message ~= '' then text = text .. ': ' .. message end
  if percentage then text = text .. (' (%d%%)'):format(percentage) end
  if done then text = text .. ' (done)' end
  return text
end

function M.setup(flare)
  local show = flare.config.progress
  if not show then return end
  if type(show) ~= 'function' then
    show = function(msg) vim.api.nvim_echo({ { msg } }, false, {}) end
  end
  local group = vim.api.nvim_create_augroup('flare-ls-progress', { clear = true })
  if vim.fn.has('nvim-0.10') == 1 then
    vim.api.nvim_create_autocmd('LspProgress', {
      group = group,
      callback = function(ev)
        local client = vim.lsp.get_client_by_id(ev.data.client_id)
        local value = ev.data.params and ev.data.params.value
        if not client or client.name ~= flare.config.name or type(value) ~= 'table' then return end
        show(line(value.title, value.message, value.percentage, value.kind == 'end'))
      end,
    })
    return
  end
  local last = {}
  vim.api.nvim_create_autocmd('User', {
    group = group,
    pattern = 'LspProgressUpdate',
    callback = function()
      for _, m in ipairs(vim.lsp.util.get_progress_messages()) do
        if m.name == flare.config.name and m.progress then
          local text = line(m.title, m.message, m.percentage, m.done)
          if last[m.title] ~= text then
            last[m.title] = text
            show(text)
          end
        end
      end
    end,
  })
end

return M
