//! Cross-references: "See also" lines whose references are links to their sections' pages.

use super::BODY;
use super::MARGIN_X;
use super::nav::LinkArea;
use super::page::{ACCENT, MUTED};
use super::pager::Pager;
use super::tag::{Kind, Marking};

impl Pager<'_> {
    /// "See also: Recipients and transfers, page 11 · Retention schedule, page 12": each
    /// reference a link to its section (returned, for the annotations). Every number is
    /// measured as four digits, so that the line breaks alike in the pass that does not know
    /// the pages yet.
    pub(super) fn see(
        &mut self,
        items: &[(String, usize)],
        words: (&str, &str),
        toc: &[usize],
    ) -> Vec<LinkArea> {
        let (see_also, see_page) = words;
        let size = BODY - 0.5;
        let lh = Self::line_height(size);
        let m = &self.fonts.regular;
        let sep = " · ";
        let w = self.content_width();
        self.need(lh * 2.0);
        let para = self.tree.add(Kind::P, self.sect);
        self.marking = Marking::Of(para, Kind::P);
        let lead = format!("{see_also} ");
        let y = self.y;
        self.page().text(MARGIN_X, y, &lead, size, true, MUTED);
        let mut x = MARGIN_X + self.fonts.bold.width(&lead, size);
        // Where the line breaks is decided by `reserved`, which counts every number as four
        // digits; the references are drawn at `x`, by their real width, inside that room.
        let mut reserved = x;
        let mut links = Vec::new();
        for (k, (title, section)) in items.iter().enumerate() {
            let number = toc.get(*section).map_or("…".to_owned(), usize::to_string);
            let shown = see_page.replace("{title}", title).replace("{n}", &number);
            let measured = m.width(
                &see_page.replace("{title}", title).replace("{n}", "0000"),
                size,
            );
            let sep_w = if k + 1 < items.len() {
                m.width(sep, size)
            } else {
                0.0
            };
            if reserved + measured > MARGIN_X + w && reserved > MARGIN_X {
                self.y += lh;
                self.need(lh);
                (x, reserved) = (MARGIN_X, MARGIN_X);
            }
            let link = self.begin(Kind::Link, para);
            let (top, page) = (self.y, self.pages.len() - 1);
            self.page().text(x, top, &shown, size, false, ACCENT);
            let drawn = m.width(&shown, size);
            links.push(LinkArea {
                page,
                x0: x,
                top,
                x1: (x + drawn).min(MARGIN_X + w),
                bottom: top + lh,
                section: *section,
                elem: Some(link),
            });
            self.marking = Marking::Of(para, Kind::P);
            x += drawn;
            reserved += measured;
            if k + 1 < items.len() {
                self.page().text(x, top, sep, size, false, MUTED);
                x += sep_w;
                reserved += sep_w;
            }
        }
        self.y += lh + size * 0.6;
        self.furniture();
        links
    }
}
