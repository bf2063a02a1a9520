//! Every recorded vote, grouped by event: a horizontal bar per vote split
//! into for, against and abstained, on one scale for all votes. Votes
//! recorded only as unanimous (or "by a majority") get a labelled pill
//! instead of a bar; caucus votes and polls are framed with a dashed line
//! and named, since they are not votes of the assembly.

use super::fit::fit;
use super::{
    count, key, short_name, Align, Baseline, FontSpec, Ink, KeyItem, Mark, Rect, Scale, Scene,
    Target, TextMeasure, VotePart, BAR, HEAD, LABEL, LINE, PAD, SMALL,
};
use crate::calendar::Style;
use crate::dataset::{Dataset, VoteView};
use crate::format::Join;

const BADGE: FontSpec = SMALL.bold();

/// The figures of a vote, in drawing order.
fn parts(v: &VoteView) -> [(VotePart, Option<u32>); 3] {
    [
        (VotePart::For, v.for_),
        (VotePart::Against, v.against),
        (VotePart::Abstained, v.abstained),
    ]
}

/// Whether any figure of the vote is known.
fn any_known(v: &VoteView) -> bool {
    v.for_.is_some() || v.against.is_some() || v.abstained.is_some()
}

/// Lays out all votes of `data` at `width`, with dates in the `lead` style
/// first; the height follows from the number of votes. The scene's scale
/// is the bars' track, from the first event's heading to the last vote.
pub fn layout(data: &Dataset, width: f64, lead: Style, m: &dyn TextMeasure) -> Scene {
    let mut scene = Scene::new(width, 0.0);
    let track = (width - 2.0 * PAD).max(10.0);
    let mut max = 0;
    for e in &data.events {
        for v in &e.votes {
            max = max.max(v.cast().unwrap_or(0));
        }
    }
    // Leave room beside the longest bar for the figures that do not fit inside.
    let unit = if max > 0 {
        (track - 150.0).max(track * 0.55) / f64::from(max)
    } else {
        0.0
    };
    let mut y = PAD;
    let mut items = vec![
        KeyItem::Vote(VotePart::For),
        KeyItem::Vote(VotePart::Against),
        KeyItem::Vote(VotePart::Abstained),
    ];
    for (i, event) in data.events.iter().enumerate() {
        if event.votes.is_empty() {
            continue;
        }
        let head = format!("{} · {}", short_name(event), event.date_label(lead));
        if let Some(t) = fit(m, &head, HEAD, track) {
            scene.push(Mark::text(PAD, y + 4.0, t, HEAD, Ink::Text));
        }
        y += LINE + 8.0;
        for (k, v) in event.votes.iter().enumerate() {
            let top = y;
            let (bottom, bar) = vote_row(&mut scene, v, PAD, y, track, unit, m);
            y = bottom;
            let target = Target::Vote { event: i, vote: k };
            scene.region(target, bar);
            scene.region(target, Rect::snapped(0.0, top, width, y));
            if !v.plenary && !items.contains(&KeyItem::Caucus) {
                items.push(KeyItem::Caucus);
            }
        }
        y += 6.0;
    }
    let plot = Rect::new(PAD, PAD, track, y - PAD);
    if y <= PAD {
        scene.push(Mark::text(
            PAD,
            y + 4.0,
            "No votes recorded",
            LABEL,
            Ink::Muted,
        ));
        y += LINE + 8.0;
        items.clear();
    }
    y += key(&mut scene, &items, PAD, y + 2.0, track, m) + 2.0;
    scene.height = (y + PAD).ceil();
    scene.scale = Scale { plot, unit };
    scene
}

/// One vote: its motion (with the body when not plenary) and its bar.
/// Returns the y below it and the extent of the bar.
fn vote_row(
    scene: &mut Scene,
    v: &VoteView,
    x: f64,
    y: f64,
    track: f64,
    unit: f64,
    m: &dyn TextMeasure,
) -> (f64, Rect) {
    motion(scene, v, x, y, track, m);
    let bar_y = (y + LINE + 6.0).round();
    let (mut cursor, mut beside) = figures_bar(scene, v, x, bar_y, unit, m);
    let known = cursor > x;
    if !known && (v.unanimous || v.majority) {
        cursor = no_count_pill(scene, v, x, bar_y, m);
    } else {
        beside.extend(unstated(v).into_iter().map(str::to_string));
    }
    let extent = Rect::new(x, bar_y, (cursor - x).max(0.0), BAR);
    if !v.plenary && !extent.is_empty() {
        scene.push(Mark::Outline {
            rect: Rect::new(
                extent.x - 2.0,
                extent.y - 2.0,
                extent.w + 4.0,
                extent.h + 4.0,
            ),
            ink: Ink::Muted,
            dashed: true,
        });
    }
    if !beside.is_empty() {
        let bx = cursor + 8.0;
        if let Some(t) = fit(m, &beside.joined(" · "), SMALL, x + track - bx) {
            scene.push(
                Mark::text(bx, bar_y + BAR / 2.0, t, SMALL, Ink::Muted)
                    .anchored(Align::Left, Baseline::Middle),
            );
        }
    }
    (bar_y + BAR + 8.0, extent)
}

/// The vote's motion, after a dashed badge naming the body when it is not
/// the plenary.
fn motion(scene: &mut Scene, v: &VoteView, x: f64, y: f64, track: f64, m: &dyn TextMeasure) {
    let mut text_x = x;
    if !v.plenary {
        let w = m.width(&v.body, BADGE) + 8.0;
        let badge = Rect::snapped(x, y + 1.0, x + w, y + LINE + 1.0);
        scene.push(Mark::Outline {
            rect: badge,
            ink: Ink::Muted,
            dashed: true,
        });
        scene.push(
            Mark::text(
                badge.x + 4.0,
                badge.y + badge.h / 2.0,
                v.body.clone(),
                BADGE,
                Ink::Muted,
            )
            .anchored(Align::Left, Baseline::Middle),
        );
        text_x = badge.right() + 6.0;
    }
    if let Some(t) = fit(m, &v.motion, LABEL, x + track - text_x) {
        scene.push(Mark::text(text_x, y + 2.0, t, LABEL, Ink::Text));
    }
}

/// The bar of the known figures, each labelled inside if it fits. Returns
/// where the bar ends and the figures to write beside it instead.
fn figures_bar(
    scene: &mut Scene,
    v: &VoteView,
    x: f64,
    bar_y: f64,
    unit: f64,
    m: &dyn TextMeasure,
) -> (f64, Vec<String>) {
    let mut cursor = x;
    let mut beside: Vec<String> = Vec::new();
    for (part, n) in parts(v) {
        let Some(n) = n else { continue };
        let w = (f64::from(n) * unit).round();
        if w <= 0.0 {
            beside.push(format!("{} {}", count(n), part.word()));
            continue;
        }
        let rect = Rect::new(cursor, bar_y, w, BAR);
        scene.push(Mark::Fill {
            rect,
            ink: part.ink(),
        });
        let label = count(n);
        if m.width(&label, SMALL) + 8.0 <= w {
            let ink = match part {
                VotePart::Abstained => Ink::Text,
                _ => Ink::Background,
            };
            scene.push(
                Mark::text(rect.x + w / 2.0, bar_y + BAR / 2.0, label, SMALL, ink)
                    .anchored(Align::Center, Baseline::Middle),
            );
        } else {
            beside.push(format!("{label} {}", part.word()));
        }
        cursor += w;
    }
    (cursor, beside)
}

/// A vote recorded as unanimous or by a majority, without figures: a pill
/// saying so. Returns where it ends.
fn no_count_pill(scene: &mut Scene, v: &VoteView, x: f64, bar_y: f64, m: &dyn TextMeasure) -> f64 {
    let label = if v.unanimous {
        "Unanimous, no count"
    } else {
        "Adopted by a majority, no count"
    };
    let rect = Rect::snapped(x, bar_y, x + m.width(label, SMALL) + 12.0, bar_y + BAR);
    scene.push(Mark::Fill {
        rect,
        ink: Ink::Unanimous,
    });
    scene.push(Mark::Outline {
        rect,
        ink: Ink::VoteFor,
        dashed: false,
    });
    scene.push(
        Mark::text(rect.x + 6.0, bar_y + BAR / 2.0, label, SMALL, Ink::Text)
            .anchored(Align::Left, Baseline::Middle),
    );
    rect.right()
}

/// What the bar cannot show: a missing count of those for, the outcome
/// without figures, or no figures at all.
fn unstated(v: &VoteView) -> Vec<&'static str> {
    let mut notes = Vec::new();
    if v.for_.is_none() && any_known(v) {
        notes.push("for: no count");
    }
    if v.unanimous {
        notes.push("unanimous");
    } else if v.majority && v.for_.is_none() {
        notes.push("adopted by a majority");
    }
    if !any_known(v) {
        notes.push("No figures recorded");
    }
    notes
}
