//! While comparing with another version (File ▸ Compare with…): cards and flows added since
//! are marked green, changed ones blue; removed nodes are drawn as dashed ghosts where they
//! stood, removed flows as dashed lines. Screen readers (and the tests) read the same marks in
//! the cards' and flows' names.

use eframe::egui::{
    self, Align2, Color32, CornerRadius, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2,
    epaint::CubicBezierShape,
};

use crate::diff::elements::{Comparison, Mark};
use crate::model::{ElementRef, Flow, Node};

use super::super::compare::colour;
use super::super::view::AppView;
use super::Canvas;

/// How much larger marks are drawn when zoomed out, as the other marks on the canvas.
fn grow(ui: &egui::Ui) -> f32 {
    let zoom = ui
        .ctx()
        .layer_transform_to_global(ui.layer_id())
        .map_or(1.0, |t| t.scaling);
    (0.8 / zoom).clamp(1.0, 1.8)
}

/// A pill with the mark's word over a card's top edge, at its left.
fn pill(ui: &egui::Ui, rect: Rect, mark: Mark) {
    let painter = ui.painter();
    let grow = grow(ui);
    let fill = colour(mark);
    let text = super::super::theme::text_on(fill);
    let galley = painter.layout_no_wrap(
        mark.word().to_owned(),
        FontId::proportional(12.0 * grow),
        text,
    );
    let size = galley.size() + Vec2::new(12.0, 4.0) * grow;
    let at = Rect::from_min_size(
        Pos2::new(rect.left() + 36.0, rect.top() - size.y / 2.0),
        size,
    );
    painter.rect_filled(at, CornerRadius::same(8), fill);
    painter.galley(at.min + Vec2::new(6.0, 2.0) * grow, galley, text);
}

/// The mark of a card that was added or changed: an outline in its colour and the pill.
pub(super) fn card(ui: &egui::Ui, node: &Node, rect: Rect, c: &Comparison) {
    let Some(mark) = c.mark(&ElementRef::Node(node.id.clone())) else {
        return;
    };
    ui.painter().rect_stroke(
        rect.expand(2.0),
        CornerRadius::same(10),
        Stroke::new(2.5, colour(mark)),
        StrokeKind::Outside,
    );
    pill(ui, rect, mark);
}

/// What a card's name adds while comparing: "; added since HEAD:shop.capimap.ron".
pub(super) fn describe_node(view: &AppView, node: &Node) -> String {
    let (Some(c), Some(name)) = (view.comparison, view.compared_with) else {
        return String::new();
    };
    match c.of(&ElementRef::Node(node.id.clone())) {
        Some(x) if x.details.is_empty() => format!("; {} since {name}", x.mark.word()),
        Some(x) => format!("; {} since {name}: {}", x.mark.word(), x.details.join("; ")),
        None => String::new(),
    }
}

/// A flow's colour while comparing, when it was added or changed (a mapping of it included).
pub(super) fn flow_colour(c: &Comparison, flow: &Flow) -> Option<Color32> {
    c.flow_mark(flow).map(colour)
}

/// What a flow's badge adds: its mappings added, removed and changed, "+1 −1 ~2".
pub(super) fn badge_suffix(c: &Comparison, flow: &Flow) -> String {
    let [added, removed, changed] = c.mappings_of(flow);
    let mut parts = Vec::new();
    if added > 0 {
        parts.push(format!("+{added}"));
    }
    if removed > 0 {
        parts.push(format!("−{removed}"));
    }
    if changed > 0 {
        parts.push(format!("~{changed}"));
    }
    parts.join(" ")
}

/// What a flow's name adds while comparing.
pub(super) fn describe_flow(view: &AppView, flow: &Flow) -> String {
    let (Some(c), Some(name)) = (view.comparison, view.compared_with) else {
        return String::new();
    };
    let own = c.of(&ElementRef::Flow(flow.id.clone()));
    let [added, removed, changed] = c.mappings_of(flow);
    let mut out = match own {
        Some(x) if x.mark == Mark::Added => return format!("; added since {name}"),
        Some(x) => format!("; changed since {name}: {}", x.details.join("; ")),
        None if added + removed + changed > 0 => format!("; changed since {name}"),
        None => return String::new(),
    };
    for (n, word) in [(added, "added"), (removed, "removed"), (changed, "changed")] {
        if n > 0 {
            out.push_str(&format!(
                ", {} {word}",
                super::super::plural(n, "field", "fields")
            ));
        }
    }
    out
}

impl Canvas {
    /// Where a node stood in the version compared with, when that version placed it.
    fn ghost_rect(&self, c: &Comparison, id: &str) -> Option<Rect> {
        let p = c.old.layout.positions.get(id)?;
        Some(Rect::from_min_size(Pos2::new(p.x, p.y), self.card_size()))
    }

    /// Removed nodes as dashed ghosts where they stood, and removed flows as dashed lines
    /// between the cards (or ghosts) they connected; drawn under the cards.
    pub(super) fn paint_removed(&self, ui: &egui::Ui, view: &AppView, visible: Rect) {
        let Some(c) = view.comparison else {
            return;
        };
        let doc = view.doc;
        let red = colour(Mark::Removed);
        let painter = ui.painter();
        let end = |id: &str| -> Option<Rect> {
            if doc.project.node(id).is_some() {
                Some(self.node_rect(doc, id, Vec2::ZERO))
            } else {
                self.ghost_rect(c, id)
            }
        };
        for x in c.changes.iter().filter(|x| x.mark == Mark::Removed) {
            match &x.element {
                ElementRef::Node(id) => {
                    let Some(rect) = self.ghost_rect(c, id.as_str()) else {
                        continue;
                    };
                    if !visible.intersects(rect) {
                        continue;
                    }
                    dashed_rect(painter, rect, Stroke::new(1.5, red.gamma_multiply(0.8)));
                    painter.text(
                        rect.left_center() + Vec2::new(14.0, 0.0),
                        Align2::LEFT_CENTER,
                        &x.name,
                        FontId::proportional(14.0),
                        red.gamma_multiply(0.8),
                    );
                    pill(ui, rect, Mark::Removed);
                }
                ElementRef::Flow(id) => {
                    let Some(f) = c.old_flow(id.as_str()) else {
                        continue;
                    };
                    let (Some(a), Some(b)) = (end(f.from.as_str()), end(f.to.as_str())) else {
                        continue;
                    };
                    if !visible.intersects(a.union(b)) {
                        continue;
                    }
                    let (start, stop) = (a.right_center(), b.left_center());
                    let bend = ((stop.x - start.x).abs() / 2.0).max(40.0);
                    let curve = CubicBezierShape::from_points_stroke(
                        [start, start + Vec2::X * bend, stop - Vec2::X * bend, stop],
                        false,
                        Color32::TRANSPARENT,
                        Stroke::new(1.5, red),
                    );
                    let points = curve.flatten(Some(0.5));
                    painter.extend(Shape::dashed_line(
                        &points,
                        Stroke::new(1.5, red.gamma_multiply(0.8)),
                        6.0,
                        5.0,
                    ));
                }
                _ => {}
            }
        }
    }
}

fn dashed_rect(painter: &egui::Painter, rect: Rect, stroke: Stroke) {
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    painter.extend(Shape::dashed_line(&corners, stroke, 6.0, 5.0));
}
