//! Browser tests of the page against oversized, poisonous and corrupt input
//! (issue 10): a document over the page's budget is refused with its text
//! kept, a trap in the page's module leaves the page able to reset, stored
//! documents are never dropped without the reader's action, and CSV
//! exports are neutralised against formula injection.

use super::access::{download, parse_csv};
use super::sources::THIRD;
use super::{ensure, js, Ctx, Test, UI_TIMEOUT};
use crate::Result;
use serde_json::json;
use std::time::Duration;

/// The tests, in the order they run.
pub const TESTS: &[(&str, Test)] = &[
    ("over_budget_is_refused", over_budget_is_refused),
    ("trap_keeps_reset", trap_keeps_reset),
    ("unreadable_saved_stays", unreadable_saved_stays),
    ("csv_export_neutralised", csv_export_neutralised),
];

/// How long the worker may take with a text of about 1 MB.
const LARGE_TIMEOUT: Duration = Duration::from_secs(30);

/// A text under 1 MB with far more facts than the page takes from one
/// document (four in every 85 bytes).
const DENSE: &str = "(() => { const unit = 'Of the 707 delegates, 441 were Bolsheviks, 205 Left SRs and 61 of other parties. '; \
    return 'The Fifth All-Russian Congress of Soviets met in Moscow in July 1918. ' + unit.repeat(Math.floor(1000000 / unit.length)); })()";

/// The status under the form.
const STATUS: &str = "document.getElementById('document-status').textContent";

impl Ctx {
    fn status(&mut self) -> Result<String> {
        Ok(self
            .browser
            .evaluate(STATUS)?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    /// The stored documents' list, parsed (empty when there is none).
    fn stored(&mut self) -> Result<Vec<serde_json::Value>> {
        let v = self
            .browser
            .evaluate("JSON.parse(localStorage.getItem('soviets.documents') || '[]')")?;
        Ok(v.as_array().cloned().unwrap_or_default())
    }

    /// Stores `entries` (JSON) as the saved documents and reloads.
    fn reload_with_stored(&mut self, entries: &serde_json::Value) -> Result<()> {
        self.browser.evaluate(&format!(
            "localStorage.setItem('soviets.documents', {})",
            js(&entries.to_string())
        ))?;
        self.browser.reload()?;
        self.wait_ready()
    }

    /// The 2nd Congress's 390 Bolsheviks still show on hover.
    fn still_charts(&mut self, context: &str) -> Result<()> {
        let r = self.second_bolsheviks()?;
        self.hover_centre("faction-chart", &r)?;
        self.expect_tooltip(&["390"], context)?;
        self.hover_off("faction-chart")
    }
}

/// A text with more facts than the budget is refused by the worker, with
/// a sentence saying why and its text still in the box; stored, it stays
/// stored and listed, with Remove, until removed.
fn over_budget_is_refused(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    let len = ctx.browser.evaluate(&format!(
        "(() => {{ const t = document.getElementById('add-document'); t.value = {DENSE}; \
          document.getElementById('document-status').textContent = ''; return t.value.length; }})()"
    ))?;
    ctx.click("#add-document-submit")?;
    ctx.browser.wait_for(
        &format!("(() => {{ const t = {STATUS}; return t.length > 0 && !/^(Reading|Adding)/.test(t); }})()"),
        LARGE_TIMEOUT,
        "the dense text to be read",
    )?;
    let status = ctx.status()?;
    ensure(
        status.contains("was not added") && status.contains("facts") && status.contains("25,000"),
        || format!("a text over the facts budget said {status:?}"),
    )?;
    let kept = ctx
        .browser
        .evaluate("document.getElementById('add-document').value.length")?;
    ensure(kept == len, || {
        format!("the box holds {kept} characters, not the {len} typed")
    })?;
    let listed = ctx
        .browser
        .evaluate("document.querySelectorAll('#document-list li').length")?;
    ensure(listed == 0, || format!("{listed} documents are listed"))?;
    ensure(ctx.stored()?.is_empty(), || {
        "the refused text was stored".into()
    })?;
    ctx.still_charts("after the refusal")?;

    // The same text saved by an earlier visit.
    let text = ctx.browser.evaluate(DENSE)?;
    ctx.browser
        .evaluate("document.getElementById('add-document').value = ''")?;
    ctx.reload_with_stored(&json!([{"name": "Dense notes", "text": text}]))?;
    ctx.browser.wait_for(
        "[...document.querySelectorAll('#document-list li')].some(li => li.textContent.includes('Dense notes') && li.textContent.includes('not added') && li.querySelector('button'))",
        LARGE_TIMEOUT,
        "the refused saved document to be listed with Remove",
    )?;
    let status = ctx.status()?;
    ensure(
        status.contains("Dense notes") && status.contains("stays saved"),
        || format!("restoring the refused document said {status:?}"),
    )?;
    ensure(ctx.stored()?.len() == 1, || {
        "the refused saved document left storage".into()
    })?;
    ctx.click("#document-list button[data-forget-unread]")?;
    ctx.browser.wait_for(
        "document.querySelectorAll('#document-list li').length === 0",
        UI_TIMEOUT,
        "Remove to take the refused document off the list",
    )?;
    ensure(ctx.stored()?.is_empty(), || {
        "the removed document is still stored".into()
    })?;
    ctx.load_seeds()
}

/// A trap in the page's module while a document is being read shows the
/// error banner, takes the status off "Reading…", keeps the text, and
/// "Reset to seeds" still works (it reloads the page without the stored
/// documents).
fn trap_keeps_reset(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    ctx.reload_with_stored(&json!([{"name": "Notes on the Third Congress", "text": THIRD}]))?;
    ctx.browser.wait_for(
        &format!("{STATUS}.startsWith('Restored')"),
        UI_TIMEOUT,
        "the stored document to be restored",
    )?;
    // The worker never answers: the document stays "Reading…".
    ctx.browser
        .evaluate("Worker.prototype.postMessage = function () {}")?;
    ctx.add_text("The Fourth All-Russian Congress of Soviets had 1,232 delegates.")?;
    ctx.browser.wait_for(
        &format!("{STATUS}.startsWith('Reading')"),
        UI_TIMEOUT,
        "the status to say Reading…",
    )?;
    // A trap in a task of the page's own, as in a failing event handler.
    ctx.browser.evaluate("window.soviets.debug_trap()")?;
    ctx.browser.wait_for(
        "__xt.visible('#error-banner') && document.getElementById('error-banner').textContent.includes('stopped working')",
        UI_TIMEOUT,
        "the error banner after the trap",
    )?;
    let status = ctx.status()?;
    ensure(
        !status.starts_with("Reading") && status.contains("not added"),
        || format!("after the trap the status says {status:?}"),
    )?;
    let kept = ctx
        .browser
        .evaluate("document.getElementById('add-document').value.includes('1,232 delegates')")?;
    ensure(kept == true, || "the text left the box".into())?;
    let errors = ctx.browser.take_errors()?;
    ensure(errors.iter().all(|e| e.contains("unreachable")), || {
        format!("console errors other than the trap: {errors:?}")
    })?;
    ctx.browser.evaluate("window.__beforeReset = true")?;
    ctx.click("#reset-documents")?;
    ctx.browser.wait_for(
        "!window.__beforeReset && document.documentElement.dataset.ready === 'true'",
        Duration::from_secs(10),
        "Reset to seeds to reload the page",
    )?;
    ensure(ctx.stored()?.is_empty(), || {
        "the stored document survived the reset".into()
    })?;
    let shown = ctx.browser.evaluate(
        "__xt.visible('#error-banner') || document.querySelectorAll('#document-list li').length",
    )?;
    ensure(shown == false || shown == 0, || {
        format!("after the reset the banner or a document is still shown ({shown})")
    })?;
    ctx.still_charts("after the reset")
}

/// A corrupt saved entry next to a valid one: its "could not be read"
/// stays said after the valid one is restored, it stays listed and stored
/// through an addition and a removal, and goes only with its own Remove.
fn unreadable_saved_stays(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    let corrupt = json!({"title": "half-written", "body": 17});
    ctx.reload_with_stored(&json!([
        {"name": "Notes on the Third Congress", "text": THIRD},
        corrupt
    ]))?;
    ctx.browser.wait_for(
        &format!("{STATUS}.startsWith('Restored')"),
        UI_TIMEOUT,
        "the valid stored document to be restored",
    )?;
    let status = ctx.status()?;
    ensure(status.contains("could not be read"), || {
        format!("after restoring, the status no longer mentions the unreadable entry: {status:?}")
    })?;
    let listed = ctx.browser.evaluate(
        "[...document.querySelectorAll('#document-list li')].map(li => li.textContent)",
    )?;
    ensure(
        listed.as_array().is_some_and(|l| {
            l.len() == 2
                && l[1]
                    .as_str()
                    .is_some_and(|t| t.contains("could not be read"))
        }),
        || format!("the list is {listed}"),
    )?;
    let has_corrupt = |stored: &[serde_json::Value]| stored.contains(&corrupt);
    ctx.add_ok(
        "The Fourth All-Russian Congress of Soviets met in Moscow from 14 to 16 March 1918. Of the 1,232 delegates, 795 were Bolsheviks and 284 Left SRs.",
        "Fourth Congress text",
    )?;
    let stored = ctx.stored()?;
    ensure(stored.len() == 3 && has_corrupt(&stored), || {
        format!("after adding, storage holds {stored:?}")
    })?;
    ctx.click("#document-list button[data-remove]")?;
    ctx.browser.wait_for(
        &format!("{STATUS}.startsWith('Removed')"),
        UI_TIMEOUT,
        "the first document to be removed",
    )?;
    let stored = ctx.stored()?;
    ensure(stored.len() == 2 && has_corrupt(&stored), || {
        format!("after removing, storage holds {stored:?}")
    })?;
    ctx.click("#document-list button[data-forget-saved]")?;
    ctx.browser.wait_for(
        "![...document.querySelectorAll('#document-list li')].some(li => li.textContent.includes('could not be read'))",
        UI_TIMEOUT,
        "Remove to take the unreadable entry off the list",
    )?;
    let stored = ctx.stored()?;
    ensure(stored.len() == 1 && !has_corrupt(&stored), || {
        format!("after removing the unreadable entry, storage holds {stored:?}")
    })?;
    ctx.reset_documents()
}

/// A document whose name is a spreadsheet formula: the chart's CSV export
/// starts that cell with `'`, and no cell starts with a formula character.
fn csv_export_neutralised(ctx: &mut Ctx) -> Result<()> {
    let dir = super::access::download_dir(ctx, "e2e-downloads-robust")?;
    ctx.load_seeds()?;
    ctx.add_ok(
        "=HYPERLINK(\"http://example.com\",\"open\")\n\nThe Fifth All-Russian Congress of Soviets met in Moscow in July 1918. Of the 1,164 delegates, 773 were Bolsheviks and 353 Left SRs.\n",
        "formula-named document",
    )?;
    let csv = download(
        ctx,
        &dir,
        "factions",
        "csv",
        "faction-strength-delegates.csv",
    )?;
    let csv = String::from_utf8(csv)?;
    let rows = parse_csv(&csv);
    let cells: Vec<&String> = rows.iter().flatten().collect();
    ensure(cells.iter().any(|c| c.starts_with("'=HYPERLINK(")), || {
        format!(
            "no neutralised HYPERLINK cell in {}",
            crate::cdp::abbreviate(&csv, 400)
        )
    })?;
    let risky: Vec<&&String> = cells
        .iter()
        .filter(|c| c.starts_with(['=', '+', '-', '@', '\t', '\r']))
        .collect();
    ensure(risky.is_empty(), || {
        format!("cells a spreadsheet would run: {risky:?}")
    })?;
    ctx.reset_documents()
}

impl Ctx {
    /// Types `text` into the box and presses Add, without waiting.
    fn add_text(&mut self, text: &str) -> Result<()> {
        self.click("#add-document")?;
        self.browser.insert_text(text)?;
        self.click("#add-document-submit")
    }
}
