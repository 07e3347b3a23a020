//! Tables in the record: the header repeats on every page the table reaches, a row is never
//! cut (unless it is taller than a page: then its lines continue on the next), neither the
//! header nor the last row stands alone on a page, and every cell is tagged (a header repeated
//! on a further page is an artifact).

use super::page::{INK, MUTED, RULE, SHADE};
use super::pager::Pager;
use super::tag::{ElemId, Kind, Marking};
use super::{MARGIN_TOP, MARGIN_X, SMALL};
use crate::report::document::Table;

impl Pager<'_> {
    /// A table: the header repeats on every page the table reaches, and a row is never cut.
    pub(super) fn table(&mut self, t: &Table) {
        let total: f32 = t.columns.iter().map(|(_, w)| w).sum::<f32>().max(0.01);
        let widths: Vec<f32> = t
            .columns
            .iter()
            .map(|(_, w)| w / total * self.content_width())
            .collect();
        const PAD: f32 = 3.0;
        let lh = Self::line_height(SMALL);
        let wrap_row = |cells: &[String], bold: bool| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| self.fonts.wrap(c, SMALL, bold, w - 2.0 * PAD))
                .collect()
        };
        let header_titles: Vec<String> = t.columns.iter().map(|(c, _)| c.clone()).collect();
        let header = wrap_row(&header_titles, true);
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD;
        let rows: Vec<Vec<Vec<String>>> = t.rows.iter().map(|r| wrap_row(r, false)).collect();
        // One part of a row: lines `from..to` of each cell, each cell's text marked as its
        // element's (none: a header repeated on a further page, which is furniture).
        let draw_part = |pager: &mut Self,
                         cells: &[Vec<String>],
                         (from, to): (usize, usize),
                         bold: bool,
                         elems: Option<&[(ElemId, Kind)]>| {
            let h = (to - from).max(1) as f32 * lh + 2.0 * PAD;
            let mut x = MARGIN_X;
            let top = pager.y;
            if bold {
                let w = pager.content_width();
                pager.page().rect(MARGIN_X, top, w, h, SHADE, None);
            }
            for (k, (lines, w)) in cells.iter().zip(&widths).enumerate() {
                pager.marking = match elems.and_then(|e| e.get(k)) {
                    Some(&(elem, kind)) => Marking::Of(elem, kind),
                    None => Marking::Artifact,
                };
                // A cell that ended on an earlier page is repeated, muted and as furniture, on
                // the pages the row continues on: they say which row they continue.
                let (part, colour) = if from > 0 && lines.len() <= from {
                    pager.marking = Marking::Artifact;
                    (&lines[..lines.len().min(to - from)], MUTED)
                } else {
                    (&lines[from.min(lines.len())..to.min(lines.len())], INK)
                };
                for (i, l) in part.iter().enumerate() {
                    pager
                        .page()
                        .text(x + PAD, top + PAD + i as f32 * lh, l, SMALL, bold, colour);
                }
                x += w;
            }
            pager.furniture();
            pager.y += h;
            let w = pager.content_width();
            let y = pager.y;
            pager
                .page()
                .line((MARGIN_X, y), (MARGIN_X + w, y), 0.3, RULE);
        };
        let count = |cells: &[Vec<String>]| cells.iter().map(Vec::len).max().unwrap_or(1);
        let header_lines = (0, count(&header));
        let heights: Vec<f32> = rows
            .iter()
            .map(|r| count(r) as f32 * lh + 2.0 * PAD)
            .collect();
        // What a further page holds below its running head (two lines at most) and the header.
        let further_top = self
            .body_top()
            .max(MARGIN_TOP + 2.0 * Self::line_height(SMALL + 0.5) + 12.0);
        let page_room = self.bottom() - further_top - header_h;
        // The header never stands alone at the foot of a page: it goes with the first two rows
        // (with the first two lines of a row that is cut anyway).
        let lead: f32 = heights
            .iter()
            .take(2)
            .map(|&h| {
                if h > page_room {
                    2.0 * lh + 2.0 * PAD
                } else {
                    h
                }
            })
            .sum::<f32>()
            .max(lh + 2.0 * PAD);
        self.need(header_h + lead);
        let table = self.tree.add(Kind::Table, self.sect);
        let head = self.tree.add(Kind::TR, table);
        let head_cells = cells_of(self, head, t.columns.len(), Kind::TH { column: true });
        draw_part(self, &header, header_lines, true, Some(&head_cells));
        // A further page: the header again, as furniture.
        let turn = |pager: &mut Self| {
            pager.new_page();
            draw_part(pager, &header, header_lines, true, None);
        };
        let mut on_page = 0;
        for (i, cells) in rows.iter().enumerate() {
            let h = heights[i];
            let tr = self.tree.add(Kind::TR, table);
            let elems = cells_of(self, tr, cells.len(), Kind::TD);
            let n = count(cells);
            if h > page_room {
                // A row taller than a page is the one row that is cut: its lines continue on
                // the next pages under the header, at least two of them on each.
                let bottom = self.bottom();
                let fit = |y: f32| ((bottom - y - 2.0 * PAD) / lh).floor().max(0.0) as usize;
                if fit(self.y) < 2 {
                    turn(self);
                }
                let mut from = 0;
                while from < n {
                    let mut take = fit(self.y).max(2).min(n - from);
                    if n - from - take == 1 && take > 2 {
                        take -= 1;
                    }
                    draw_part(self, cells, (from, from + take), false, Some(&elems));
                    from += take;
                    if from < n {
                        turn(self);
                    }
                }
                on_page = 1;
                continue;
            }
            let fits = self.y + h <= self.bottom();
            // Nor does the last row go alone onto a new page: the one before goes with it, when
            // this page keeps two rows all the same.
            let last_alone = fits
                && on_page >= 2
                && i + 2 == rows.len()
                && self.y + h + heights[i + 1] > self.bottom();
            if !fits || last_alone {
                turn(self);
                on_page = 0;
            }
            draw_part(self, cells, (0, n), false, Some(&elems));
            on_page += 1;
        }
        self.y += 10.0;
    }
}

/// The cells of a row, as elements of `kind` under the row `tr`.
fn cells_of(pager: &mut Pager<'_>, tr: ElemId, n: usize, kind: Kind) -> Vec<(ElemId, Kind)> {
    (0..n).map(|_| (pager.tree.add(kind, tr), kind)).collect()
}
