//! The browser page (wasm32 only): the charts on canvases, their hover,
//! keyboard and touch, toolbars and exports, the source panel, the
//! reader's documents and the view in the address. Everything drawn comes
//! from [`crate::charts`] as a [`crate::charts::Scene`].
//!
//! The page is one [`app::App`] in one thread-local, [`APP`], made of
//! components that each own their elements and state ([`chart_view`],
//! [`keyboard`], [`toolbar`], [`controls`], [`panel`], [`seats`],
//! [`documents`], [`address`]) and the [`page::Page`] they all read.
//! Every event, timer and callback becomes an [`events::Msg`] and goes
//! through [`dispatch`], which borrows the app once and hands the message
//! to [`app::App::update`]. Components never import each other; only the
//! dispatcher knows them all. Besides the components: [`dom`] (element,
//! table and button helpers, `listen`), [`canvas`] (the canvas backend)
//! and [`export`] (downloads, as functions of what they are given).

mod address;
mod app;
mod canvas;
mod chart_view;
mod controls;
mod documents;
mod dom;
mod events;
mod export;
mod keyboard;
mod page;
mod panel;
mod seats;
mod toolbar;

use crate::charts::synthetic;
use app::App;
use dom::{chart_of, err, once, report, show_error, warn};
use events::Msg;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The page's allocator: talc, 3.0 KB gzipped smaller in the module than
/// std's dlmalloc. The page is single-threaded.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    /// The page: the one piece of state the module keeps.
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Runs `f` on the app; false before start-up or if the app is busy (a
/// re-entrant event, or a trap left it borrowed for good). One function,
/// not generic, so the thread-local is reached through one piece of code.
fn with_app(f: &mut dyn FnMut(&mut App)) -> bool {
    APP.with(|cell| match cell.try_borrow_mut() {
        Ok(mut app) => app.as_mut().map(f).is_some(),
        Err(_) => false,
    })
}

/// Hands `msg` to the app; errors go to the page's banner. A message that
/// comes while the app is busy (an event fired by the app's own work) is
/// dropped.
fn dispatch(msg: Msg) {
    let mut msg = Some(msg);
    with_app(&mut |app| {
        if let Some(msg) = msg.take() {
            report(app.update(msg));
        }
    });
}

/// Runs `f` on the app for a JavaScript call; an error if there is none.
fn call<R>(f: impl FnOnce(&mut App) -> Result<R, JsValue>) -> Result<R, JsValue> {
    let (mut f, mut out) = (Some(f), None);
    with_app(&mut |app| out = f.take().map(|f| f(app)));
    out.unwrap_or_else(|| Err(err("the page state is unavailable")))
}

/// Starts the page: error reporting, data, charts, then the controls.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let performance = web_sys::window().and_then(|w| w.performance());
    // For the benchmark: the module is fetched, compiled and running.
    if let Some(p) = &performance {
        p.mark("wasm-start")?;
    }
    std::panic::set_hook(Box::new(|info| {
        // The message and the place written here, not by the hook info's
        // `Display` (more formatting code in the module).
        let message = info.payload_as_str().unwrap_or("a panic");
        let at = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        warn(&format!("soviets panicked{at}: {message}"));
        show_error(&format!(
            "Something went wrong inside the page: {message}. Reload the page to start again."
        ));
    }));
    let app = App::new(dispatch)?;
    APP.set(Some(app));
    call(App::start)?;
    // For the benchmark: every control and tooltip now answers.
    if let Some(p) = &performance {
        p.mark("interactive")?;
    }
    Ok(())
}

/// The hit regions of the chart on `canvas_id`, in CSS pixels relative to
/// the canvas: `[{kind, event, faction, label, x, y, w, h}]`.
#[wasm_bindgen]
pub fn regions(canvas_id: &str) -> JsValue {
    let regions = call(|app| {
        let empty = || Ok(js_sys::Array::new().into());
        let Some(chart) = chart_of(canvas_id) else {
            return empty();
        };
        let Some(scene) = app.charts.scene(chart) else {
            return empty();
        };
        let data = app.page.data_of(chart);
        // Plain objects built here (no serialisation framework in the
        // module); no faction is `null`.
        let out = js_sys::Array::new();
        for h in &scene.regions {
            let region = js_sys::Object::new();
            let event = data.events.get(h.target.event()).map_or("", |e| &e.id);
            let faction = h.target.faction().map_or(JsValue::NULL, |f| f.id().into());
            let fields: [(&str, JsValue); 8] = [
                ("kind", h.target.kind().into()),
                ("event", event.into()),
                ("faction", faction),
                ("label", h.target.label(data).into()),
                ("x", h.rect.x.into()),
                ("y", h.rect.y.into()),
                ("w", h.rect.w.into()),
                ("h", h.rect.h.into()),
            ];
            for (key, value) in fields {
                js_sys::Reflect::set(&region, &key.into(), &value)?;
            }
            out.push(&region);
        }
        Ok(out.into())
    });
    regions.unwrap_or_else(|_| js_sys::Array::new().into())
}

/// Replaces the data with a generated set of `events` events of
/// `factions` segments each, and redraws.
#[wasm_bindgen]
pub fn synthetic(events: u32, factions: u32) -> Result<(), JsValue> {
    call(|app| app.set_data(synthetic::dataset(events, factions)))
}

/// Lays out and paints the chart on the canvas with id `chart` again, or
/// with no id every chart, synchronously.
#[wasm_bindgen]
pub fn redraw(chart: Option<String>) -> Result<(), JsValue> {
    call(|app| match chart {
        None => app.draw_all(),
        Some(id) => match chart_of(&id) {
            Some(chart) => app.draw(chart),
            None => Err(err("there is no chart with that id")),
        },
    })
}

/// Panics, to test the error banner.
#[wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic() was called");
}

/// Whether the page's state can still be used: false once a trap (out of
/// memory, say) has left it borrowed for good. `www/main.js` asks after an
/// uncaught wasm error, and then lets "Reset to seeds" reload the page.
#[wasm_bindgen]
pub fn alive() -> bool {
    with_app(&mut |_| ())
}

/// Traps, in a task of the page's own, while the page's state is in use,
/// as running out of memory in the middle of adding a document would: to
/// test that the page survives.
#[wasm_bindgen]
pub fn debug_trap() -> Result<(), JsValue> {
    let trap = once(Box::new(|_: JsValue| dispatch(Msg::Trap)));
    web_sys::window()
        .ok_or_else(|| err("no window"))?
        .set_timeout_with_callback_and_timeout_and_arguments_0(trap.unchecked_ref(), 0)
        .map(|_| ())
}
