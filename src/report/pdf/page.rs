//! Drawing on pages: text with the record's fonts, lines and filled boxes, in points measured
//! from the top-left corner (PDF measures from the bottom; this is the one place that turns).

use std::cell::RefCell;
use std::collections::HashMap;

use super::content::Content;
use super::fonts::Metrics;
use super::tag::{ElemId, Kind, Marking};
use super::typeset::{self, Lang};

pub const INK: (f32, f32, f32) = (0.10, 0.12, 0.16);
pub const MUTED: (f32, f32, f32) = (0.38, 0.42, 0.48);
pub const RULE: (f32, f32, f32) = (0.78, 0.80, 0.84);
pub const SHADE: (f32, f32, f32) = (0.93, 0.94, 0.96);
pub const ACCENT: (f32, f32, f32) = (0.16, 0.33, 0.55);

/// A text set at a size, boldness and width.
type Setting = (String, u32, bool, u32);

/// The two faces of the record's font, and the language its words are hyphenated in.
pub struct Fonts {
    pub regular: Metrics,
    pub bold: Metrics,
    pub lang: Lang,
    /// Texts already set: the record is laid out twice (the second time with the contents'
    /// page numbers), and the second pass sets the same texts at the same widths.
    pub set: RefCell<HashMap<Setting, Vec<String>>>,
}

impl Fonts {
    pub fn metrics(&self, bold: bool) -> &Metrics {
        if bold { &self.bold } else { &self.regular }
    }

    /// The text set into lines no wider than `width` (see `typeset`); line feeds are kept.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let key = (text.to_owned(), size.to_bits(), bold, width.to_bits());
        if let Some(lines) = self.set.borrow().get(&key) {
            return lines.clone();
        }
        let lines = typeset::lines(self.metrics(bold), self.lang, text, size, width);
        self.set.borrow_mut().insert(key, lines.clone());
        lines
    }

    /// At most `max` lines, the last ending in "…" when the text is longer.
    pub fn fit(&self, text: &str, size: f32, bold: bool, width: f32, max: usize) -> Vec<String> {
        typeset::fit(self.metrics(bold), self.lang, text, size, width, max)
    }
}

/// One page being drawn.
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub content: Content,
    /// What the next drawing belongs to.
    pub marking: Marking,
    /// The marked-content ids used on this page, in order, and the element each belongs to.
    pub marks: Vec<ElemId>,
    /// The state the content stream is in: the fill colour, the font and size, the stroke
    /// colour and width. Colours and text state persist across text objects, so an operator
    /// that would set them to what they are is left out (a long record has about a quarter
    /// fewer operators to write).
    fill: Option<(f32, f32, f32)>,
    font: Option<(bool, u32)>,
    stroke: Option<((f32, f32, f32), u32)>,
}

impl Page {
    pub fn new(width: f32, height: f32) -> Self {
        Self {
            width,
            height,
            content: Content::default(),
            marking: Marking::Artifact,
            marks: Vec::new(),
            fill: None,
            font: None,
            stroke: None,
        }
    }

    fn set_fill(&mut self, c: (f32, f32, f32)) {
        if self.fill != Some(c) {
            self.fill = Some(c);
            self.content.op(&[c.0, c.1, c.2], "rg");
        }
    }

    fn set_stroke(&mut self, c: (f32, f32, f32), width: f32) {
        if self.stroke != Some((c, width.to_bits())) {
            self.stroke = Some((c, width.to_bits()));
            self.content.op(&[c.0, c.1, c.2], "RG");
            self.content.op(&[width], "w");
        }
    }

    /// Opens the marked sequence for the next drawing, as `marking` says.
    fn open(&mut self) -> bool {
        match self.marking {
            Marking::Inside => false,
            Marking::Artifact => {
                self.content.raw("/Artifact BMC");
                true
            }
            Marking::Of(elem, kind) => {
                let mcid = self.marks.len();
                self.marks.push(elem);
                self.content.marked(kind.name(), mcid);
                true
            }
        }
    }

    fn close(&mut self, opened: bool) {
        if opened {
            self.content.raw("EMC");
        }
    }

    /// A marked sequence of elem's content the caller fills with drawing `Inside` (the
    /// diagram: one figure); ends with `end_figure`.
    pub fn begin_figure(&mut self, elem: ElemId) {
        self.marking = Marking::Of(elem, Kind::Figure);
        self.open();
        self.marking = Marking::Inside;
    }

    pub fn end_figure(&mut self) {
        self.content.raw("EMC");
        self.marking = Marking::Artifact;
    }

    /// A point measured from the top, as PDF measures it (from the bottom).
    fn pt(&self, x: f32, y_from_top: f32) -> [f32; 2] {
        [x, self.height - y_from_top]
    }

    /// Text whose top is at `top`.
    pub fn text(
        &mut self,
        x: f32,
        top: f32,
        text: &str,
        size: f32,
        bold: bool,
        c: (f32, f32, f32),
    ) {
        if text.is_empty() {
            return;
        }
        // DejaVu's ascent is about 0.76 em: the baseline sits that far below the top.
        let baseline = self.pt(x, top + size * 0.76);
        let opened = self.open();
        self.content.raw("BT");
        self.set_fill(c);
        if self.font != Some((bold, size.to_bits())) {
            self.font = Some((bold, size.to_bits()));
            self.content.font(bold, size);
        }
        self.content.op(&baseline, "Td");
        self.content.show(bold, text);
        self.content.raw("ET");
        self.close(opened);
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, c: (f32, f32, f32)) {
        // Rules and arrows are never content of their own: artifacts, or part of the figure.
        let artifact = self.marking != Marking::Inside;
        if artifact {
            self.content.raw("/Artifact BMC");
        }
        self.set_stroke(c, width);
        let (a, b) = (self.pt(from.0, from.1), self.pt(to.0, to.1));
        self.content.op(&a, "m");
        self.content.op(&b, "l");
        self.content.raw("S");
        if artifact {
            self.content.raw("EMC");
        }
    }

    /// A filled (and optionally outlined) polygon.
    pub fn polygon(
        &mut self,
        corners: &[(f32, f32)],
        fill: (f32, f32, f32),
        outline: Option<(f32, f32, f32)>,
    ) {
        let artifact = self.marking != Marking::Inside;
        if artifact {
            self.content.raw("/Artifact BMC");
        }
        self.set_fill(fill);
        if let Some(c) = outline {
            self.set_stroke(c, 0.6);
        }
        for (i, &(x, y)) in corners.iter().enumerate() {
            let p = self.pt(x, y);
            self.content.op(&p, if i == 0 { "m" } else { "l" });
        }
        // Closed, filled by the nonzero winding rule, and stroked when outlined.
        self.content.raw("h");
        self.content.raw(if outline.is_some() { "B" } else { "f" });
        if artifact {
            self.content.raw("EMC");
        }
    }

    pub fn rect(
        &mut self,
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        fill: (f32, f32, f32),
        outline: Option<(f32, f32, f32)>,
    ) {
        self.polygon(
            &[(x, top), (x + w, top), (x + w, top + h), (x, top + h)],
            fill,
            outline,
        );
    }
}
