//! The page frame: under a rule at the foot of every page, the organisation (left), the
//! record's title (centre) and "page N of M" (right). Each part keeps its own column: when the
//! organisation's name and the title do not fit side by side, they share the room in
//! proportion to their length and wrap to two lines, and only beyond that are shortened
//! with "…" (the cover has the name in full).

use super::page::{Fonts, MUTED, Page, RULE};
use super::{MARGIN_X, SMALL};

const GAP: f32 = 12.0;
const LINES: usize = 2;

/// The three parts of every page's footer.
pub(super) struct Footer<'a> {
    pub organisation: &'a str,
    pub title: &'a str,
    /// "page {n} of {total}".
    pub label: &'a str,
    pub total: usize,
}

/// Where the left and centre parts go on a page `width` wide: (x, column width) each, and
/// their lines.
struct Placed {
    left: Vec<String>,
    centre: Vec<String>,
    centre_x: f32,
    centre_w: f32,
    shortened: bool,
}

fn place(fonts: &Fonts, f: &Footer<'_>, width: f32) -> Placed {
    let m = &fonts.regular;
    // The widest page label, so that every page's parts stand in the same place.
    let widest = f
        .label
        .replace("{n}", &f.total.to_string())
        .replace("{total}", &f.total.to_string());
    let right = m.width(&widest, SMALL);
    let room = width - 2.0 * MARGIN_X - right - 2.0 * GAP;
    let (lw, cw) = (m.width(f.organisation, SMALL), m.width(f.title, SMALL));
    if lw + cw <= room {
        // Side by side: the title centred on the page where that leaves the others room.
        let x = ((width - cw) / 2.0)
            .max(MARGIN_X + lw + GAP)
            .min(width - MARGIN_X - right - GAP - cw);
        return Placed {
            left: vec![f.organisation.to_owned()],
            centre: vec![f.title.to_owned()],
            centre_x: x,
            centre_w: cw,
            shortened: false,
        };
    }
    // Shared in proportion to their length, neither below a third.
    let share = (lw / (lw + cw)).clamp(1.0 / 3.0, 2.0 / 3.0);
    let left_w = room * share;
    let centre_w = room - left_w;
    let left = fonts.fit(f.organisation, SMALL, false, left_w, LINES);
    let centre = fonts.fit(f.title, SMALL, false, centre_w, LINES);
    let cut = |lines: &[String]| lines.last().is_some_and(|l| l.ends_with('…'));
    Placed {
        shortened: cut(&left) && !f.organisation.ends_with('…'),
        left,
        centre,
        centre_x: MARGIN_X + left_w + GAP,
        centre_w,
    }
}

/// Draws the footer of page `n` (from 1); true when the organisation's name had to be shortened.
pub(super) fn draw(
    page: &mut Page,
    fonts: &Fonts,
    f: &Footer<'_>,
    n: usize,
    width: f32,
    height: f32,
) -> bool {
    let placed = place(fonts, f, width);
    let top = height - 40.0;
    page.line(
        (MARGIN_X, top - 6.0),
        (width - MARGIN_X, top - 6.0),
        0.4,
        RULE,
    );
    let lh = SMALL * 1.2;
    for (i, line) in placed.left.iter().enumerate() {
        page.text(MARGIN_X, top + i as f32 * lh, line, SMALL, false, MUTED);
    }
    for (i, line) in placed.centre.iter().enumerate() {
        let w = fonts.regular.width(line, SMALL);
        let x = placed.centre_x + (placed.centre_w - w).max(0.0) / 2.0;
        page.text(x, top + i as f32 * lh, line, SMALL, false, MUTED);
    }
    let label = f
        .label
        .replace("{n}", &n.to_string())
        .replace("{total}", &f.total.to_string());
    let w = fonts.regular.width(&label, SMALL);
    page.text(width - MARGIN_X - w, top, &label, SMALL, false, MUTED);
    placed.shortened
}
