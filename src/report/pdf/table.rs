//! Tables in the record: the header repeats on every page the table reaches, a row is never
//! cut, neither the header nor the last row stands alone on a page, and every cell is tagged
//! (a header repeated on a further page is an artifact).

use super::page::{INK, RULE, SHADE};
use super::pager::Pager;
use super::tag::{ElemId, Kind};
use super::{MARGIN_X, SMALL};
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
        // `row`: the row's element, or none for a header repeated on a further page (furniture).
        let draw_row =
            |pager: &mut Self, cells: &[Vec<String>], h: f32, bold: bool, row: Option<ElemId>| {
                let mut x = MARGIN_X;
                let top = pager.y;
                if bold {
                    let w = pager.content_width();
                    pager.page().rect(MARGIN_X, top, w, h, SHADE, None);
                }
                for (lines, w) in cells.iter().zip(&widths) {
                    match row {
                        Some(tr) if bold => {
                            pager.begin(Kind::TH { column: true }, tr);
                        }
                        Some(tr) => {
                            pager.begin(Kind::TD, tr);
                        }
                        None => pager.furniture(),
                    }
                    for (i, l) in lines.iter().enumerate() {
                        pager
                            .page()
                            .text(x + PAD, top + PAD + i as f32 * lh, l, SMALL, bold, INK);
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
        let heights: Vec<f32> = rows
            .iter()
            .map(|r| r.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD)
            .collect();
        // The header never stands alone at the foot of a page: it goes with the first two rows.
        let lead: f32 = heights.iter().take(2).sum::<f32>().max(lh + 2.0 * PAD);
        self.need(header_h + lead);
        let table = self.tree.add(Kind::Table, self.sect);
        let head = self.tree.add(Kind::TR, table);
        draw_row(self, &header, header_h, true, Some(head));
        let mut on_page = 0;
        for (i, cells) in rows.iter().enumerate() {
            let h = heights[i];
            let fits = self.y + h <= self.bottom();
            // Nor does the last row go alone onto a new page: the one before goes with it, when
            // this page keeps two rows all the same.
            let last_alone = fits
                && on_page >= 2
                && i + 2 == rows.len()
                && self.y + h + heights[i + 1] > self.bottom();
            if !fits || last_alone {
                self.new_page();
                draw_row(self, &header, header_h, true, None);
                on_page = 0;
            }
            let tr = self.tree.add(Kind::TR, table);
            draw_row(self, cells, h, false, Some(tr));
            on_page += 1;
        }
        self.y += 10.0;
    }
}
