// Parses added documents off the page's main thread, with the worker's own
// wasm module (src/worker.rs): text in, the extraction's bytes out (src/codec.rs).
import init, { parse_document } from './pkg/worker/soviets.js';

const ready = init({ module_or_path: new URL('./pkg/worker/soviets_bg.wasm', import.meta.url) });

self.onmessage = async (e) => {
  const { id, text } = e.data;
  try {
    await ready;
    const bytes = parse_document(text);
    self.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
