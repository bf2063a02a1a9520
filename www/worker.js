// Parses added documents off the page's main thread, with the worker's own
// wasm module (src/worker.rs): text in, the extraction's bytes out
// (src/codec.rs), or `refused` with the reason when the document is over the
// page's budget. A trap (out of memory, say) poisons this worker's module:
// the answer says so with `fatal`, and the worker ends; the page makes a new
// one for the next document.
import init, { parse_document } from './pkg/worker/soviets.js';

const ready = init({ module_or_path: new URL('./pkg/worker/soviets_bg.wasm', import.meta.url) });

self.onmessage = async (e) => {
  const { id, text } = e.data;
  try {
    await ready;
    const bytes = parse_document(text);
    self.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (err) {
    if (typeof err === 'string') {
      self.postMessage({ id, refused: err });
    } else if (err instanceof WebAssembly.RuntimeError) {
      self.postMessage({ id, error: 'the reader failed on it (' + err.message + ')', fatal: true });
      self.close();
    } else {
      self.postMessage({ id, error: String(err) });
    }
  }
};
