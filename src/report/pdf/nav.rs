//! Where the record's parts landed, recorded while laying it out, for the document outline
//! (bookmarks) and the clickable contents: page indices from 0 and positions in points from
//! the page's top, as the layout measures. `finish` turns them into PDF objects.

/// A place in the record a bookmark or link points at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    pub page: usize,
    pub top: f32,
}

/// One bookmark, with the headings under it.
#[derive(Clone, Debug)]
pub struct Bookmark {
    pub title: String,
    pub at: Place,
    pub children: Vec<Bookmark>,
}

/// A clickable area: `page`, and the box from (`x0`, `top`) to (`x1`, `bottom`).
#[derive(Clone, Debug)]
pub struct LinkArea {
    pub page: usize,
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    /// The section it leads to, by index in the record.
    pub section: usize,
    /// Its element in the structure tree (a `Link`), which the annotation belongs to.
    pub elem: Option<super::tag::ElemId>,
}

/// Everything the outline and the links need.
#[derive(Clone, Debug, Default)]
pub struct Nav {
    pub bookmarks: Vec<Bookmark>,
    pub links: Vec<LinkArea>,
    /// Where each section begins.
    pub sections: Vec<Place>,
}
