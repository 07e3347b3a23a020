//! What a drag or click on the canvas means: a box selection on the empty canvas, moving the
//! selected cards, drawing a flow from a card's port to another card. The canvas keeps the
//! gesture under way between frames; this file turns it into commands.

use eframe::egui::{self, CornerRadius, Pos2, Rect, Stroke, StrokeKind, Vec2};

use super::Canvas;
use crate::model::{NodeId, Position};
use crate::ui::command::AppCommand;
use crate::ui::document::Document;
use crate::ui::selection::Element;
use crate::ui::view::AppView;

#[derive(Clone, Debug, Default)]
pub(super) enum Gesture {
    #[default]
    None,
    /// Moving the selected nodes; the offset so far.
    MoveNodes(Vec2),
    /// Drawing a flow from a node's port.
    Connect { from: String },
    /// Dragging a selection box from a corner.
    Box { start: Pos2 },
}

impl Canvas {
    /// Clicks and box selection on the empty canvas.
    pub(super) fn background(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        doc: &Document,
        actions: &mut Vec<AppCommand>,
    ) {
        let add = ui.input(|i| i.modifiers.shift || i.modifiers.command);
        let to_scene = ui
            .ctx()
            .layer_transform_from_global(response.layer_id)
            .unwrap_or_default();
        if response.clicked() && matches!(self.gesture, Gesture::None) {
            actions.push(AppCommand::ClearSelection);
        }
        if response.drag_started_by(egui::PointerButton::Primary)
            && let Some(pos) = response.interact_pointer_pos()
        {
            self.gesture = Gesture::Box { start: pos };
        }
        if let Gesture::Box { start } = self.gesture.clone() {
            let now = ui
                .input(|i| i.pointer.latest_pos())
                .map(|p| to_scene * p)
                .unwrap_or(start);
            let rect = Rect::from_two_pos(start, now);
            if response.drag_stopped() || !ui.input(|i| i.pointer.primary_down()) {
                let nodes = doc
                    .project
                    .nodes
                    .iter()
                    .filter(|n| rect.intersects(self.node_rect(doc, n.id.as_str(), Vec2::ZERO)))
                    .map(|n| n.id.clone())
                    .collect();
                actions.push(AppCommand::SelectNodes { nodes, add });
                self.gesture = Gesture::None;
            } else {
                let painter = ui.ctx().layer_painter(response.layer_id);
                let global = to_scene.inverse() * rect;
                painter.rect(
                    global,
                    CornerRadius::same(2),
                    ui.visuals().selection.bg_fill.gamma_multiply(0.15),
                    Stroke::new(1.0, ui.visuals().selection.stroke.color),
                    StrokeKind::Inside,
                );
            }
        }
    }

    /// A click on a card selects it; a drag moves the selection (or only this card when it is
    /// not selected), as one undoable step when the drag ends.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn drag_card(
        &mut self,
        resp: &egui::Response,
        port_resp: &egui::Response,
        view: &AppView,
        id: &str,
        selected: bool,
        add: bool,
        actions: &mut Vec<AppCommand>,
    ) {
        let (doc, selection) = (view.doc, view.selection);
        let element = Element::Node(id.into());
        if resp.clicked() {
            actions.push(AppCommand::Select {
                element,
                toggle: add,
            });
        } else if resp.drag_started() && !port_resp.dragged() {
            if !selected {
                actions.push(AppCommand::Select {
                    element,
                    toggle: add,
                });
            }
            self.gesture = Gesture::MoveNodes(Vec2::ZERO);
        }
        if resp.dragged()
            && let Gesture::MoveNodes(d) = &mut self.gesture
        {
            *d += resp.drag_delta();
        }
        if resp.drag_stopped()
            && let Gesture::MoveNodes(d) = self.gesture.clone()
        {
            self.gesture = Gesture::None;
            if d != Vec2::ZERO {
                let mut moved: Vec<&str> = selection.nodes().map(|n| n.as_str()).collect();
                if !selected {
                    moved = vec![id];
                }
                let moves = moved
                    .into_iter()
                    .map(|n| {
                        let p = doc.position(n);
                        (
                            NodeId::new(n),
                            Position {
                                x: (p.x + d.x).round(),
                                y: (p.y + d.y).round(),
                            },
                        )
                    })
                    .collect::<Vec<_>>();
                let label = if moves.len() == 1 {
                    "Move node"
                } else {
                    "Move nodes"
                };
                actions.push(AppCommand::Edit {
                    label: label.to_owned(),
                    command: Box::new(crate::edit::ops::move_nodes(moves)),
                    merge: None,
                });
            }
        }
    }

    /// Drawing a flow ends when the button is released: over a card, the flow is made.
    pub(super) fn finish_connect(
        &mut self,
        ui: &egui::Ui,
        doc: &Document,
        drop_target: Option<String>,
        actions: &mut Vec<AppCommand>,
    ) {
        if let Gesture::Connect { from } = self.gesture.clone()
            && !ui.input(|i| i.pointer.primary_down())
        {
            self.gesture = Gesture::None;
            if let Some(to) = drop_target {
                actions.push(AppCommand::Connect {
                    from: from.as_str().into(),
                    to: to.as_str().into(),
                });
            } else if let Some(p) = ui.input(|i| i.pointer.latest_pos()) {
                let to_scene = ui
                    .ctx()
                    .layer_transform_from_global(ui.layer_id())
                    .unwrap_or_default();
                let at = to_scene * p;
                if let Some(n) = doc
                    .project
                    .nodes
                    .iter()
                    .find(|n| self.node_rect(doc, n.id.as_str(), Vec2::ZERO).contains(at))
                {
                    actions.push(AppCommand::Connect {
                        from: from.as_str().into(),
                        to: n.id.clone(),
                    });
                }
            }
        }
    }
}
