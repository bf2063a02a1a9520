//! Browser tests of the source panel, conflicts, arithmetic, calendars, lineage, added documents and safety (issue 4).
//!
//! Tests that add documents start from the seeds (stored documents are
//! cleared first) and reset to the seeds when done, so later tests see the
//! page as a first visit does.

use super::{ensure, is_segment, js, num, Ctx, Test, FIRST, SECOND, UI_TIMEOUT};
use crate::cdp::abbreviate;
use crate::Result;

/// The tests, in the order they run.
pub const TESTS: &[(&str, Test)] = &[
    ("source_panel_quote", source_panel_quote),
    ("seed_text_on_demand", seed_text_on_demand),
    ("seed_conflicts_marked", seed_conflicts_marked),
    ("arithmetic_first_congress", arithmetic_first_congress),
    ("calendar_both_styles", calendar_both_styles),
    ("faction_lineage", faction_lineage),
    ("added_document_charted", added_document_charted),
    ("worker_failure_keeps_text", worker_failure_keeps_text),
    ("panel_after_adding", panel_after_adding),
    (
        "hostile_document_runs_nothing",
        hostile_document_runs_nothing,
    ),
    ("reload_keeps_documents", reload_keeps_documents),
    ("file_and_size_limit", file_and_size_limit),
    ("panel_screenshots", panel_screenshots),
];

/// A text about a congress the seeds do not cover, written for the tests.
pub(super) const THIRD: &str = "Notes on the Third Congress\n\nThe Third All-Russian Congress of Soviets met in Petrograd from 10 to 18 January 1918. Of the 707 delegates, 441 were Bolsheviks, 205 Left SRs and 61 of other parties. The congress approved the Declaration of the Rights of the Working and Exploited People by a vote of 602 to 15.\n";

/// Records dialogs instead of showing them; installed before page scripts.
const DIALOG_TRAP: &str = "window.__dialogs = [];\
for (const k of ['alert', 'confirm', 'prompt']) { window[k] = (m) => { window.__dialogs.push(k + ':' + m); }; }";

const THIRD_ID: &str = "congress-of-soviets-3";

impl Ctx {
    /// Loads the page with no stored documents.
    pub(super) fn load_seeds(&mut self) -> Result<()> {
        self.load()?;
        let had = self.browser.evaluate(
            "(() => { const had = localStorage.getItem('soviets.documents') !== null; localStorage.clear(); return had; })()",
        )?;
        if had == true {
            self.load()?;
        }
        Ok(())
    }

    /// Types `text` into `#add-document` and presses Add; waits for the status.
    pub(super) fn add_document(&mut self, text: &str) -> Result<String> {
        self.click("#add-document")?;
        self.browser.insert_text(text)?;
        self.browser
            .evaluate("document.getElementById('document-status').textContent = ''")?;
        self.click("#add-document-submit")?;
        // The worker reads the text, then the page merges it a step per
        // task; the status says "Reading…", then "Adding…", meanwhile.
        self.browser.wait_for(
            "(() => { const t = document.getElementById('document-status').textContent; return t.length > 0 && !/^(Reading|Adding)/.test(t); })()",
            UI_TIMEOUT,
            "#document-status to report on the added document",
        )?;
        let status = self
            .browser
            .evaluate("document.getElementById('document-status').textContent")?;
        Ok(status.as_str().unwrap_or("").to_string())
    }

    /// Adds `text` and expects it to be accepted.
    pub(super) fn add_ok(&mut self, text: &str, what: &str) -> Result<()> {
        let status = self.add_document(text)?;
        ensure(status.starts_with("Added"), || {
            format!("adding the {what} said {status:?}")
        })
    }

    /// The Second Congress's Bolsheviks in the faction chart.
    pub(super) fn second_bolsheviks(&mut self) -> Result<super::Region> {
        self.find_region("faction-chart", "Second Congress Bolsheviks segment", |r| {
            is_segment(r, SECOND, "bolsheviks")
        })
    }

    /// Clicks the centre of canvas-relative region `r` of `canvas`.
    fn click_region(&mut self, canvas: &str, r: &super::Region) -> Result<()> {
        let (x, y) = self.centre_point(canvas, r)?;
        self.browser.click(x, y)
    }

    /// Waits for the panel to highlight a quote containing every needle,
    /// scrolled into its box and the viewport; returns the quote.
    fn expect_quote(&mut self, needles: &[&str], context: &str) -> Result<String> {
        let mut cond = "q.textContent.length > 0".to_string();
        for n in needles {
            cond.push_str(&format!(" && q.textContent.includes({})", js(n)));
        }
        let pred = format!(
            "(() => {{ const q = document.getElementById('source-quote'); return q && __xt.visible('#source-panel') && {cond}; }})()"
        );
        if self
            .browser
            .wait_for(&pred, UI_TIMEOUT, "the source panel")
            .is_err()
        {
            let q = self.browser.evaluate(
                "(() => { const q = document.getElementById('source-quote'); return q ? q.textContent : null; })()",
            )?;
            return Err(format!(
                "{context}: expected the source panel to highlight a quote with {needles:?}; the highlighted quote is {q}"
            )
            .into());
        }
        let seen = self.browser.evaluate(
            "(() => { const q = document.getElementById('source-quote').getBoundingClientRect(); \
             const b = document.getElementById('source-text').getBoundingClientRect(); \
             return q.top >= b.top - 1 && q.top < b.bottom && q.top >= 0 && q.top < innerHeight; })()",
        )?;
        ensure(seen == true, || {
            format!("{context}: the highlighted quote is not scrolled into view")
        })?;
        let tag = self
            .browser
            .evaluate("document.getElementById('source-quote').tagName")?;
        ensure(tag == "MARK", || {
            format!("{context}: the quote is highlighted with {tag}, not <mark>")
        })?;
        let q = self
            .browser
            .evaluate("document.getElementById('source-quote').textContent")?;
        Ok(q.as_str().unwrap_or("").to_string())
    }

    /// No Content-Security-Policy violation on the current page.
    fn expect_no_csp_violations(&mut self, context: &str) -> Result<()> {
        let csp = self
            .browser
            .evaluate("({n: window.__cspViolations, d: window.__cspDetails})")?;
        ensure(csp["n"] == 0, || {
            format!("{context}: CSP violations: {}", csp["d"])
        })
    }

    /// Resets to the seeds with the page's own control.
    /// Waits first for the page to finish adding, so the list under the
    /// button is laid out and the click lands where the button is.
    pub(super) fn reset_documents(&mut self) -> Result<()> {
        self.browser.wait_for(
            "!/^(Reading|Adding)/.test(document.getElementById('document-status').textContent)",
            UI_TIMEOUT,
            "the page to finish adding documents before the reset",
        )?;
        self.click("#reset-documents")?;
        self.browser.wait_for(
            "document.querySelectorAll('#document-list li').length === 0 && localStorage.getItem('soviets.documents') === null",
            UI_TIMEOUT,
            "the reset to remove every added document",
        )
    }
}

/// The seeds' whole texts are not in the first load: the panel shows the
/// quote at once and fetches the rest; if that fails it says so and keeps
/// the quote, and the next opening tries again.
fn seed_text_on_demand(ctx: &mut Ctx) -> Result<()> {
    let fetched = "performance.getEntriesByType('resource').filter(e => e.name.includes('/pkg/seeds/')).length";
    let text = "document.getElementById('source-text').textContent";
    ctx.browser.send("Network.enable", serde_json::json!({}))?;
    ctx.browser.send(
        "Network.setBlockedURLs",
        serde_json::json!({"urls": ["*pkg/seeds/*"]}),
    )?;
    let blocked = (|| -> Result<()> {
        ctx.load_seeds()?;
        let at_load = ctx.browser.evaluate(fetched)?;
        ensure(at_load == 0, || {
            format!("the first load fetched {at_load} seed texts")
        })?;
        let r = ctx.second_bolsheviks()?;
        ctx.click_region("faction-chart", &r)?;
        ctx.expect_quote(&["390"], "with the seed texts blocked")?;
        ctx.browser.wait_for(
            &format!("{text}.includes('could not be loaded')"),
            UI_TIMEOUT,
            "the panel to say the whole document could not be loaded",
        )?;
        let shown = ctx.browser.evaluate(text)?;
        ensure(
            !shown.as_str().unwrap_or("").contains("Glossary of Events"),
            || format!("the panel shows more than the quote: {shown}"),
        )
    })();
    ctx.browser
        .send("Network.setBlockedURLs", serde_json::json!({"urls": []}))?;
    ctx.browser.send("Network.disable", serde_json::json!({}))?;
    blocked?;
    let r = ctx.second_bolsheviks()?;
    ctx.click_region("faction-chart", &r)?;
    let whole = ctx.browser.wait_for(
        &format!("{text}.startsWith('MIA: Encyclopedia of Marxism: Glossary of Events')"),
        UI_TIMEOUT,
        "the panel to show the whole seed, fetched on the second opening",
    );
    if whole.is_err() {
        let shown = ctx.browser.evaluate(text)?;
        return Err(format!(
            "the whole seed was not shown; the panel holds {}",
            abbreviate(&shown.to_string(), 300)
        )
        .into());
    }
    ctx.expect_quote(&["390"], "after the whole text arrived")?;
    Ok(())
}

/// Clicking a segment, and Enter on a vote, opens the source with the quote
/// highlighted; the panel's facts link back to their charts.
fn source_panel_quote(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    let canvas = "faction-chart";
    let r = ctx.second_bolsheviks()?;
    ctx.click_region(canvas, &r)?;
    ctx.expect_quote(&["390"], "after clicking the Second Congress Bolsheviks")?;
    let panel = ctx.browser.evaluate(
        "({title: document.getElementById('source-title').textContent, origin: document.getElementById('source-origin').textContent, \
          facts: [...document.querySelectorAll('#source-facts li')].map(li => li.textContent)})",
    )?;
    let facts = panel["facts"].as_array().cloned().unwrap_or_default();
    ensure(
        panel["title"]
            .as_str()
            .is_some_and(|t| !t.is_empty() && t != "Source"),
        || format!("the panel shows no document title: {panel}"),
    )?;
    ensure(
        panel["origin"]
            .as_str()
            .is_some_and(|o| o.contains("Document:")),
        || format!("the panel shows no origin: {panel}"),
    )?;
    ensure(
        facts
            .iter()
            .any(|f| f.as_str().is_some_and(|f| f.contains("Bolsheviks: 390"))),
        || format!("the panel's facts do not list Bolsheviks: 390: {facts:?}"),
    )?;

    // The comparison chart's bars open theirs too.
    let c = ctx.find_region("compare-chart", "Second Congress Bolsheviks bar", |r| {
        r.kind == "compare" && r.event == SECOND && r.faction == "bolsheviks"
    })?;
    ctx.click_region("compare-chart", &c)?;
    ctx.expect_quote(
        &["390"],
        "after clicking the compared Second Congress Bolsheviks",
    )?;

    // Enter on the vote chart opens the hovered vote's sentence.
    let canvas = "vote-chart";
    let v = ctx.find_region(canvas, "the 543 to 126 vote", |r| {
        r.label.contains("543") && r.w > 0.0
    })?;
    ctx.hover_centre(canvas, &v)?;
    ctx.expect_tooltip(&["543"], "hovering the First Congress vote")?;
    ctx.browser
        .evaluate("document.getElementById('vote-chart').focus()")?;
    ctx.browser.press_key("Enter")?;
    ctx.expect_quote(&["543"], "after Enter on the First Congress vote")?;

    // A fact in the panel goes back to its chart.
    ctx.click("#source-facts button.fact-chart")?;
    ctx.browser.wait_for(
        "document.querySelector('canvas[data-linked]') !== null",
        UI_TIMEOUT,
        "a chart to outline the fact chosen in the panel",
    )?;
    ctx.click("#source-close")?;
    ctx.browser.wait_for(
        "!__xt.visible('#source-panel')",
        UI_TIMEOUT,
        "the panel to close",
    )?;
    // Escape closes it too (once the charts have been redrawn at their
    // new width, so the regions read are the ones drawn).
    ctx.browser.wait_for(
        "(() => { const c = document.getElementById('faction-chart'); \
          return Math.abs(c.width - c.getBoundingClientRect().width * devicePixelRatio) <= 1; })()",
        UI_TIMEOUT,
        "the faction chart to be redrawn at its width without the panel",
    )?;
    let r = ctx.second_bolsheviks()?;
    ctx.click_region("faction-chart", &r)?;
    ctx.expect_quote(&["390"], "reopening the panel")?;
    ctx.browser.press_key("Escape")?;
    ctx.browser.wait_for(
        "!__xt.visible('#source-panel')",
        UI_TIMEOUT,
        "Escape to close the panel",
    )?;
    ctx.expect_no_csp_violations("after using the source panel")
}

/// The four seed conflicts are listed with each value and source; the
/// contested count is marked on the chart and in its tooltip; the source
/// selector switches the figures drawn.
fn seed_conflicts_marked(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    let items = ctx.browser.evaluate(
        "[...document.querySelectorAll('#conflict-list > li')].map(li => ({event: li.dataset.event, what: li.dataset.what, \
          badge: (li.querySelector('.badge') || {}).textContent, sources: li.querySelectorAll('button.source-link').length, text: li.textContent}))",
    )?;
    let items = items.as_array().cloned().unwrap_or_default();
    for (event, what, values) in [
        (SECOND, "Menshevik-Internationalists", ["14", "6"]),
        (SECOND, "soviets represented", ["318", "402"]),
        (
            SECOND,
            "end date",
            ["26 October 1917", "27 Oct (9 Nov) 1917"],
        ),
        (FIRST, "end date", ["22 June 1917", "24 June 1917"]),
    ] {
        let item = items
            .iter()
            .find(|i| i["event"] == event && i["what"] == what)
            .ok_or_else(|| format!("#conflict-list has no entry for {event} {what}: {items:?}"))?;
        let text = item["text"].as_str().unwrap_or("");
        ensure(
            item["badge"] == "2 sources" && num(&item["sources"])? >= 2.0,
            || format!("the {event} {what} conflict lacks its badge or sources: {item}"),
        )?;
        for v in values {
            ensure(text.contains(v), || {
                format!("the {event} {what} conflict does not show {v}: {text:?}")
            })?;
        }
    }
    // On the chart: the contested segment's tooltip gives both figures.
    let canvas = "faction-chart";
    let r = ctx.find_region(canvas, "Second Congress Menshevik-Internationalists", |r| {
        is_segment(r, SECOND, "menshevik-internationalists")
    })?;
    ctx.hover_centre(canvas, &r)?;
    ctx.expect_tooltip(&["14", "Other source: 6"], "the contested segment")?;
    // The whole column lists the other disagreements with their sources.
    let col = ctx.find_region(canvas, "Second Congress column", |r| {
        r.kind == "column" && r.event == SECOND
    })?;
    ctx.hover(canvas, col.x + col.w / 2.0, col.y + 3.0)?;
    ctx.expect_tooltip(
        &[
            "sources disagree on end date",
            "sources disagree on soviets represented",
            "402",
        ],
        "the Second Congress column",
    )?;
    ctx.hover_off(canvas)?;
    // A value opens its source.
    ctx.click(
        "#conflict-list li[data-what=\"soviets represented\"] button.source-link:last-of-type",
    )?;
    let q = ctx.expect_quote(&[], "after clicking a conflicting value")?;
    ensure(
        q.contains("318") || q.contains("402") || q.contains("19"),
        || format!("the conflict's quote does not give its figure: {q:?}"),
    )?;
    // Choosing the other source draws its figure.
    ctx.choose_second_congress_source()?;
    ctx.expect_segment_tooltip(
        SECOND,
        "menshevik-internationalists",
        &["6 delegates", "Other source: 14"],
        "Menshevik-Internationalists with the other source chosen",
    )?;
    ctx.expect_no_csp_violations("after the conflicts")
}

/// The First Congress: 1,090 delegates, 784 with a full vote, 749 by
/// party, and the vote 543 + 126 + 52 = 721.
fn arithmetic_first_congress(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    let row = ctx.browser.evaluate(&format!(
        "(() => {{ const r = document.querySelector('#arithmetic tr[data-event={}]'); return r ? r.textContent : null; }})()",
        js(FIRST)
    ))?;
    let text = row
        .as_str()
        .ok_or("#arithmetic has no row for the First Congress")?;
    for needle in [
        "1,090 delegates",
        "784 with a full vote",
        "285 + 248 + 105 + 111 = 749 of 784",
        "35 not assigned to any faction",
        "543 + 126 + 52 = 721 of 784",
        "63 not recorded as voting",
    ] {
        ensure(text.contains(needle), || {
            format!(
                "the First Congress arithmetic lacks {needle:?}: {:?}",
                abbreviate(text, 400)
            )
        })?;
    }
    // Each figure opens its sentence: the stated total, then the vote.
    let row = format!("#arithmetic tr[data-event=\"{FIRST}\"]");
    ctx.click(&format!("{row} td button.source-link"))?;
    ctx.expect_quote(&["1,090"], "the First Congress's stated total")?;
    ctx.click(&format!("{row} td:last-child p:nth-child(2) button"))?;
    ctx.expect_quote(&["543"], "the First Congress's vote")?;
    Ok(())
}

/// 1917 dates show both styles, the toggle puts New Style first, and a
/// date whose style is unstated says so.
fn calendar_both_styles(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    let canvas = "faction-chart";
    let r = ctx.second_bolsheviks()?;
    ctx.hover_centre(canvas, &r)?;
    ctx.expect_tooltip(&["25–27 Oct (7–9 Nov) 1917"], "Old Style first")?;
    ctx.hover_off(canvas)?;
    let first = ctx.find_region(canvas, "First Congress column", |r| {
        r.kind == "column" && r.event == FIRST
    })?;
    ctx.hover(canvas, first.x + first.w / 2.0, first.y + 3.0)?;
    ctx.expect_tooltip(&["style not stated"], "the First Congress's unstated style")?;
    ctx.hover_off(canvas)?;
    ctx.click("#calendar-new-first")?;
    ctx.browser.wait_for(
        "document.documentElement.dataset.calendar === 'new'",
        UI_TIMEOUT,
        "the page to put New Style first",
    )?;
    ctx.hover_centre(canvas, &r)?;
    ctx.expect_tooltip(&["7–9 Nov (25–27 Oct) 1917"], "New Style first")?;
    ctx.hover_off(canvas)?;
    let option = ctx.browser.evaluate(&format!(
        "[...document.getElementById('compare-a').options].find(o => o.value === {}).textContent",
        js(SECOND)
    ))?;
    ensure(
        option
            .as_str()
            .is_some_and(|o| o.contains("7–9 Nov (25–27 Oct) 1917")),
        || format!("the compare option does not lead with New Style: {option}"),
    )
}

/// The lineage view: SRs → Left and Right SRs, Mensheviks →
/// Menshevik-Internationalists, Bolsheviks → Communists.
fn faction_lineage(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    for (parent, child) in [
        ("srs", "left-srs"),
        ("srs", "right-srs"),
        ("mensheviks", "menshevik-internationalists"),
        ("bolsheviks", "communists"),
    ] {
        let found = ctx.browser.evaluate(&format!(
            "!!document.querySelector('#lineage > li[data-faction={}] li[data-faction={}]')",
            js(parent),
            js(child)
        ))?;
        ensure(found == true, || {
            format!("#lineage does not show {parent} → {child}")
        })?;
    }
    Ok(())
}

/// A document about the Third Congress joins the charts and the compare
/// selectors, marked as added, and its numbers show on hover; a text with
/// nothing to chart is refused with a message saying what was looked for; the
/// A document added while the panel is open leaves the panel working:
/// its facts still open their sentences, and Escape still closes it.
fn panel_after_adding(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    let r = ctx.second_bolsheviks()?;
    ctx.click_region("faction-chart", &r)?;
    ctx.expect_quote(&["390"], "before adding a document")?;
    ctx.add_ok(THIRD, "Third Congress text")?;
    // Unmark the old highlight, so only a new one satisfies the wait.
    ctx.browser
        .evaluate("document.getElementById('source-quote').removeAttribute('id')")?;
    ctx.click("#source-facts button.fact-quote")?;
    ctx.browser.wait_for(
        "!!document.getElementById('source-quote') && __xt.visible('#source-panel')",
        UI_TIMEOUT,
        "a fact of the open document to open its sentence after the addition",
    )?;
    ctx.browser.press_key("Escape")?;
    ctx.browser.wait_for(
        "!__xt.visible('#source-panel')",
        UI_TIMEOUT,
        "Escape to close the panel after the addition",
    )?;
    ctx.load_seeds()
}

/// document can be removed.
fn added_document_charted(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    // The parser is fetched with the first added document, not before.
    let fetched = "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('worker'))";
    let before = ctx.browser.evaluate(fetched)?;
    ensure(before.as_array().is_some_and(Vec::is_empty), || {
        format!("the first load fetched the parsing worker: {before}")
    })?;
    ctx.add_ok(THIRD, "Third Congress text")?;
    // ...and then it is (so the check above can see it at all).
    let after = ctx.browser.evaluate(fetched)?;
    ensure(
        after.as_array().is_some_and(|a| {
            a.iter()
                .any(|n| n.as_str().is_some_and(|n| n.ends_with("worker.js")))
        }),
        || format!("adding a document fetched no worker.js: {after}"),
    )?;
    let canvas = "faction-chart";
    let r = ctx.find_region(canvas, "Third Congress Bolsheviks segment", |r| {
        is_segment(r, THIRD_ID, "bolsheviks")
    })?;
    ctx.hover_centre(canvas, &r)?;
    ctx.expect_tooltip(
        &[
            "Third",
            "441",
            "707",
            "From a document you added",
            "Notes on the Third Congress",
        ],
        "the added Third Congress",
    )?;
    ctx.hover_off(canvas)?;
    ctx.find_region(
        canvas,
        "the Third Congress column, labelled as yours",
        |r| r.kind == "column" && r.event == THIRD_ID && r.label.ends_with("(yours)"),
    )?;
    let option = ctx.browser.evaluate(&format!(
        "(() => {{ const o = [...document.getElementById('compare-b').options].find(o => o.value === {}); return o ? o.textContent : null; }})()",
        js(THIRD_ID)
    ))?;
    ensure(
        option.as_str().is_some_and(|o| o.contains("your document")),
        || format!("the compare selector has no marked Third Congress: {option}"),
    )?;
    let v = ctx.find_region("vote-chart", "the added vote", |r| {
        r.event == THIRD_ID && r.label.contains("602")
    })?;
    ctx.click_region("vote-chart", &v)?;
    ctx.expect_quote(&["602 to 15"], "clicking the added vote")?;

    let status = ctx.add_document("Hello. This is a note about nothing in particular.")?;
    ensure(
        status.contains("Nothing to chart") && status.contains("looks for"),
        || format!("a text with nothing in it said {status:?}"),
    )?;
    // Naming a congress the seeds chart, with nothing about it, adds nothing.
    let status =
        ctx.add_document("The Second All-Russian Congress of Soviets is still remembered.")?;
    ensure(
        status.contains("Nothing to chart") && status.contains("It names"),
        || format!("a text that only names the Second Congress said {status:?}"),
    )?;

    ctx.click("#document-list button[data-remove]")?;
    ctx.browser.wait_for(
        &format!(
            "!window.soviets.regions('faction-chart').some(r => r.event === {})",
            js(THIRD_ID)
        ),
        UI_TIMEOUT,
        "the removed document's events to leave the chart",
    )?;
    ctx.expect_no_csp_violations("after adding documents")?;
    ctx.reset_documents()
}

/// A worker that fails to start (here its script is missing) leaves the
/// text in the box with a sentence saying why, and the page working.
fn worker_failure_keeps_text(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    // The page makes its worker on the first document: point it elsewhere.
    ctx.browser.evaluate(
        "(() => { const W = window.Worker; window.Worker = function (url, opts) { return new W('no-such-script.js', opts); }; })()",
    )?;
    let status = ctx.add_document(THIRD)?;
    ensure(
        status.contains("could not be read") && status.contains("text is kept"),
        || format!("with no worker, adding said {status:?}"),
    )?;
    let kept = ctx.browser.evaluate(
        "document.getElementById('add-document').value.includes('441 were Bolsheviks')",
    )?;
    ensure(kept == true, || "the text left the box".into())?;
    // The missing script is the only console error.
    let errors = ctx.browser.take_errors()?;
    ensure(errors.iter().all(|e| e.contains("no-such-script")), || {
        format!("unexpected console errors: {errors:?}")
    })?;
    let r = ctx.second_bolsheviks()?;
    ctx.hover_centre("faction-chart", &r)?;
    ctx.expect_tooltip(&["390"], "the page after the worker failed")?;
    ctx.load_seeds()
}

/// A document of hostile HTML is shown as text: no dialog, no new element
/// anywhere outside the panel's text, no CSP violation.
fn hostile_document_runs_nothing(ctx: &mut Ctx) -> Result<()> {
    ctx.browser.add_init_script(DIALOG_TRAP)?;
    ctx.load_seeds()?;
    // Elements a hostile text could inject, outside the panel, and any
    // element in the panel's text other than the highlight.
    let count = "(() => { const out = (sel) => [...document.querySelectorAll(sel)].filter(e => !e.closest('#source-panel')).length; \
        return {img: out('img'), script: out('script'), svg: out('svg'), iframe: out('iframe'), \
        links: document.querySelectorAll('a[href^=\"javascript\"]').length, \
        injected: document.querySelectorAll('#source-text *:not(mark), #source-facts img, #source-facts script').length}; })()";
    let before = ctx.browser.evaluate(count)?;
    let hostile = "<img src=x onerror=alert(1)> <script>alert(2)</script>\n\n\
        The Fourth All-Russian Congress of Soviets met in Moscow from 14 to 16 March 1918. \
        Of the 1,232 delegates, 795 were Bolsheviks <img src=x onerror=alert(3)> and 284 Left SRs. \
        See <a href=\"javascript:alert(4)\">the record</a> <svg onload=alert(5)></svg>.\n";
    ctx.add_ok(hostile, "hostile document")?;
    let canvas = "faction-chart";
    let r = ctx.find_region(canvas, "the hostile document's Bolsheviks", |r| {
        is_segment(r, "congress-of-soviets-4", "bolsheviks")
    })?;
    ctx.hover_centre(canvas, &r)?;
    ctx.expect_tooltip(&["795"], "the hostile document's figure")?;
    ctx.click_region(canvas, &r)?;
    ctx.expect_quote(
        &["795", "<img src=x onerror=alert(3)>"],
        "the hostile document's quote",
    )?;
    let shown = ctx.browser.evaluate(
        "document.getElementById('source-text').textContent.includes('<script>alert(2)</script>') && \
         document.getElementById('source-title').textContent.includes('<img')",
    )?;
    ensure(shown == true, || {
        "the hostile markup is not shown as text in the panel".into()
    })?;
    let after = ctx.browser.evaluate(count)?;
    ensure(after == before, || {
        format!("elements appeared: before {before}, after {after}")
    })?;
    let dialogs = ctx.browser.evaluate("window.__dialogs")?;
    ensure(dialogs.as_array().is_some_and(Vec::is_empty), || {
        format!("a dialog was opened: {dialogs}")
    })?;
    ctx.expect_no_csp_violations("after the hostile document")?;
    ctx.reset_documents()
}

/// Added documents survive a reload; "reset to seeds" clears them.
fn reload_keeps_documents(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    ctx.add_ok(THIRD, "Third Congress text")?;
    ctx.browser.reload()?;
    ctx.wait_ready()?;
    let has_third = format!(
        "window.soviets.regions('faction-chart').some(r => r.event === {})",
        js(THIRD_ID)
    );
    ctx.browser.wait_for(
        &format!(
            "{has_third} && document.querySelectorAll('#document-list li').length === 1 && \
             document.getElementById('document-status').textContent.startsWith('Restored')"
        ),
        UI_TIMEOUT,
        "the added document to be charted and listed after a reload",
    )?;
    ctx.reset_documents()?;
    ctx.browser.reload()?;
    ctx.wait_ready()?;
    let still = ctx.browser.evaluate(&has_third)?;
    ensure(still == false, || {
        "the reset document came back after a reload".into()
    })?;
    // Corrupt stored data gives a message, not a broken page.
    ctx.browser
        .evaluate("localStorage.setItem('soviets.documents', '{not json')")?;
    ctx.browser.reload()?;
    ctx.wait_ready()?;
    ctx.browser.wait_for(
        "document.getElementById('document-status').textContent.includes('could not be read')",
        UI_TIMEOUT,
        "a message about the unreadable stored documents",
    )?;
    ctx.browser
        .evaluate("localStorage.removeItem('soviets.documents')")?;
    ctx.expect_no_csp_violations("after reloads")
}

/// A `.txt` file chosen with the file input, or dropped on the page, is
/// added like pasted text; a text just under 1 MB is read (the time is
/// printed) and one over it is refused with a message.
fn file_and_size_limit(ctx: &mut Ctx) -> Result<()> {
    ctx.load_seeds()?;
    let path = std::env::temp_dir().join(format!("soviets-e2e-{}-third.txt", std::process::id()));
    std::fs::write(&path, THIRD)?;
    let input = ctx.browser.send(
        "Runtime.evaluate",
        serde_json::json!({"expression": "document.getElementById('add-document-file')"}),
    )?;
    let object = input["result"]["objectId"]
        .as_str()
        .ok_or("#add-document-file is not in the page")?
        .to_string();
    ctx.browser.send(
        "DOM.setFileInputFiles",
        serde_json::json!({"files": [path.to_string_lossy()], "objectId": object}),
    )?;
    let waited = ctx.browser.wait_for(
        &format!(
            "window.soviets.regions('faction-chart').some(r => r.event === {}) && \
             document.getElementById('document-status').textContent.startsWith('Added “soviets-e2e')",
            js(THIRD_ID)
        ),
        UI_TIMEOUT,
        "the chosen file's congress to be charted",
    );
    waited?;
    ctx.reset_documents()?;
    // The same file dropped on the page, through the browser's drag input.
    let at = ctx.browser.evaluate("__xt.box('#add-document')")?;
    for kind in ["dragEnter", "dragOver", "drop"] {
        ctx.browser.send(
            "Input.dispatchDragEvent",
            serde_json::json!({"type": kind, "x": num(&at["x"])?, "y": num(&at["y"])?,
                "data": {"items": [], "files": [path.to_string_lossy()], "dragOperationsMask": 1}}),
        )?;
    }
    let dropped = ctx.browser.wait_for(
        &format!(
            "window.soviets.regions('faction-chart').some(r => r.event === {}) && \
             document.getElementById('document-status').textContent.startsWith('Added “soviets-e2e')",
            js(THIRD_ID)
        ),
        UI_TIMEOUT,
        "the dropped file's congress to be charted",
    );
    let _ = std::fs::remove_file(&path);
    dropped?;
    ctx.reset_documents()?;

    // Just under 1 MB: accepted, and timed. The dense text (a fact in
    // every sentence) is the worst case; a seed's prose is typical.
    let seed =
        std::fs::read_to_string(crate::tools::root().join("seeds/003_098b4567920581ad.txt"))?;
    for (what, unit) in [("dense facts", THIRD), ("seed prose", seed.as_str())] {
        let filled = ctx.browser.evaluate(&format!(
            "(() => {{ const unit = {}; const t = document.getElementById('add-document'); \
              t.value = unit.repeat(Math.floor(1048000 / unit.length)); \
              document.getElementById('document-status').textContent = ''; return t.value.length; }})()",
            js(unit)
        ))?;
        ensure(num(&filled)? > 1_000_000.0, || {
            format!("the large text is only {filled} bytes")
        })?;
        ctx.click("#add-document-submit")?;
        ctx.browser.wait_for(
            "document.getElementById('document-status').textContent.startsWith('Added')",
            std::time::Duration::from_secs(20),
            "the 1 MB text to be added",
        )?;
        let status = ctx
            .browser
            .evaluate("document.getElementById('document-status').textContent")?;
        let status = status.as_str().unwrap_or("");
        ensure(status.contains("in the background"), || {
            format!("the worker did not read the {what} text: {status:?}")
        })?;
        if let Some(ms) = status.split("read in ").nth(1) {
            println!(
                "    reading a {:.2} MB document ({what}): {}",
                num(&filled)? / 1_048_576.0,
                ms.split(')').next().unwrap_or(ms)
            );
        }
        ctx.reset_documents()?;
    }

    ctx.browser.evaluate(
        "(() => { const t = document.getElementById('add-document'); t.value = 'The Fourth Congress. '.repeat(55000); \
          document.getElementById('document-status').textContent = ''; })()",
    )?;
    ctx.click("#add-document-submit")?;
    ctx.browser.wait_for(
        "document.getElementById('document-status').textContent.includes('limit is 1 MB')",
        UI_TIMEOUT,
        "a text over 1 MB to be refused",
    )?;
    ctx.browser
        .evaluate("document.getElementById('add-document').value = ''")?;
    ctx.expect_no_csp_violations("after the file and the large texts")
}

/// The open panel at desktop and phone width: screenshots, and no sideways
/// scroll on a phone.
fn panel_screenshots(ctx: &mut Ctx) -> Result<()> {
    let result = (|| -> Result<()> {
        for (width, height, scale, file) in [
            (1280, 900, 1.0, "panel.png"),
            (360, 740, 2.0, "panel-360.png"),
        ] {
            ctx.browser.set_viewport(width, height, scale)?;
            ctx.load_seeds()?;
            let canvas = "faction-chart";
            let r = ctx.second_bolsheviks()?;
            ctx.click_region(canvas, &r)?;
            ctx.expect_quote(&["390"], &format!("at {width} px"))?;
            let path = ctx.screenshots.join(file);
            ctx.browser.screenshot(&path, false)?;
            let sw = ctx
                .browser
                .evaluate("document.documentElement.scrollWidth")?;
            ensure(num(&sw)? <= f64::from(width), || {
                format!("with the panel open at {width} px the page scrolls sideways: scrollWidth is {sw}")
            })?;
            println!("    saved {}", path.display());
        }
        // The audit views and the form, as a reader scrolls to them.
        for (width, height, scale, suffix) in [(1280, 900, 1.0, ""), (360, 740, 2.0, "-360")] {
            ctx.browser.set_viewport(width, height, scale)?;
            ctx.load_seeds()?;
            ctx.add_document(THIRD)?;
            for (sel, name) in [
                ("#strength-title", "added"),
                ("#audit-title", "audit"),
                ("#lineage", "lineage"),
            ] {
                ctx.browser.evaluate(&format!(
                    "(async () => {{ document.querySelector({}).scrollIntoView({{block: 'start', behavior: 'instant'}}); await __xt.settle(); }})()",
                    js(sel)
                ))?;
                let path = ctx.screenshots.join(format!("{name}{suffix}.png"));
                ctx.browser.screenshot(&path, false)?;
                println!("    saved {}", path.display());
            }
            let sw = ctx
                .browser
                .evaluate("document.documentElement.scrollWidth")?;
            ensure(num(&sw)? <= f64::from(width), || {
                format!("with an added document at {width} px the page scrolls sideways: scrollWidth is {sw}")
            })?;
            ctx.reset_documents()?;
        }
        Ok(())
    })();
    ctx.browser.set_viewport(1280, 900, 1.0)?;
    result
}
