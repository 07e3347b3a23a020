//! What the canvas shows: everything, one node, one flow, a finding's path; never magnified
//! past 100 %.

use eframe::egui::{Pos2, Rect, Vec2};

use crate::model::NodeId;

use super::super::document::Document;
use super::Canvas;

impl Canvas {
    /// Frames everything (View ▸ Fit).
    pub fn fit_all(&mut self) {
        self.scene_rect = Rect::ZERO;
    }

    /// Brings these nodes into view together (a finding's path): the view stays when they
    /// are all in it already, else it is fitted to them.
    pub fn frame_nodes(&mut self, doc: &Document, ids: &[NodeId]) {
        let mut r = Rect::NOTHING;
        for id in ids {
            if doc.project.node(id.as_str()).is_some() {
                r = r.union(self.node_rect(doc, id.as_str(), Vec2::ZERO));
            }
        }
        if r.is_positive() && !(self.scene_rect.is_positive() && self.scene_rect.contains_rect(r)) {
            self.pending_frame = Some(r);
        }
    }

    /// The part of the scene to show so that `content` fills the view, with a margin, and
    /// never magnified past 100 % (a single card would otherwise fill the screen).
    pub(super) fn fitted(content: Rect, view: Vec2) -> Rect {
        let r = content.expand(60.0);
        if r.width() < view.x && r.height() < view.y {
            Rect::from_center_size(r.center(), view)
        } else {
            r
        }
    }

    /// Frames one node, keeping the zoom.
    pub fn frame_node(&mut self, doc: &Document, id: &str) {
        let pos = doc.position(id);
        let centre = Pos2::new(pos.x, pos.y) + self.card_size() / 2.0;
        if self.scene_rect.is_positive() {
            self.scene_rect = Rect::from_center_size(centre, self.scene_rect.size());
        }
    }

    /// Frames a flow: the middle of its two ends.
    pub fn frame_flow(&mut self, doc: &Document, id: &str) {
        let Some(flow) = doc.project.flow(id) else {
            return;
        };
        let a = doc.position(flow.from.as_str());
        let b = doc.position(flow.to.as_str());
        let centre = Pos2::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0) + self.card_size() / 2.0;
        if self.scene_rect.is_positive() {
            self.scene_rect = Rect::from_center_size(centre, self.scene_rect.size());
        }
    }
}
