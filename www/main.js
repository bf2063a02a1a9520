// Loads the wasm module; the module draws the page when it starts.
import init, * as soviets from './pkg/soviets.js';

window.soviets = soviets;

// The glue has no default module path, so name the module.
init({ module_or_path: new URL('./pkg/soviets_bg.wasm', import.meta.url) }).catch((e) => {
  const banner = document.getElementById('error-banner');
  if (banner) {
    banner.textContent = 'The charts could not be loaded: ' + e;
    banner.hidden = false;
  }
  console.warn(e);
});
