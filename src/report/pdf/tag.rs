//! The record's logical structure, recorded while it is laid out, for a tagged PDF: sections
//! with their titles, headings, paragraphs and tables (entries are two-column tables: the
//! label a row header, the value its cell), the contents as a table of contents whose entries
//! are links, and the diagram as one figure with a text alternative. Page furniture (footer,
//! running heads, rules, shading) is marked as artifacts. This module knows nothing of PDF
//! objects; `finish/tags.rs` writes the tree.

/// The standard structure types used (ISO 32000-1, 14.8.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Document,
    Sect,
    H1,
    H2,
    P,
    Table,
    TR,
    /// A header cell: of a column (a table's header row) or of a row (an entry's label).
    TH {
        column: bool,
    },
    TD,
    Toc,
    Toci,
    Link,
    Figure,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Document => "Document",
            Kind::Sect => "Sect",
            Kind::H1 => "H1",
            Kind::H2 => "H2",
            Kind::P => "P",
            Kind::Table => "Table",
            Kind::TR => "TR",
            Kind::TH { .. } => "TH",
            Kind::TD => "TD",
            Kind::Toc => "TOC",
            Kind::Toci => "TOCI",
            Kind::Link => "Link",
            Kind::Figure => "Figure",
        }
    }
}

pub type ElemId = usize;

#[derive(Clone, Debug, PartialEq)]
pub enum Kid {
    /// Marked content `mcid` on page `page` (from 0).
    Mcid {
        page: usize,
        mcid: i64,
    },
    Elem(ElemId),
}

#[derive(Clone, Debug)]
pub struct Elem {
    pub kind: Kind,
    pub parent: Option<ElemId>,
    /// The alternative text (a figure's).
    pub alt: Option<String>,
    pub kids: Vec<Kid>,
}

/// The tree; element 0 is the document.
#[derive(Clone, Debug)]
pub struct Tree {
    pub elems: Vec<Elem>,
}

impl Default for Tree {
    fn default() -> Self {
        Self {
            elems: vec![Elem {
                kind: Kind::Document,
                parent: None,
                alt: None,
                kids: Vec::new(),
            }],
        }
    }
}

pub const ROOT: ElemId = 0;

impl Tree {
    /// A new element as the last child of `parent`.
    pub fn add(&mut self, kind: Kind, parent: ElemId) -> ElemId {
        let id = self.elems.len();
        self.elems.push(Elem {
            kind,
            parent: Some(parent),
            alt: None,
            kids: Vec::new(),
        });
        if let Some(p) = self.elems.get_mut(parent) {
            p.kids.push(Kid::Elem(id));
        }
        id
    }

    pub fn kid(&mut self, elem: ElemId, kid: Kid) {
        if let Some(e) = self.elems.get_mut(elem) {
            e.kids.push(kid);
        }
    }
}

/// How a page marks what is drawn on it next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Marking {
    /// Page furniture, not part of the record's content.
    #[default]
    Artifact,
    /// Content of this element (of this kind).
    Of(ElemId, Kind),
    /// Inside a marked sequence already open (the diagram's figure): drawn as it is.
    Inside,
}
