//! The data-flow diagram, drawn as vectors with the same layered layout as the app's canvas,
//! scaled to the space left on the page.

use crate::layout::{self, Grid};
use crate::model::{NodeKind, Project};

use super::page::{INK, MUTED, Page, RULE};
use super::{Cleaner, Fonts};

fn kind_colour(kind: &NodeKind) -> (f32, f32, f32) {
    // The app's colours, so that the record and the canvas look alike.
    let (r, g, b) = layout::kind_rgb(kind);
    (r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0)
}

/// Draws the diagram in the box at (`x`, `top`), `width` wide and at most `max_height` high.
/// Returns the height used.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    p: &Project,
    fonts: &Fonts,
    clean: &mut Cleaner,
    page: &mut Page,
    x: f32,
    top: f32,
    width: f32,
    max_height: f32,
) -> f32 {
    let grid = Grid::default();
    let positions = layout::complete(p, grid).positions;
    let Some((min_x, min_y, max_x, max_y)) = layout::bounds(p, &positions, grid) else {
        return 0.0;
    };
    let at = |id: &str| positions.get(id).copied().unwrap_or_default();
    let scale = (width / (max_x - min_x))
        .min(max_height.max(120.0) / (max_y - min_y))
        .min(0.8);
    let map = |px: f32, py: f32| (x + (px - min_x) * scale, top + (py - min_y) * scale);
    let (cw, ch) = (grid.card_width * scale, grid.card_height * scale);

    // Arrows first, under the cards.
    for f in &p.flows {
        let (a, b) = (at(f.from.as_str()), at(f.to.as_str()));
        let from = map(a.x + grid.card_width, a.y + grid.card_height / 2.0);
        let to = map(b.x, b.y + grid.card_height / 2.0);
        page.line(from, to, 0.7, MUTED);
        // The head, pointing along the arrow.
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        let len = (dx * dx + dy * dy).sqrt().max(0.01);
        let (ux, uy) = (dx / len, dy / len);
        let size = (5.0 * scale / 0.6).clamp(2.5, 5.0);
        let back = (to.0 - ux * size, to.1 - uy * size);
        page.polygon(
            &[
                to,
                (back.0 - uy * size * 0.5, back.1 + ux * size * 0.5),
                (back.0 + uy * size * 0.5, back.1 - ux * size * 0.5),
            ],
            MUTED,
            None,
        );
    }
    // Cards.
    let name_size = (11.0 * scale).clamp(4.5, 9.0);
    let detail_size = (name_size * 0.82).max(4.0);
    for n in &p.nodes {
        let q = at(n.id.as_str());
        let (cx, cy) = map(q.x, q.y);
        page.rect(cx, cy, cw, ch, (1.0, 1.0, 1.0), Some(RULE));
        page.rect(
            cx,
            cy,
            (6.0 * scale).max(2.0),
            ch,
            kind_colour(&n.kind),
            None,
        );
        let text_x = cx + (10.0 * scale).max(3.0);
        let room = cw - (text_x - cx) - 2.0;
        let name = clean.clean(&n.name);
        let name = fonts
            .fit(&name, name_size, true, room, 1)
            .into_iter()
            .next()
            .unwrap_or_default();
        page.text(text_x, cy + ch * 0.18, &name, name_size, true, INK);
        let detail = clean.clean(&format!("{} · {}", n.operator, n.country));
        let detail = fonts
            .fit(&detail, detail_size, false, room, 1)
            .into_iter()
            .next()
            .unwrap_or_default();
        page.text(text_x, cy + ch * 0.55, &detail, detail_size, false, MUTED);
    }
    (max_y - min_y) * scale
}
