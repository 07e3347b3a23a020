//! The record as a PDF: A4 or US Letter, text measured with the embedded fonts' glyph widths
//! and wrapped, tables that continue on the next page with their header and never cut a row,
//! a contents page with page numbers, the data-flow diagram as vector drawing, and on every
//! page the organisation, the title and "page N of M". The same record and date give the same
//! bytes.

mod clean;
mod content;
mod diagram;
mod finish;
mod fonts;
mod frame;
mod nav;
mod page;
mod pager;
mod see;
mod subset;
mod table;
mod tag;
mod typeset;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use printpdf::{
    FontId, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    TextItem,
};
use sha2::{Digest, Sha256};

use crate::model::Date;

use super::document::{Block, Record};
use clean::Cleaner;
use fonts::{Metrics, REPLACEMENT};
use nav::{Bookmark, LinkArea, Nav, Place};
use page::{ACCENT, Fonts, INK, MUTED, Page, RULE};
use pager::Pager;
use tag::{Kind, Tree};

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
    /// What could not be shown as written (characters the fonts lack, a name shortened in the
    /// footer), one line each.
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the built-in font {0} cannot be read")]
    Font(&'static str),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

pub(super) const MARGIN_X: f32 = 56.0;
pub(super) const MARGIN_TOP: f32 = 56.0;
pub(super) const MARGIN_BOTTOM: f32 = 64.0;
pub(super) const BODY: f32 = 9.5;
pub(super) const SMALL: f32 = 8.0;

/// Lays the whole record out; `toc` holds the first page of each section once known.
fn lay_out(
    record: &Record,
    fonts: &Fonts,
    paper: Paper,
    toc: &[usize],
    plans: &[diagram::Plan],
) -> (Vec<Page>, Vec<usize>, Nav, Tree) {
    let mut nav = Nav::default();
    let mut p = Pager::new(fonts, paper, &record.continued);
    // Cover.
    p.new_page();
    p.y = 150.0;
    let w = p.content_width();
    p.sect = p.tree.add(Kind::Sect, tag::ROOT);
    let sect = p.sect;
    p.begin(Kind::H1, sect);
    for line in fonts.wrap(&record.title, 26.0, true, w) {
        let y = p.y;
        p.page().text(MARGIN_X, y, &line, 26.0, true, ACCENT);
        p.y += 34.0;
    }
    p.furniture();
    p.paragraph(&record.subtitle, 12.0, false, MUTED);
    p.y += 10.0;
    let y = p.y;
    p.page().line((MARGIN_X, y), (MARGIN_X + w, y), 1.2, ACCENT);
    p.y += 18.0;
    p.entries(&record.cover);

    // Contents.
    p.new_page();
    p.sect = p.tree.add(Kind::Sect, tag::ROOT);
    let sect = p.sect;
    p.begin(Kind::H1, sect);
    let y = p.y;
    p.page()
        .text(MARGIN_X, y, &record.contents, 17.0, true, ACCENT);
    p.furniture();
    p.y += 30.0;
    let toc_elem = p.tree.add(Kind::Toc, sect);
    for (i, s) in record.sections.iter().enumerate() {
        // Each entry a link: its title and its page number.
        let item = p.tree.add(Kind::Toci, toc_elem);
        let link = p.begin(Kind::Link, item);
        let number = toc.get(i).map_or("…".to_owned(), usize::to_string);
        // Every line of a long title; the page number goes with the last. An entry is kept
        // on one page, and the whole of it is a link to the section.
        let lines = fonts.wrap(&s.title, BODY + 0.5, false, w - 50.0);
        p.need(lines.len().max(1) as f32 * Pager::line_height(BODY + 0.5));
        let (entry_page, entry_top) = (p.pages.len() - 1, p.y);
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
        p.furniture();
        p.y += Pager::line_height(BODY + 0.5) + 2.0;
        if p.pages.len() - 1 == entry_page {
            nav.links.push(LinkArea {
                page: entry_page,
                x0: MARGIN_X,
                top: entry_top,
                x1: MARGIN_X + w,
                bottom: p.y - 2.0,
                section: i,
                elem: Some(link),
            });
        }
    }

    // Sections.
    let mut starts = Vec::with_capacity(record.sections.len());
    let mut all_plans = plans.iter();
    for s in &record.sections {
        // A diagram too large for an upright page gets a turned one, when that shows it larger.
        let count = s
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Diagram(_)))
            .count();
        let own: Vec<&diagram::Plan> = (0..count).filter_map(|_| all_plans.next()).collect();
        p.landscape = own
            .iter()
            .any(|plan| drawable(plan, paper) && turned_is_larger(plan, paper));
        p.section_title(&s.title);
        p.landscape = false;
        let mut own = own.into_iter();
        starts.push(p.pages.len());
        let at = Place {
            page: p.pages.len() - 1,
            top: MARGIN_TOP,
        };
        nav.sections.push(at);
        let mut bookmark = Bookmark {
            title: s.title.clone(),
            at,
            children: Vec::new(),
        };
        for b in &s.blocks {
            match b {
                Block::Heading(t) => {
                    let at = p.heading(t);
                    bookmark.children.push(Bookmark {
                        title: t.clone(),
                        at,
                        children: Vec::new(),
                    });
                }
                Block::Paragraph(t) => p.paragraph(t, BODY, false, INK),
                Block::Entries(e) => p.entries(e),
                Block::Table(t) => p.table(t),
                Block::See(items) => {
                    let words = (record.see_also.as_str(), record.see_page.as_str());
                    let links = p.see(items, words, toc);
                    nav.links.extend(links);
                }
                Block::Diagram(f) => match own.next() {
                    Some(plan) if drawable(plan, paper) => {
                        p.paragraph(&f.intro, BODY, false, INK);
                        p.figure(plan, f);
                    }
                    _ => p.paragraph(&f.too_large, BODY, false, INK),
                },
            }
        }
        nav.bookmarks.push(bookmark);
    }
    (p.pages, starts, nav, p.tree)
}

/// The scale of the diagram on a page of its own, (upright, turned).
fn page_scales(plan: &diagram::Plan, paper: Paper) -> (f32, f32) {
    let (w, h) = paper.size();
    // Room for the section's title and introduction, and the legend.
    let chrome = 150.0;
    let scale = |pw: f32, ph: f32| {
        ((pw - 2.0 * MARGIN_X) / plan.width())
            .min((ph - MARGIN_TOP - MARGIN_BOTTOM - chrome) / plan.height())
    };
    (scale(w, h), scale(h, w))
}

/// Whether the diagram shows larger on a turned page than on an upright one (and is too large
/// for an upright one at its natural size).
fn turned_is_larger(plan: &diagram::Plan, paper: Paper) -> bool {
    let (upright, turned) = page_scales(plan, paper);
    upright < 1.0 && turned > upright
}

/// Whether the diagram can be drawn legibly on a page, upright or turned: a project of
/// thousands of systems cannot, and the record says so instead of printing a grey block that
/// runs off the page.
fn drawable(plan: &diagram::Plan, paper: Paper) -> bool {
    let (upright, turned) = page_scales(plan, paper);
    upright.max(turned) >= diagram::LEAST_SCALE
}

/// Renders the record.
pub fn render(record: &Record, options: &Options) -> Result<Output, PdfError> {
    let fonts = Fonts {
        regular: Metrics::new(fonts::REGULAR).ok_or(PdfError::Font("DejaVuSans"))?,
        bold: Metrics::new(fonts::BOLD).ok_or(PdfError::Font("DejaVuSans-Bold"))?,
        lang: record.lang,
        set: Default::default(),
    };
    let meta = finish::DocMeta {
        title: format!("{} — {}", record.title, record.organisation),
        author: record.organisation.clone(),
        subject: record.subtitle.clone(),
        date: options.date,
        lang: record.lang.code(),
    };
    let mut cleaner = Cleaner {
        fonts: &fonts,
        missing: BTreeSet::new(),
    };
    let source = record;
    let record = cleaner.record(record);

    // Two passes: the first finds where each section starts, the second prints the numbers.
    // The contents have as many lines either way, so the pages do not move.
    // The diagrams are planned once for both passes.
    let plans: Vec<diagram::Plan> = record
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Diagram(f) => Some(diagram::plan(f, &fonts)),
            _ => None,
        })
        .collect();
    let (_, starts, _, _) = lay_out(&record, &fonts, options.paper, &[], &plans);
    let (mut pages, _, mut nav, mut tree) =
        lay_out(&record, &fonts, options.paper, &starts, &plans);
    // Bookmarks are shown in the viewer's own font: they keep the titles as written, even
    // characters the record's font has to replace.
    for (bookmark, section) in nav.bookmarks.iter_mut().zip(&source.sections) {
        bookmark.title = section.title.clone();
        let headings = section.blocks.iter().filter_map(|b| match b {
            Block::Heading(t) => Some(t),
            _ => None,
        });
        for (child, heading) in bookmark.children.iter_mut().zip(headings) {
            child.title = heading.clone();
        }
    }

    // The page frame.
    let total = pages.len();
    let footer = frame::Footer {
        organisation: &record.organisation,
        title: &record.footer,
        label: &record.page,
        total,
    };
    let mut shortened = false;
    for (i, page) in pages.iter_mut().enumerate() {
        // The frame is furniture; what was laid out is in the structure tree.
        page.marking = tag::Marking::Artifact;
        for (mcid, elem) in page.marks.iter().enumerate() {
            tree.kid(
                *elem,
                tag::Kid::Mcid {
                    page: i,
                    mcid: mcid as i64,
                },
            );
        }
        let (width, height) = (page.width, page.height);
        shortened |= frame::draw(page, &fonts, &footer, i + 1, width, height);
    }

    // printpdf writes the document: its catalogue, page tree and the two fonts, whose widths
    // and ToUnicode maps it makes from the text it is shown. It is shown each face's
    // characters once, on the first page; the pages' own content streams are written by
    // `content.rs` and replace what printpdf wrote.
    let mut doc = PdfDocument::new(&record.title);
    let mut font_warnings = Vec::new();
    let mut subset_tags = BTreeMap::new();
    let mut inventory = Vec::new();
    let mut glyphs = content::Glyphs {
        regular: HashMap::new(),
        bold: HashMap::new(),
    };
    for (id, data, name, bold) in [
        ("F1", fonts::REGULAR, "DejaVuSans", false),
        ("F2", fonts::BOLD, "DejaVuSans-Bold", true),
    ] {
        let chars = subset::used_chars(&pages, bold);
        let cut = subset::subset_face(data, &chars, name)?;
        let mut parsed = ParsedFont::from_bytes(&cut.bytes, 0, &mut font_warnings)
            .ok_or(PdfError::Font(name))?;
        parsed.font_name = Some(name.to_owned());
        let map = if bold {
            &mut glyphs.bold
        } else {
            &mut glyphs.regular
        };
        for c in &chars {
            if let Some(g) = parsed.lookup_glyph_index(u32::from(*c)) {
                map.insert(*c, g);
            }
        }
        if !chars.is_empty() {
            inventory.extend([
                Op::SetFont {
                    font: PdfFontHandle::External(FontId(id.to_owned())),
                    size: Pt(10.0),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(chars.iter().collect())],
                },
            ]);
        }
        subset_tags.insert(name, cut.tag);
        doc.resources
            .fonts
            .map
            .insert(FontId(id.to_owned()), PdfFont::new(parsed));
    }
    let page_heights: Vec<f32> = pages.iter().map(|p| p.height).collect();
    let marks: Vec<Vec<tag::ElemId>> = pages.iter().map(|p| p.marks.clone()).collect();
    let streams: Vec<Vec<u8>> = pages.iter().map(|p| p.content.finish(&glyphs)).collect();
    let mm = |pt: f32| Mm(pt * 25.4 / 72.0);
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let ops = if i == 0 {
                std::mem::take(&mut inventory)
            } else {
                Vec::new()
            };
            PdfPage::new(mm(p.width), mm(p.height), ops)
        })
        .collect();
    drop(pages);
    doc.with_pages(pdf_pages);
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    finish::contents(&mut lo, streams).map_err(PdfError::Write)?;
    // printpdf gives each document a random id; the same record must give the same bytes,
    // so the id is derived from the content instead.
    let mut hash = Sha256::new();
    hash.update(format!("{record:?}{:?}", options.date).as_bytes());
    let mut id = [0; 16];
    id.copy_from_slice(&hash.finalize()[..16]);
    finish::finish(
        &mut lo,
        &finish::Finish {
            meta: &meta,
            subset_tags,
            id,
            nav: &nav,
            page_heights,
            tree: &tree,
            marks: &marks,
        },
    );
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;

    let mut warnings: Vec<String> = cleaner
        .missing
        .iter()
        .map(|c| {
            format!(
                "the character '{c}' (U+{:04X}) is not in the record's font; it is shown as {REPLACEMENT}",
                u32::from(*c)
            )
        })
        .collect();
    if shortened {
        warnings.push(
            "the organisation's name is too long for the pages' footer and is shortened there \
             with …; the cover gives it in full"
                .to_owned(),
        );
    }
    Ok(Output {
        bytes,
        pages: total,
        warnings,
    })
}
