//! Laying the record out page by page: where the next line goes, when a page is full, tables
//! that continue on the next page with their header and never cut a row.

use super::diagram;
use super::nav::Place;
use super::page::{ACCENT, Fonts, INK, MUTED, Page, RULE};
use super::tag::{ElemId, Kind, Marking, ROOT, Tree};
use super::{BODY, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, Paper, SMALL};
use crate::report::figure::Figure;

/// Lays the record out page by page.
pub(super) struct Pager<'a> {
    pub(super) fonts: &'a Fonts,
    pub(super) width: f32,
    pub(super) height: f32,
    pub(super) pages: Vec<Page>,
    pub(super) y: f32,
    /// "{title} (continued)", in the record's language.
    continued: &'a str,
    /// The head of the current section's further pages, once a section has begun.
    running: Option<String>,
    /// Where the current page's body begins (below its head).
    top: f32,
    /// The paper's width and height, upright.
    paper: (f32, f32),
    /// Whether new pages are turned (for a wide diagram).
    pub(super) landscape: bool,
    /// The logical structure of what has been laid out, for the tagged PDF.
    pub(super) tree: Tree,
    /// The section being laid out (the document, before the first).
    pub(super) sect: ElemId,
    /// What the text drawn next belongs to.
    pub(super) marking: Marking,
}

impl<'a> Pager<'a> {
    pub(super) fn new(fonts: &'a Fonts, paper: Paper, continued: &'a str) -> Self {
        let (width, height) = paper.size();
        Self {
            fonts,
            width,
            height,
            pages: Vec::new(),
            y: MARGIN_TOP,
            continued,
            running: None,
            top: MARGIN_TOP,
            paper: (width, height),
            landscape: false,
            tree: Tree::default(),
            sect: ROOT,
            marking: Marking::Artifact,
        }
    }

    /// The text drawn from now on belongs to a new element of `kind` under `parent`.
    pub(super) fn begin(&mut self, kind: Kind, parent: ElemId) -> ElemId {
        let e = self.tree.add(kind, parent);
        self.marking = Marking::Of(e, kind);
        e
    }

    /// What is drawn from now on is page furniture.
    pub(super) fn furniture(&mut self) {
        self.marking = Marking::Artifact;
    }

    pub(super) fn content_width(&self) -> f32 {
        self.width - 2.0 * MARGIN_X
    }

    /// Where the current page's body begins, below its running head.
    pub(super) fn body_top(&self) -> f32 {
        self.top
    }

    pub(super) fn bottom(&self) -> f32 {
        self.height - MARGIN_BOTTOM
    }

    pub(super) fn new_page(&mut self) {
        // A landscape page turns the paper; the margins stay.
        (self.width, self.height) = if self.landscape {
            (self.paper.1, self.paper.0)
        } else {
            self.paper
        };
        self.pages.push(Page::new(self.width, self.height));
        self.y = MARGIN_TOP;
        // A section's further pages say which section they continue (furniture: the
        // section's title is in the structure once).
        if let Some(head) = self.running.clone() {
            let was = std::mem::replace(&mut self.marking, Marking::Artifact);
            let w = self.content_width();
            for line in self.fonts.fit(&head, SMALL + 0.5, true, w, 2) {
                let y = self.y;
                self.page()
                    .text(MARGIN_X, y, &line, SMALL + 0.5, true, MUTED);
                self.y += Self::line_height(SMALL + 0.5);
            }
            self.y += 3.0;
            let y = self.y;
            self.page()
                .line((MARGIN_X, y), (MARGIN_X + w, y), 0.3, RULE);
            self.y += 9.0;
            self.marking = was;
        }
        self.top = self.y;
    }

    pub(super) fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        let marking = self.marking;
        let page = &mut self.pages[last];
        page.marking = marking;
        page
    }

    /// Makes room for `h` points, on a new page if needed.
    pub(super) fn need(&mut self, h: f32) {
        if self.y + h > self.bottom() && self.y > self.top {
            self.new_page();
        }
    }

    pub(super) fn line_height(size: f32) -> f32 {
        size * 1.35
    }

    /// A paragraph of the current section.
    pub(super) fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: (f32, f32, f32)) {
        self.block(Kind::P, text, size, bold, colour);
    }

    /// Text set as a block of `kind` (a paragraph, a heading) in the current section.
    fn block(&mut self, kind: Kind, text: &str, size: f32, bold: bool, colour: (f32, f32, f32)) {
        let sect = self.sect;
        self.begin(kind, sect);
        let lines = self.fonts.wrap(text, size, bold, self.content_width());
        let lh = Self::line_height(size);
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            // No line of a paragraph alone at a page's foot or head: the first two lines go
            // together, and so do the last two.
            let together = if n >= 2 && (i == 0 || i == n - 2) {
                2.0
            } else {
                1.0
            };
            self.need(lh * together);
            let y = self.y;
            self.page().text(MARGIN_X, y, &line, size, bold, colour);
            self.y += Self::line_height(size);
        }
        self.y += size * 0.6;
        self.furniture();
    }

    pub(super) fn section_title(&mut self, title: &str) {
        self.running = None;
        self.furniture();
        self.new_page();
        self.running = Some(self.continued.replace("{title}", title));
        self.sect = self.tree.add(Kind::Sect, ROOT);
        let sect = self.sect;
        self.begin(Kind::H1, sect);
        // A long activity name wraps rather than running off the page.
        let lines = self.fonts.wrap(title, 17.0, true, self.content_width());
        let count = lines.len().max(1);
        for (i, line) in lines.into_iter().enumerate() {
            let y = self.y;
            self.page().text(MARGIN_X, y, &line, 17.0, true, ACCENT);
            if i + 1 < count {
                self.y += 21.0;
            }
        }
        self.y += 26.0;
        let w = self.content_width();
        let y = self.y - 6.0;
        self.page()
            .line((MARGIN_X, y), (MARGIN_X + w, y), 0.8, ACCENT);
        self.y += 6.0;
        self.furniture();
    }

    /// A heading, and where it was put (for the outline).
    pub(super) fn heading(&mut self, text: &str) -> Place {
        // Keep a heading with what follows: a table's header and first rows.
        self.need(110.0);
        self.y += 4.0;
        self.page();
        let at = Place {
            page: self.pages.len() - 1,
            top: self.y,
        };
        self.block(Kind::H2, text, 11.5, true, INK);
        at
    }

    /// Labelled entries: the label in a narrow bold column, the value wrapped beside it. A
    /// short entry is kept on one page; a long one (a third of a page or more) runs on, with
    /// at least two of its lines on either page.
    pub(super) fn entries(&mut self, entries: &[(String, String)]) {
        let label_w = self.content_width() * 0.32;
        let value_w = self.content_width() - label_w - 10.0;
        let lh = Self::line_height(BODY);
        let set: Vec<(Vec<String>, Vec<String>)> = entries
            .iter()
            .map(|(label, value)| {
                (
                    self.fonts.wrap(label, SMALL + 0.5, true, label_w),
                    self.fonts.wrap(value, BODY, false, value_w),
                )
            })
            .collect();
        let height = |(l, v): &(Vec<String>, Vec<String>)| l.len().max(v.len()) as f32 * lh + 6.0;
        // A table of two columns: each entry a row, its label the row's header.
        let table = self.tree.add(Kind::Table, self.sect);
        let mut on_page = 0;
        let mut page = self.pages.len();
        for (i, (label_lines, value_lines)) in set.iter().enumerate() {
            let rows = label_lines.len().max(value_lines.len());
            let h = height(&set[i]);
            if self.pages.len() != page {
                (page, on_page) = (self.pages.len(), 0);
            }
            // The last entry does not go alone onto a new page: the one before goes with it.
            let last_alone = on_page >= 2
                && i + 2 == set.len()
                && self.y + h <= self.bottom()
                && self.y + h + height(&set[i + 1]) > self.bottom();
            if last_alone {
                self.new_page();
            } else if h < (self.bottom() - self.top) / 3.0 {
                self.need(h);
            }
            // Where each row goes: (page, y). The label is drawn before the value on each
            // page, so that text extraction reads the label whole, then the value.
            let mut places = Vec::with_capacity(rows);
            for row in 0..rows {
                let together = if rows >= 2 && (row == 0 || row == rows - 2) {
                    2.0
                } else {
                    1.0
                };
                self.need(lh * together);
                places.push((self.pages.len() - 1, self.y));
                self.y += lh;
            }
            let tr = self.tree.add(Kind::TR, table);
            let label_kind = Kind::TH { column: false };
            let th = self.tree.add(label_kind, tr);
            let td = self.tree.add(Kind::TD, tr);
            let mut row = 0;
            while row < rows {
                let on = places[row].0;
                let end = (row..rows).find(|&r| places[r].0 != on).unwrap_or(rows);
                self.pages[on].marking = Marking::Of(th, label_kind);
                for (l, (_, y)) in label_lines.iter().zip(&places).take(end).skip(row) {
                    self.pages[on].text(MARGIN_X, y + 0.8, l, SMALL + 0.5, true, MUTED);
                }
                self.pages[on].marking = Marking::Of(td, Kind::TD);
                for (l, (_, y)) in value_lines.iter().zip(&places).take(end).skip(row) {
                    self.pages[on].text(MARGIN_X + label_w + 10.0, *y, l, BODY, false, INK);
                }
                self.pages[on].marking = Marking::Artifact;
                row = end;
            }
            self.y += 3.0;
            let w = self.content_width();
            let y = self.y;
            self.page()
                .line((MARGIN_X, y), (MARGIN_X + w, y), 0.3, RULE);
            self.y += 3.0;
            if self.pages.len() != page {
                (page, on_page) = (self.pages.len(), 0);
            }
            on_page += 1;
        }
        self.y += 6.0;
    }

    /// The diagram at the largest scale up to its natural size that the rest of the page
    /// allows, on a page of its own when the rest is too small for names to stay legible.
    pub(super) fn figure(&mut self, plan: &diagram::Plan, f: &Figure) {
        let w = self.content_width();
        let legend = diagram::legend_height(f, self.fonts, w);
        let scale = |y: f32, bottom: f32| {
            (w / plan.width())
                .min((bottom - y - legend - 10.0) / plan.height())
                .min(1.0)
        };
        if scale(self.y, self.bottom()) < diagram::MIN_SCALE && self.y > self.top {
            self.new_page();
        }
        let s = scale(self.y, self.bottom()).max(0.05);
        let top = self.y;
        let fonts = self.fonts;
        // One figure with its text alternative; what is inside is not tagged on its own.
        let figure = self.tree.add(Kind::Figure, self.sect);
        if let Some(e) = self.tree.elems.get_mut(figure) {
            e.alt = Some(f.alt.clone());
        }
        self.furniture();
        let page = self.page();
        page.begin_figure(figure);
        let used = diagram::draw(plan, f, fonts, page, (MARGIN_X, top), s, w);
        page.end_figure();
        self.y += used + 10.0;
    }
}
