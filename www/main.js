// Loads the wasm module; the module draws the page when it starts.
import init, * as soviets from './pkg/soviets.js';

window.soviets = soviets;

const banner = (message) => {
  const b = document.getElementById('error-banner');
  if (b) {
    b.textContent = message;
    b.hidden = false;
  }
};

// A trap (RuntimeError: unreachable, out of memory) leaves the module's
// state unusable. The page then says so, never stays "Reading…", and
// "Reset to seeds" forgets the stored documents and reloads from here.
let dead = false;
const trapped = (err) => {
  if (dead || !(err instanceof WebAssembly.RuntimeError)) return;
  let alive = false;
  try {
    alive = soviets.alive();
  } catch (_) {
    alive = false;
  }
  if (alive) return;
  dead = true;
  banner('The page stopped working (' + err.message + '). Text you were adding stays in the box. ' +
    'Reload the page to start again, or press "Reset to seeds" to forget the added documents and reload.');
  const status = document.getElementById('document-status');
  if (status && /^(Reading|Adding)/.test(status.textContent)) {
    status.textContent = 'The page failed while adding this document, so it was not added. ' +
      'Its text is kept; reload the page to try again.';
  }
};
window.addEventListener('error', (e) => trapped(e.error));
window.addEventListener('unhandledrejection', (e) => trapped(e.reason));
document.getElementById('reset-documents')?.addEventListener('click', (e) => {
  if (!dead) return;
  e.stopImmediatePropagation();
  try {
    localStorage.removeItem('soviets.documents');
  } catch (_) {
    // Storage disabled: nothing stored to forget.
  }
  location.reload();
}, true);

// The glue has no default module path, so name the module.
init({ module_or_path: new URL('./pkg/soviets_bg.wasm', import.meta.url) }).catch((e) => {
  banner('The charts could not be loaded: ' + e);
  console.warn(e);
});
