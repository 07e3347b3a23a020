//! The record as a PDF: A4 or US Letter, text measured with the embedded fonts' glyph widths
//! and wrapped, tables that continue on the next page with their header and never cut a row,
//! a contents page with page numbers, the data-flow diagram as vector drawing, and on every
//! page the organisation, the title and "page N of M". The same record and date give the same
//! bytes.

mod diagram;
mod fonts;
mod page;

use std::collections::BTreeSet;

use printpdf::{
    FontId, Mm, OffsetDateTime, ParsedFont, PdfDocument, PdfDocumentInfo, PdfFont, PdfPage,
    PdfSaveOptions,
};
use sha2::{Digest, Sha256};

use crate::model::{Date, Project};

use super::document::{Block, Record, Table};
use fonts::{Metrics, REPLACEMENT};
use page::{ACCENT, Fonts, INK, MUTED, Page, RULE, SHADE};

/// Paper size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points.
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// How to render.
#[derive(Clone, Debug)]
pub struct Options {
    pub paper: Paper,
    /// The creation date written into the PDF (from `--date` or `SOURCE_DATE_EPOCH`).
    pub date: Date,
}

/// A rendered record.
#[derive(Clone, Debug)]
pub struct Output {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// What could not be shown as written (characters the fonts lack), one line each.
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the built-in font {0} cannot be read")]
    Font(&'static str),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

const MARGIN_X: f32 = 56.0;
const MARGIN_TOP: f32 = 56.0;
const MARGIN_BOTTOM: f32 = 64.0;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;

/// Lays the record out page by page.
struct Pager<'a> {
    fonts: &'a Fonts,
    width: f32,
    height: f32,
    pages: Vec<Page>,
    y: f32,
}

impl<'a> Pager<'a> {
    fn new(fonts: &'a Fonts, paper: Paper) -> Self {
        let (width, height) = paper.size();
        Self {
            fonts,
            width,
            height,
            pages: Vec::new(),
            y: MARGIN_TOP,
        }
    }

    fn content_width(&self) -> f32 {
        self.width - 2.0 * MARGIN_X
    }

    fn bottom(&self) -> f32 {
        self.height - MARGIN_BOTTOM
    }

    fn new_page(&mut self) {
        self.pages.push(Page::new(self.height));
        self.y = MARGIN_TOP;
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Makes room for `h` points, on a new page if needed.
    fn need(&mut self, h: f32) {
        if self.y + h > self.bottom() && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    fn line_height(size: f32) -> f32 {
        size * 1.35
    }

    fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: (f32, f32, f32)) {
        let lines = self.fonts.wrap(text, size, bold, self.content_width());
        for line in lines {
            self.need(Self::line_height(size));
            let y = self.y;
            self.page().text(MARGIN_X, y, &line, size, bold, colour);
            self.y += Self::line_height(size);
        }
        self.y += size * 0.6;
    }

    fn section_title(&mut self, title: &str) {
        self.new_page();
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
    }

    fn heading(&mut self, text: &str) {
        // Keep a heading with what follows: a table's header and first rows.
        self.need(110.0);
        self.y += 4.0;
        self.paragraph(text, 11.5, true, INK);
    }

    /// Labelled entries: the label in a narrow bold column, the value wrapped beside it; an
    /// entry is never split across pages unless it is taller than a page.
    fn entries(&mut self, entries: &[(String, String)]) {
        let label_w = self.content_width() * 0.32;
        let value_w = self.content_width() - label_w - 10.0;
        for (label, value) in entries {
            let label_lines = self.fonts.wrap(label, SMALL + 0.5, true, label_w);
            let value_lines = self.fonts.wrap(value, BODY, false, value_w);
            let lh = Self::line_height(BODY);
            let rows = label_lines.len().max(value_lines.len());
            let h = rows as f32 * lh + 6.0;
            if h < self.bottom() - MARGIN_TOP {
                self.need(h);
            }
            let top = self.y;
            for (i, l) in label_lines.iter().enumerate() {
                self.need(lh);
                let y = top + i as f32 * lh;
                self.page()
                    .text(MARGIN_X, y + 0.8, l, SMALL + 0.5, true, MUTED);
            }
            for (i, l) in value_lines.iter().enumerate() {
                let y = top + i as f32 * lh;
                self.page()
                    .text(MARGIN_X + label_w + 10.0, y, l, BODY, false, INK);
            }
            self.y = top + rows as f32 * lh + 3.0;
            let w = self.content_width();
            let y = self.y;
            self.page()
                .line((MARGIN_X, y), (MARGIN_X + w, y), 0.3, RULE);
            self.y += 3.0;
        }
        self.y += 6.0;
    }

    /// A table: the header repeats on every page the table reaches, and a row is never cut.
    fn table(&mut self, t: &Table) {
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
        let draw_row = |pager: &mut Self, cells: &[Vec<String>], h: f32, bold: bool| {
            let mut x = MARGIN_X;
            let top = pager.y;
            if bold {
                let w = pager.content_width();
                pager.page().rect(MARGIN_X, top, w, h, SHADE, None);
            }
            for (lines, w) in cells.iter().zip(&widths) {
                for (i, l) in lines.iter().enumerate() {
                    pager
                        .page()
                        .text(x + PAD, top + PAD + i as f32 * lh, l, SMALL, bold, INK);
                }
                x += w;
            }
            pager.y += h;
            let w = pager.content_width();
            let y = pager.y;
            pager
                .page()
                .line((MARGIN_X, y), (MARGIN_X + w, y), 0.3, RULE);
        };
        // The header never stands alone at the foot of a page: it goes with the first row.
        let first_h = rows.first().map_or(lh, |r| {
            r.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh
        }) + 2.0 * PAD;
        self.need(header_h + first_h);
        draw_row(self, &header, header_h, true);
        for cells in &rows {
            let h = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD;
            if self.y + h > self.bottom() {
                self.new_page();
                draw_row(self, &header, header_h, true);
            }
            draw_row(self, cells, h, false);
        }
        self.y += 10.0;
    }
}

/// Replaces characters the fonts cannot draw with a visible replacement, and says so.
struct Cleaner<'a> {
    fonts: &'a Fonts,
    missing: BTreeSet<char>,
}

impl Cleaner<'_> {
    fn clean(&mut self, s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' | '\r' => ' ',
                c if c.is_control() => ' ',
                c if self.fonts.regular.has(c) && self.fonts.bold.has(c) => c,
                c => {
                    self.missing.insert(c);
                    if self.fonts.regular.has(REPLACEMENT) {
                        REPLACEMENT
                    } else {
                        '?'
                    }
                }
            })
            .collect()
    }

    fn record(&mut self, r: &Record) -> Record {
        let mut r = r.clone();
        r.title = self.clean(&r.title);
        r.subtitle = self.clean(&r.subtitle);
        r.organisation = self.clean(&r.organisation);
        r.footer = self.clean(&r.footer);
        for (l, v) in &mut r.cover {
            *l = self.clean(l);
            *v = self.clean(v);
        }
        for s in &mut r.sections {
            s.title = self.clean(&s.title);
            for b in &mut s.blocks {
                match b {
                    Block::Heading(t) | Block::Paragraph(t) => *t = self.clean(t),
                    Block::Entries(e) => {
                        for (l, v) in e {
                            *l = self.clean(l);
                            *v = self.clean(v);
                        }
                    }
                    Block::Table(t) => {
                        for (c, _) in &mut t.columns {
                            *c = self.clean(c);
                        }
                        for row in &mut t.rows {
                            for cell in row {
                                *cell = self.clean(cell);
                            }
                        }
                    }
                    Block::Diagram => {}
                }
            }
        }
        r
    }
}

/// Lays the whole record out; `toc` holds the first page of each section once known.
fn lay_out(
    record: &Record,
    project: &Project,
    fonts: &Fonts,
    paper: Paper,
    toc: &[usize],
    clean: &mut Cleaner,
) -> (Vec<Page>, Vec<usize>) {
    let mut p = Pager::new(fonts, paper);
    // Cover.
    p.new_page();
    p.y = 150.0;
    let w = p.content_width();
    for line in fonts.wrap(&record.title, 26.0, true, w) {
        let y = p.y;
        p.page().text(MARGIN_X, y, &line, 26.0, true, ACCENT);
        p.y += 34.0;
    }
    p.paragraph(&record.subtitle, 12.0, false, MUTED);
    p.y += 10.0;
    let y = p.y;
    p.page().line((MARGIN_X, y), (MARGIN_X + w, y), 1.2, ACCENT);
    p.y += 18.0;
    p.entries(&record.cover);

    // Contents.
    p.new_page();
    let y = p.y;
    p.page()
        .text(MARGIN_X, y, &record.contents, 17.0, true, ACCENT);
    p.y += 30.0;
    for (i, s) in record.sections.iter().enumerate() {
        let number = toc.get(i).map_or("…".to_owned(), usize::to_string);
        // Every line of a long title; the page number goes with the last.
        let lines = fonts.wrap(&s.title, BODY + 0.5, false, w - 50.0);
        let (last, before) = lines
            .split_last()
            .map_or((String::new(), &[][..]), |(l, b)| (l.clone(), b));
        for line in before {
            p.need(Pager::line_height(BODY + 0.5));
            let y = p.y;
            p.page().text(MARGIN_X, y, line, BODY + 0.5, false, INK);
            p.y += Pager::line_height(BODY + 0.5);
        }
        let title = last;
        p.need(Pager::line_height(BODY + 0.5));
        let y = p.y;
        p.page().text(MARGIN_X, y, &title, BODY + 0.5, false, INK);
        let nw = fonts.regular.width(&number, BODY + 0.5);
        p.page()
            .text(MARGIN_X + w - nw, y, &number, BODY + 0.5, false, INK);
        let dots_from = MARGIN_X + fonts.regular.width(&title, BODY + 0.5) + 6.0;
        let dots_to = MARGIN_X + w - nw - 6.0;
        if dots_to > dots_from {
            let mid = y + (BODY + 0.5) * 0.72;
            p.page().line((dots_from, mid), (dots_to, mid), 0.3, RULE);
        }
        p.y += Pager::line_height(BODY + 0.5) + 2.0;
    }

    // Sections.
    let mut starts = Vec::with_capacity(record.sections.len());
    for s in &record.sections {
        p.section_title(&s.title);
        starts.push(p.pages.len());
        for b in &s.blocks {
            match b {
                Block::Heading(t) => p.heading(t),
                Block::Paragraph(t) => p.paragraph(t, BODY, false, INK),
                Block::Entries(e) => p.entries(e),
                Block::Table(t) => p.table(t),
                Block::Diagram => {
                    let (top, avail) = (p.y, p.bottom() - p.y);
                    let drawn =
                        diagram::draw(project, fonts, clean, p.page(), MARGIN_X, top, w, avail);
                    p.y += drawn + 10.0;
                }
            }
        }
    }
    (p.pages, starts)
}

/// Days since 1970-01-01 of a date (proleptic Gregorian).
fn unix_days(d: Date) -> i64 {
    let (y, m, day) = (i64::from(d.year), i64::from(d.month), i64::from(d.day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Renders the record.
pub fn render(record: &Record, project: &Project, options: &Options) -> Result<Output, PdfError> {
    let fonts = Fonts {
        regular: Metrics::new(fonts::REGULAR).ok_or(PdfError::Font("DejaVuSans"))?,
        bold: Metrics::new(fonts::BOLD).ok_or(PdfError::Font("DejaVuSans-Bold"))?,
    };
    let mut cleaner = Cleaner {
        fonts: &fonts,
        missing: BTreeSet::new(),
    };
    let record = cleaner.record(record);

    // Two passes: the first finds where each section starts, the second prints the numbers.
    // The contents have as many lines either way, so the pages do not move.
    let (_, starts) = lay_out(&record, project, &fonts, options.paper, &[], &mut cleaner);
    let (mut pages, _) = lay_out(
        &record,
        project,
        &fonts,
        options.paper,
        &starts,
        &mut cleaner,
    );

    // The page frame.
    let total = pages.len();
    let (width, height) = options.paper.size();
    for (i, page) in pages.iter_mut().enumerate() {
        let y = height - 40.0;
        page.line((MARGIN_X, y - 6.0), (width - MARGIN_X, y - 6.0), 0.4, RULE);
        page.text(MARGIN_X, y, &record.organisation, SMALL, false, MUTED);
        let centre = fonts.regular.width(&record.footer, SMALL);
        page.text(
            (width - centre) / 2.0,
            y,
            &record.footer,
            SMALL,
            false,
            MUTED,
        );
        let n = record
            .page
            .replace("{n}", &(i + 1).to_string())
            .replace("{total}", &total.to_string());
        let nw = fonts.regular.width(&n, SMALL);
        page.text(width - MARGIN_X - nw, y, &n, SMALL, false, MUTED);
    }

    let mut doc = PdfDocument::new(&record.title);
    // Any date of the model is a valid timestamp; the epoch is the fallback all the same.
    let when = OffsetDateTime::from_unix_timestamp(unix_days(options.date) * 86_400)
        .or_else(|_| OffsetDateTime::from_unix_timestamp(0))
        .map_err(|e| PdfError::Write(e.to_string()))?;
    doc.metadata.info = PdfDocumentInfo {
        document_title: format!("{} — {}", record.title, record.organisation),
        author: record.organisation.clone(),
        creator: "capimap".to_owned(),
        producer: format!("capimap {}", env!("CARGO_PKG_VERSION")),
        subject: record.subtitle.clone(),
        creation_date: when,
        modification_date: when,
        metadata_date: when,
        ..PdfDocumentInfo::default()
    };
    let mut font_warnings = Vec::new();
    for (id, data, name) in [
        ("F1", fonts::REGULAR, "DejaVuSans"),
        ("F2", fonts::BOLD, "DejaVuSans-Bold"),
    ] {
        let parsed =
            ParsedFont::from_bytes(data, 0, &mut font_warnings).ok_or(PdfError::Font(name))?;
        doc.resources
            .fonts
            .map
            .insert(FontId(id.to_owned()), PdfFont::new(parsed));
    }
    let (w_mm, h_mm) = (width * 25.4 / 72.0, height * 25.4 / 72.0);
    let pdf_pages: Vec<PdfPage> = pages
        .into_iter()
        .map(|p| PdfPage::new(Mm(w_mm), Mm(h_mm), p.ops))
        .collect();
    doc.with_pages(pdf_pages);
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    // printpdf gives each document a random id; the same record must give the same bytes,
    // so the id is derived from the content instead.
    let mut hash = Sha256::new();
    hash.update(format!("{record:?}{:?}", options.date).as_bytes());
    let id = lopdf::Object::String(
        hash.finalize()[..16].to_vec(),
        lopdf::StringFormat::Hexadecimal,
    );
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;

    let warnings = cleaner
        .missing
        .iter()
        .map(|c| {
            format!(
                "the character '{c}' (U+{:04X}) is not in the record's font; it is shown as {REPLACEMENT}",
                u32::from(*c)
            )
        })
        .collect();
    Ok(Output {
        bytes,
        pages: total,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_match_known_dates() {
        assert_eq!(unix_days(Date::new(1970, 1, 1).unwrap()), 0);
        assert_eq!(unix_days(Date::new(2000, 3, 1).unwrap()), 11_017);
        assert_eq!(unix_days(Date::new(2026, 11, 26).unwrap()), 20_783);
    }
}
