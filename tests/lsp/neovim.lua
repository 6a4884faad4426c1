-- Neovim's built-in LSP client (0.7 and later) against `fltlint lsp`:
-- opens context.c of a copy of tests/lsp/driver, waits for the finding,
-- inserts a line above it (the finding moves down), fixes it (it goes).
-- Run by tests/lsp/neovim.sh: nvim --headless --clean -c 'luafile tests/lsp/neovim.lua'
-- with FLTLINT (the binary) and FLTLINT_ROOT (the copy) in the environment.
local fltlint = os.getenv('FLTLINT')
local root = os.getenv('FLTLINT_ROOT')

local function fail(message)
  io.stderr:write('neovim.lua: ' .. message .. '\n')
  os.exit(1)
end

vim.cmd('edit ' .. root .. '/context.c')
local buffer = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = 'fltlint',
  cmd = { fltlint, 'lsp' },
  root_dir = root,
  init_options = { debounceMs = 50 },
})
if not client then fail('the client did not start') end
vim.lsp.buf_attach_client(buffer, client)

-- The diagnostics of the buffer once `accept` takes them, within 60 s.
local function wait_for(what, accept)
  local found
  local ok = vim.wait(60000, function()
    local diagnostics = vim.diagnostic.get(buffer)
    if accept(diagnostics) then
      found = diagnostics
      return true
    end
    return false
  end, 20)
  if not ok then fail('timed out waiting for ' .. what .. ': ' .. vim.inspect(vim.diagnostic.get(buffer))) end
  return found
end

local function one_finding_at(line)
  return function(diagnostics)
    return #diagnostics == 1 and diagnostics[1].code == 'context-not-registered' and diagnostics[1].lnum == line
  end
end

-- Line 8 (0-based 7), column 62: FLT_INSTANCE_CONTEXT.
local first = wait_for('the finding', one_finding_at(7))[1]
if first.col ~= 61 or first.source ~= 'fltlint' or first.severity ~= vim.diagnostic.severity.ERROR then
  fail('unexpected diagnostic ' .. vim.inspect(first))
end

vim.api.nvim_buf_set_lines(buffer, 0, 0, false, { '/* a line above */' })
wait_for('the finding to move down', one_finding_at(8))

local line = vim.api.nvim_buf_get_lines(buffer, 8, 9, false)[1]
local fixed = line:gsub('FLT_INSTANCE_CONTEXT, 32', 'FLT_VOLUME_CONTEXT, sizeof(ULONG)')
vim.api.nvim_buf_set_lines(buffer, 8, 9, false, { fixed })
wait_for('the finding to go', function(diagnostics) return #diagnostics == 0 end)

vim.lsp.stop_client(client)
io.stdout:write('neovim.lua: the finding was published, moved and went\n')
vim.cmd('qall!')
