//! The view in the page's address: read on load and on back and forward,
//! written back as the reader changes it (a new history entry per change,
//! so back and forward move between views), and copied by the "Copy link"
//! buttons. Parsing and writing the fragment are the core's [`ViewState`].

use super::dom::{report, Dom};
use super::events::{handler, Msg};
use crate::format::Join;
use crate::view::ViewState;
use wasm_bindgen::prelude::*;

type Handler = Closure<dyn FnMut(JsValue)>;

/// The address's state.
#[derive(Debug)]
pub(super) struct Address {
    /// Set while the page itself changes the view (start-up, back and
    /// forward): the address is then replaced, not pushed.
    pub(super) quiet: bool,
    /// What the clipboard's answer runs: one pair for the page's life, not
    /// one per click.
    copied: (Handler, Handler),
}

impl Address {
    /// Quiet until the page has started; `send` hears the clipboard.
    pub(super) fn new(send: fn(Msg)) -> Address {
        Address {
            quiet: true,
            copied: (
                Closure::new(handler(1, |_, ok| Some(Msg::Copied(ok == 1)), send)),
                Closure::new(handler(0, |_, ok| Some(Msg::Copied(ok == 1)), send)),
            ),
        }
    }

    /// The view the address asks for, and what in it could not be read.
    pub(super) fn read(dom: &Dom) -> (ViewState, Vec<String>) {
        let hash = dom.window.location().hash().unwrap_or_default();
        ViewState::parse(&hash)
    }

    /// Hides the notice, or says what of the link could not be used.
    pub(super) fn warn(dom: &Dom, warnings: &[String]) {
        if warnings.is_empty() {
            if let Some(n) = dom.document.get_element_by_id("view-notice") {
                let _ = n.set_attribute("hidden", "");
            }
        } else {
            dom.notice(&format!(
                "Part of this link could not be used, so defaults are shown for it: {}.",
                warnings.joined("; ")
            ));
        }
    }

    /// Writes `view` into the address: a new history entry when `push`,
    /// else in place. Does nothing if the address already says it.
    pub(super) fn write(dom: &Dom, view: &ViewState, push: bool) {
        let hash = view.to_hash();
        let location = dom.window.location();
        if location.hash().unwrap_or_default() == hash {
            return;
        }
        let url = if hash.is_empty() {
            location.pathname().unwrap_or_default() + &location.search().unwrap_or_default()
        } else {
            hash
        };
        if let Ok(history) = dom.window.history() {
            let done = if push {
                history.push_state_with_url(&JsValue::NULL, "", Some(&url))
            } else {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
            };
            report(done);
        }
    }

    /// Copies the page's address; the answer comes as [`Msg::Copied`].
    pub(super) fn copy_link(&self, dom: &Dom) -> Result<(), JsValue> {
        let href = dom.window.location().href()?;
        let promise = dom.window.navigator().clipboard().write_text(&href);
        let _ = promise.then2(&self.copied.0, &self.copied.1);
        Ok(())
    }

    /// Says whether the link was copied, with the page's address (or, if
    /// the clipboard refused, shows the link to copy by hand).
    pub(super) fn copied(dom: &Dom, copied: bool) {
        let href = dom.window.location().href().unwrap_or_default();
        let text = if copied {
            format!("Link copied: {href}")
        } else {
            format!("Copy this link: {href}")
        };
        dom.notice(&text);
    }
}
