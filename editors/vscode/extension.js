// The fltlint extension: starts `fltlint lsp` for C, C++ and INF files of
// the workspace (docs/editors.md).
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration('fltlint');
  const serverOptions = { command: settings.get('path'), args: ['lsp'] };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'c' },
      { scheme: 'file', language: 'cpp' },
      { scheme: 'file', pattern: '**/*.{inf,inx,INF,INX}' },
    ],
    initializationOptions: { debounceMs: settings.get('debounceMs') },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.c,*.cpp,*.h,*.inf,.fltlint,compile_commands.json}'),
    },
  };
  client = new LanguageClient('fltlint', 'fltlint', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
