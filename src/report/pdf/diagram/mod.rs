//! The data-flow diagram in the record: cards sized to their names (up to two lines, then
//! "…"), each with its kind, operator and country; arrows routed apart (route.rs), each with
//! the number of fields it sends and ⚠ where a direct identifier goes unhashed; a legend of the
//! kinds shown. Drawn at its natural size where that fits, else scaled down to fit its page.

mod route;

use crate::report::figure::Figure;

use super::page::{Fonts, INK, MUTED, Page, RULE};
use route::{Geometry, Graph, Rect};

const NAME: f32 = 8.5;
const DETAIL: f32 = 7.0;
const LABEL: f32 = 6.5;
const PAD: f32 = 6.0;
const STRIPE: f32 = 4.0;
const NAME_LH: f32 = 10.5;
const DETAIL_LH: f32 = 8.8;
/// Cards are as wide as their longest name needs, within these bounds.
const MIN_CARD: f32 = 96.0;
const MAX_CARD: f32 = 150.0;
/// The legend: a row of swatches, then the note on the numbers.
const LEGEND_SIZE: f32 = 7.5;
/// Below this scale the names would be smaller than about 5 pt: the diagram goes to a page
/// of its own.
pub const MIN_SCALE: f32 = 0.6;
/// Below this scale on a page of its own, names would be smaller than about 1.7 pt, too small
/// even for a reader who zooms in: the diagram is not drawn, and the record says why.
pub const LEAST_SCALE: f32 = 0.2;
const WARN: (f32, f32, f32) = (0.80, 0.45, 0.05);

/// The diagram laid out at its natural size.
pub struct Plan {
    geometry: Geometry,
    names: Vec<Vec<String>>,
    details: Vec<Vec<String>>,
}

impl Plan {
    pub fn width(&self) -> f32 {
        self.geometry.width
    }
    pub fn height(&self) -> f32 {
        self.geometry.height
    }
}

fn rgb(c: (u8, u8, u8)) -> (f32, f32, f32) {
    (
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
    )
}

/// Columns by the cards' left-to-right position on the canvas (cards less than half a card
/// apart stand in one column), each top to bottom.
fn columns(f: &Figure) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..f.cards.len()).collect();
    order.sort_by(|&a, &b| f.cards[a].x.total_cmp(&f.cards[b].x).then(a.cmp(&b)));
    let mut cols: Vec<Vec<usize>> = Vec::new();
    let mut last_x = f32::NEG_INFINITY;
    for i in order {
        if f.cards[i].x - last_x > 100.0 || cols.is_empty() {
            cols.push(Vec::new());
            last_x = f.cards[i].x;
        }
        if let Some(col) = cols.last_mut() {
            col.push(i);
        }
    }
    for col in &mut cols {
        col.sort_by(|&a, &b| f.cards[a].y.total_cmp(&f.cards[b].y).then(a.cmp(&b)));
    }
    cols
}

pub fn plan(f: &Figure, fonts: &Fonts) -> Plan {
    let cols = columns(f);
    let inner = |w: f32| w - 2.0 * PAD - STRIPE;
    let mut col_w = vec![MIN_CARD; f.cards.len()];
    for col in &cols {
        let need = col
            .iter()
            .map(|&i| {
                let c = &f.cards[i];
                let name = fonts.bold.width(&c.name, NAME);
                let detail = c
                    .details
                    .iter()
                    .map(|d| fonts.regular.width(d, DETAIL))
                    .fold(0.0, f32::max);
                name.max(detail) + 2.0 * PAD + STRIPE + 1.0
            })
            .fold(MIN_CARD, f32::max)
            .min(MAX_CARD);
        for &i in col {
            col_w[i] = need;
        }
    }
    let names: Vec<Vec<String>> = f
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| fonts.fit(&c.name, NAME, true, inner(col_w[i]), 2))
        .collect();
    let details: Vec<Vec<String>> = f
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.details
                .iter()
                .filter_map(|d| {
                    fonts
                        .fit(d, DETAIL, false, inner(col_w[i]), 1)
                        .into_iter()
                        .next()
                })
                .collect()
        })
        .collect();
    let sizes = (0..f.cards.len())
        .map(|i| {
            let h =
                PAD + names[i].len() as f32 * NAME_LH + details[i].len() as f32 * DETAIL_LH + PAD
                    - 2.0;
            (col_w[i], h)
        })
        .collect();
    let edges = f
        .arrows
        .iter()
        .map(|a| (a.from, a.to, fonts.bold.width(&a.label, LABEL) + 4.0))
        .collect();
    let geometry = route::route(&Graph {
        columns: cols,
        sizes,
        edges,
    });
    Plan {
        geometry,
        names,
        details,
    }
}

/// The legend's lines at `width`: the swatch rows, then the note.
fn legend_lines(f: &Figure, fonts: &Fonts, width: f32) -> (Vec<Vec<usize>>, Vec<String>) {
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut x = 0.0;
    for (i, (_, label)) in f.legend.iter().enumerate() {
        let w = 14.0 + fonts.regular.width(label, LEGEND_SIZE) + 16.0;
        if x + w > width && x > 0.0 {
            rows.push(Vec::new());
            x = 0.0;
        }
        if let Some(r) = rows.last_mut() {
            r.push(i);
        }
        x += w;
    }
    (rows, fonts.wrap(&f.note, LEGEND_SIZE, false, width))
}

/// The legend's height at `width`.
pub fn legend_height(f: &Figure, fonts: &Fonts, width: f32) -> f32 {
    let (rows, note) = legend_lines(f, fonts, width);
    10.0 + rows.len() as f32 * 12.0 + note.len() as f32 * LEGEND_SIZE * 1.3
}

fn draw_legend(f: &Figure, fonts: &Fonts, page: &mut Page, x: f32, top: f32, width: f32) {
    let (rows, note) = legend_lines(f, fonts, width);
    let mut y = top + 10.0;
    for row in rows {
        let mut lx = x;
        for i in row {
            let (colour, label) = &f.legend[i];
            page.rect(lx, y, 9.0, 9.0, rgb(*colour), None);
            page.text(lx + 14.0, y + 0.5, label, LEGEND_SIZE, false, INK);
            lx += 14.0 + fonts.regular.width(label, LEGEND_SIZE) + 16.0;
        }
        y += 12.0;
    }
    for line in note {
        page.text(x, y, &line, LEGEND_SIZE, false, MUTED);
        y += LEGEND_SIZE * 1.3;
    }
}

/// Draws the diagram with its top-left corner at (`x`, `top`) at `scale`, the legend below it
/// `width` wide; returns the height used.
pub fn draw(
    plan: &Plan,
    f: &Figure,
    fonts: &Fonts,
    page: &mut Page,
    (x, top): (f32, f32),
    scale: f32,
    width: f32,
) -> f32 {
    let g = &plan.geometry;
    let at = |p: (f32, f32)| (x + p.0 * scale, top + p.1 * scale);
    let r = |b: &Rect| (x + b.x * scale, top + b.y * scale, b.w * scale, b.h * scale);
    // Arrows under the cards.
    for (path, arrow) in g.paths.iter().zip(&f.arrows) {
        let colour = if arrow.raw_identifiers { WARN } else { MUTED };
        for w in path.points.windows(2) {
            page.line(at(w[0]), at(w[1]), 0.7, colour);
        }
        if let Some(&head) = path.points.last() {
            let (hx, hy) = at(head);
            let size = 4.0 * scale.max(0.7);
            page.polygon(
                &[
                    (hx, hy),
                    (hx - size, hy - size * 0.5),
                    (hx - size, hy + size * 0.5),
                ],
                colour,
                None,
            );
        }
        let (lx, ly, lw, lh) = r(&path.label);
        let (fill, ink) = if arrow.raw_identifiers {
            (WARN, (1.0, 1.0, 1.0))
        } else {
            ((1.0, 1.0, 1.0), INK)
        };
        page.rect(lx, ly, lw, lh, fill, Some(colour));
        let size = LABEL * scale;
        let tw = fonts.bold.width(&arrow.label, size);
        page.text(
            lx + (lw - tw) / 2.0,
            ly + (lh - size) / 2.0 + 0.2 * scale,
            &arrow.label,
            size,
            true,
            ink,
        );
    }
    for (i, card) in f.cards.iter().enumerate() {
        let (cx, cy, cw, ch) = r(&g.cards[i]);
        page.rect(cx, cy, cw, ch, (1.0, 1.0, 1.0), Some(RULE));
        page.rect(cx, cy, STRIPE * scale, ch, rgb(card.colour), None);
        let tx = cx + (STRIPE + PAD) * scale;
        let mut y = cy + (PAD - 1.0) * scale;
        for line in &plan.names[i] {
            page.text(tx, y, line, NAME * scale, true, INK);
            y += NAME_LH * scale;
        }
        for line in &plan.details[i] {
            page.text(tx, y, line, DETAIL * scale, false, MUTED);
            y += DETAIL_LH * scale;
        }
    }
    let below = top + g.height * scale + 6.0;
    draw_legend(f, fonts, page, x, below, width);
    g.height * scale + 6.0 + legend_height(f, fonts, width)
}
