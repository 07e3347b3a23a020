//! Drawing on pages: text with the record's fonts, lines and filled boxes, in points measured
//! from the top-left corner (PDF measures from the bottom; this is the one place that turns).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use printpdf::{
    Color, DictItem, FontId, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon,
    PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

use super::fonts::Metrics;
use super::tag::{ElemId, Kind, Marking};
use super::typeset::{self, Lang};

pub const INK: (f32, f32, f32) = (0.10, 0.12, 0.16);
pub const MUTED: (f32, f32, f32) = (0.38, 0.42, 0.48);
pub const RULE: (f32, f32, f32) = (0.78, 0.80, 0.84);
pub const SHADE: (f32, f32, f32) = (0.93, 0.94, 0.96);
pub const ACCENT: (f32, f32, f32) = (0.16, 0.33, 0.55);

fn colour(c: (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb::new(c.0, c.1, c.2, None))
}

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
    pub ops: Vec<Op>,
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
            ops: Vec::new(),
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
            self.ops.push(Op::SetFillColor { col: colour(c) });
        }
    }

    fn set_stroke(&mut self, c: (f32, f32, f32), width: f32) {
        if self.stroke != Some((c, width.to_bits())) {
            self.stroke = Some((c, width.to_bits()));
            self.ops.extend([
                Op::SetOutlineColor { col: colour(c) },
                Op::SetOutlineThickness { pt: Pt(width) },
            ]);
        }
    }

    /// Opens the marked sequence for the next drawing, as `marking` says.
    fn open(&mut self) -> bool {
        match self.marking {
            Marking::Inside => false,
            Marking::Artifact => {
                self.ops.push(Op::BeginMarkedContent {
                    tag: "Artifact".to_owned(),
                });
                true
            }
            Marking::Of(elem, kind) => {
                let mcid = self.marks.len() as i64;
                self.marks.push(elem);
                let mut map = BTreeMap::new();
                map.insert("MCID".to_owned(), DictItem::Int(mcid));
                self.ops.push(Op::BeginMarkedContentWithProperties {
                    tag: kind.name().to_owned(),
                    properties: DictItem::Dict { map },
                });
                true
            }
        }
    }

    fn close(&mut self, opened: bool) {
        if opened {
            self.ops.push(Op::EndMarkedContent);
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
        self.ops.push(Op::EndMarkedContent);
        self.marking = Marking::Artifact;
    }

    fn pt(&self, x: f32, y_from_top: f32) -> Point {
        Point {
            x: Pt(x),
            y: Pt(self.height - y_from_top),
        }
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
        let font = FontId(if bold { "F2" } else { "F1" }.to_owned());
        let opened = self.open();
        self.ops.push(Op::StartTextSection);
        self.set_fill(c);
        if self.font != Some((bold, size.to_bits())) {
            self.font = Some((bold, size.to_bits()));
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            });
        }
        self.ops.extend([
            Op::SetTextCursor { pos: baseline },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
        self.close(opened);
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, c: (f32, f32, f32)) {
        let points = vec![
            LinePoint {
                p: self.pt(from.0, from.1),
                bezier: false,
            },
            LinePoint {
                p: self.pt(to.0, to.1),
                bezier: false,
            },
        ];
        // Rules and arrows are never content of their own: artifacts, or part of the figure.
        let artifact = self.marking != Marking::Inside;
        if artifact {
            self.ops.push(Op::BeginMarkedContent {
                tag: "Artifact".to_owned(),
            });
        }
        self.set_stroke(c, width);
        self.ops.extend([Op::DrawLine {
            line: Line {
                points,
                is_closed: false,
            },
        }]);
        if artifact {
            self.ops.push(Op::EndMarkedContent);
        }
    }

    /// A filled (and optionally outlined) polygon.
    pub fn polygon(
        &mut self,
        corners: &[(f32, f32)],
        fill: (f32, f32, f32),
        outline: Option<(f32, f32, f32)>,
    ) {
        let points = corners
            .iter()
            .map(|&(x, y)| LinePoint {
                p: self.pt(x, y),
                bezier: false,
            })
            .collect();
        let artifact = self.marking != Marking::Inside;
        if artifact {
            self.ops.push(Op::BeginMarkedContent {
                tag: "Artifact".to_owned(),
            });
        }
        self.set_fill(fill);
        let mode = match outline {
            Some(c) => {
                self.set_stroke(c, 0.6);
                PaintMode::FillStroke
            }
            None => PaintMode::Fill,
        };
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
        if artifact {
            self.ops.push(Op::EndMarkedContent);
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
