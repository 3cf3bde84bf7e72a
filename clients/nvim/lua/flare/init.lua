-- flare-ls for Neovim 0.7+: registers the server for Python files, passes the `flare` settings, and adds
-- :FlareRefine, :FlareCancel and :FlareRunTests. Usage: require('flare').setup({ settings = { ... } }).
local M = {}

local uv = vim.loop
local function has(v) return vim.fn.has('nvim-' .. v) == 1 end

-- The repository this plugin lives in (<repo>/clients/nvim/lua/flare/init.lua), to find its bin/flare-ls.js.
local function bundled_server()
  local here = debug.getinfo(1, 'S').source:sub(2)
  local repo = vim.fn.fnamemodify(here, ':p:h:h:h:h:h')
  local js = repo .. '/bin/flare-ls.js'
  if uv.fs_stat(js) then return { 'node', js, '--stdio' } end
  return { 'flare-ls', '--stdio' }
end

M.defaults = {
  name = 'flare-ls',
  cmd = nil, -- default: node <repo>/bin/flare-ls.js --stdio, else flare-ls --stdio from PATH
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', 'setup.py', 'setup.cfg', '.git' },
  settings = {}, -- the `flare` section, e.g. { diagnostics = { maxPerFile = 5 }, refine = { generator = 'auto' } }
  progress = true, -- true: echo work-done progress; false: silent; function(msg): your own display
  commands = true, -- define :FlareRefine, :FlareCancel, :FlareRunTests
}
M.config = vim.deepcopy(M.defaults)

-- Nearest folder up from `path` holding one of the markers, else the file's folder.
function M.root_dir(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while true do
    for _, m in ipairs(M.config.root_markers) do
      if uv.fs_stat(dir .. '/' .. m) then return dir end
    end
    local up = vim.fn.fnamemodify(dir, ':h')
    if up == dir then return vim.fn.fnamemodify(path, ':p:h') end
    dir = up
  end
end

function M.client_config()
  local c = M.config
  local cmd = c.cmd or bundled_server()
  if vim.fn.executable(cmd[1]) ~= 1 then
    vim.notify(('flare-ls: %q is not executable; set cmd in require("flare").setup{}'):format(cmd[1]), vim.log.levels.ERROR)
  end
  return {
    name = c.name,
    cmd = cmd,
    filetypes = c.filetypes,
    init_options = c.settings,
    settings = { flare = c.settings }, -- answers workspace/configuration for section `flare`
  }
end

-- Neovim 0.7: one client per project root, attached by hand.
local clients07 = {}
local function start07(bufnr, config)
  local root = config.root_dir
  local id = clients07[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients07[root] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
end

local function start(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then return end
  local config = M.client_config()
  config.root_dir = M.root_dir(name)
  if has('0.8') then
    vim.lsp.start(config, { bufnr = bufnr })
  else
    start07(bufnr, config)
  end
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if M.config.commands then require('flare.commands').define(M) end
  require('flare.progress').setup(M)
  if has('0.11') then
    local config = M.client_config()
    config.root_markers = M.config.root_markers
    vim.lsp.config(M.config.name, config)
    vim.lsp.enable(M.config.name)
    return
  end
  local group = vim.api.nvim_create_augroup('flare-ls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(ev) start(ev.buf) end,
  })
  -- Buffers opened before setup() ran.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.config.filetypes, vim.bo[b].filetype) then start(b) end
  end
end

-- The flare-ls client attached to a buffer, if any.
function M.client(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local list = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  for _, c in pairs(list) do
    if c.name == M.config.name then return c end
  end
end

return M
