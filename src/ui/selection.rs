//! What is selected: nodes and flows on the canvas (several at once), or one other element.

use std::collections::BTreeSet;

use crate::model::{FlowId, NodeId};

/// An element that the inspector can show: the model's typed reference, shared with findings.
pub use crate::model::ElementRef as Element;

/// The selection: an ordered set of elements; the last one clicked is the one inspected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    items: BTreeSet<Element>,
    primary: Option<Element>,
}

impl Selection {
    pub fn single(e: Element) -> Self {
        let mut s = Self::default();
        s.set(e);
        s
    }

    pub fn set(&mut self, e: Element) {
        self.items.clear();
        self.items.insert(e.clone());
        self.primary = Some(e);
    }

    /// Adds or removes (Shift/Ctrl-click).
    pub fn toggle(&mut self, e: Element) {
        if !self.items.remove(&e) {
            self.items.insert(e.clone());
            self.primary = Some(e);
        } else if self.primary.as_ref() == Some(&e) {
            self.primary = self.items.iter().next_back().cloned();
        }
    }

    pub fn add(&mut self, e: Element) {
        self.items.insert(e.clone());
        self.primary = Some(e);
    }

    pub fn clear(&mut self) {
        self.items.clear();
        self.primary = None;
    }

    pub fn contains(&self, e: &Element) -> bool {
        self.items.contains(e)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The element the inspector shows.
    pub fn primary(&self) -> Option<&Element> {
        self.primary.as_ref()
    }

    pub fn nodes(&self) -> impl Iterator<Item = &NodeId> {
        self.items.iter().filter_map(|e| match e {
            Element::Node(id) => Some(id),
            _ => None,
        })
    }

    pub fn flows(&self) -> impl Iterator<Item = &FlowId> {
        self.items.iter().filter_map(|e| match e {
            Element::Flow(id) => Some(id),
            _ => None,
        })
    }

    /// Drops elements that no longer exist (after an undo, say).
    pub fn retain(&mut self, exists: impl Fn(&Element) -> bool) {
        self.items.retain(|e| exists(e));
        if self.primary.as_ref().is_some_and(|p| !exists(p)) {
            self.primary = self.items.iter().next_back().cloned();
        }
    }
}
