//! The data-flow canvas: nodes as cards, flows as arrows, pan and zoom, selection, moving
//! nodes, and drawing a new flow from one node to another. It only reports what the user did
//! ([`CanvasAction`]); the app turns that into commands.

use eframe::egui::{
    self, Align2, Color32, CornerRadius, DragPanButtons, FontId, Pos2, Rect, Role, Sense, Shape,
    Stroke, StrokeKind, Vec2, WidgetInfo, epaint::CubicBezierShape,
};

use crate::check::Severity;
use crate::layout::Grid;
use crate::model::{Identifiability, NodeId, NodeKind, Position, Transform};

use super::document::Document;
use super::selection::{Element, Selection};
use super::theme;

/// What the user did on the canvas this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasAction {
    /// Select an element; `add` for Shift/Ctrl-click.
    Select { element: Element, add: bool },
    /// A box selection ended: these nodes are inside; `add` keeps the old selection.
    SelectNodes { nodes: Vec<String>, add: bool },
    /// A click on empty canvas.
    ClearSelection,
    /// Nodes were dragged to new places.
    Move(Vec<(NodeId, Position)>),
    /// A flow was drawn from one node to another.
    Connect { from: String, to: String },
}

#[derive(Clone, Debug, Default)]
enum Gesture {
    #[default]
    None,
    /// Moving the selected nodes; the offset so far.
    MoveNodes(Vec2),
    /// Drawing a flow from a node's port.
    Connect { from: String },
    /// Dragging a selection box from a corner.
    Box { start: Pos2 },
}

/// The canvas's own state between frames.
pub struct Canvas {
    /// The part of the scene in view; `Rect::ZERO` asks for "fit everything".
    pub scene_rect: Rect,
    /// From canvas units to screen points, as last drawn.
    to_screen: egui::emath::TSTransform,
    gesture: Gesture,
    grid: Grid,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            scene_rect: Rect::ZERO,
            to_screen: Default::default(),
            gesture: Gesture::None,
            grid: Grid::default(),
        }
    }
}

impl Canvas {
    fn card_size(&self) -> Vec2 {
        Vec2::new(self.grid.card_width, self.grid.card_height)
    }

    /// Where a point of the canvas is on the screen, as last drawn (for tests that drag).
    pub fn to_screen(&self, p: Pos2) -> Pos2 {
        self.to_screen * p
    }

    /// The screen rectangle of a node's card, as last drawn.
    pub fn node_screen_rect(&self, doc: &Document, id: &str) -> Rect {
        self.to_screen * self.node_rect(doc, id, Vec2::ZERO)
    }

    /// The node whose card is at a screen position, as last drawn.
    pub fn node_at_screen(&self, doc: &Document, pos: Pos2) -> Option<String> {
        let at = self.to_screen.inverse() * pos;
        doc.project
            .nodes
            .iter()
            .rev()
            .find(|n| self.node_rect(doc, n.id.as_str(), Vec2::ZERO).contains(at))
            .map(|n| n.id.to_string())
    }

    /// Frames everything (View ▸ Fit).
    pub fn fit_all(&mut self) {
        self.scene_rect = Rect::ZERO;
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

    fn node_rect(&self, doc: &Document, id: &str, offset: Vec2) -> Rect {
        let p = doc.position(id);
        Rect::from_min_size(Pos2::new(p.x, p.y) + offset, self.card_size())
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        selection: &Selection,
    ) -> Vec<CanvasAction> {
        let mut actions = Vec::new();
        if !self.scene_rect.is_positive() && !doc.project.nodes.is_empty() {
            self.scene_rect = self.content_rect(doc).expand(60.0);
        }
        let scene = egui::Scene::new()
            .zoom_range(0.1..=2.5)
            .drag_pan_buttons(DragPanButtons::MIDDLE | DragPanButtons::SECONDARY)
            .sense(Sense::click_and_drag());
        let mut scene_rect = self.scene_rect;
        let response = scene
            .show(ui, &mut scene_rect, |ui| {
                self.contents(ui, doc, selection, &mut actions)
            })
            .response;
        self.scene_rect = scene_rect;
        self.to_screen = ui
            .ctx()
            .layer_transform_to_global(response.layer_id)
            .unwrap_or_default();
        self.background(ui, &response, doc, &mut actions);
        if doc.project.nodes.is_empty() {
            ui.painter().text(
                response.rect.center(),
                Align2::CENTER_CENTER,
                "Empty project: add a source, a consent gate and a destination from the Add menu.",
                FontId::proportional(15.0),
                ui.visuals().weak_text_color(),
            );
        }
        actions
    }

    fn content_rect(&self, doc: &Document) -> Rect {
        let mut r = Rect::NOTHING;
        for n in &doc.project.nodes {
            r = r.union(self.node_rect(doc, n.id.as_str(), Vec2::ZERO));
        }
        r
    }

    /// Clicks and box selection on the empty canvas.
    fn background(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        doc: &Document,
        actions: &mut Vec<CanvasAction>,
    ) {
        let add = ui.input(|i| i.modifiers.shift || i.modifiers.command);
        let to_scene = ui
            .ctx()
            .layer_transform_from_global(response.layer_id)
            .unwrap_or_default();
        if response.clicked() && matches!(self.gesture, Gesture::None) {
            actions.push(CanvasAction::ClearSelection);
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
                    .map(|n| n.id.to_string())
                    .collect();
                actions.push(CanvasAction::SelectNodes { nodes, add });
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

    fn contents(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        selection: &Selection,
        actions: &mut Vec<CanvasAction>,
    ) {
        let moving = match self.gesture {
            Gesture::MoveNodes(d) => d,
            _ => Vec2::ZERO,
        };
        let offset = |id: &str| {
            if selection.contains(&Element::Node(id.to_owned())) {
                moving
            } else {
                Vec2::ZERO
            }
        };
        let visible = ui.clip_rect().expand(40.0);
        let add = ui.input(|i| i.modifiers.shift || i.modifiers.command);

        // Flows first, under the cards.
        for flow in &doc.project.flows {
            let a = self.node_rect(doc, flow.from.as_str(), offset(flow.from.as_str()));
            let b = self.node_rect(doc, flow.to.as_str(), offset(flow.to.as_str()));
            if !visible.intersects(a.union(b)) {
                continue;
            }
            let selected = selection.contains(&Element::Flow(flow.id.to_string()));
            let raw_identifiers = flow.sent_fields().any(|m| {
                m.transform == Transform::Raw
                    && doc
                        .project
                        .field(m.field.as_str())
                        .is_some_and(|f| f.identifiability == Identifiability::DirectIdentifier)
            });
            let worst = doc.mark(flow.id.as_str()).map(|m| m.worst);
            let (start, end) = if flow.from == flow.to {
                (a.right_center(), a.right_center() + Vec2::new(0.0, 20.0))
            } else {
                (a.right_center(), b.left_center())
            };
            let colour = if selected {
                ui.visuals().selection.stroke.color
            } else {
                ui.visuals()
                    .widgets
                    .noninteractive
                    .fg_stroke
                    .color
                    .gamma_multiply(0.7)
            };
            let width = if selected { 2.5 } else { 1.5 };
            let bend = ((end.x - start.x).abs() / 2.0).max(40.0);
            let curve = CubicBezierShape::from_points_stroke(
                [start, start + Vec2::X * bend, end - Vec2::X * bend, end],
                false,
                Color32::TRANSPARENT,
                Stroke::new(width, colour),
            );
            let mid = curve.sample(0.5);
            ui.painter().add(Shape::CubicBezier(curve));
            // Arrow head at the target.
            let tip = end;
            let dir = Vec2::X;
            let side = Vec2::new(-dir.y, dir.x) * 5.0;
            ui.painter().add(Shape::convex_polygon(
                vec![tip, tip - dir * 10.0 + side, tip - dir * 10.0 - side],
                colour,
                Stroke::NONE,
            ));
            // The badge: number of fields, a mark for raw identifiers, and the click target.
            let count = flow.sent_fields().count();
            let label = if raw_identifiers {
                format!("{count} ⚠")
            } else {
                count.to_string()
            };
            let badge = Rect::from_center_size(
                mid,
                Vec2::new(if raw_identifiers { 42.0 } else { 28.0 }, 20.0),
            );
            let id = ui.scope_id().with(("flow", flow.id.as_str()));
            let resp = ui.interact(badge, id, Sense::click());
            let fill = match worst {
                Some(Severity::Error) => theme::ERROR,
                Some(Severity::Warning) => theme::WARNING,
                _ if selected => ui.visuals().selection.bg_fill,
                _ => ui.visuals().widgets.inactive.bg_fill,
            };
            ui.painter().rect(
                badge,
                CornerRadius::same(10),
                fill,
                Stroke::new(1.0, colour),
                StrokeKind::Inside,
            );
            let text_colour = if worst.is_some() {
                Color32::WHITE
            } else {
                ui.visuals().text_color()
            };
            ui.painter().text(
                badge.center(),
                Align2::CENTER_CENTER,
                label,
                FontId::proportional(12.0),
                text_colour,
            );
            let name = format!(
                "Flow {} from {} to {}: {count} fields{}",
                flow.id,
                flow.from,
                flow.to,
                if raw_identifiers {
                    ", raw identifiers"
                } else {
                    ""
                }
            );
            resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
            screen_bounds(ui, resp.id, badge);
            let resp = resp.on_hover_text(&name);
            if resp.clicked() {
                actions.push(CanvasAction::Select {
                    element: Element::Flow(flow.id.to_string()),
                    add,
                });
            }
        }

        // A flow being drawn.
        if let Gesture::Connect { from } = &self.gesture {
            let start = self.node_rect(doc, from, Vec2::ZERO).right_center();
            if let Some(p) = ui.input(|i| i.pointer.latest_pos()) {
                let to_scene = ui
                    .ctx()
                    .layer_transform_from_global(ui.layer_id())
                    .unwrap_or_default();
                let end = to_scene * p;
                ui.painter().line_segment(
                    [start, end],
                    Stroke::new(2.0, ui.visuals().selection.stroke.color),
                );
            }
        }

        // The cards.
        let mut drop_target = None;
        for node in &doc.project.nodes {
            let id = node.id.as_str();
            let rect = self.node_rect(doc, id, offset(id));
            if !visible.intersects(rect) {
                continue;
            }
            let element = Element::Node(id.to_owned());
            let selected = selection.contains(&element);
            let resp = ui.interact(
                rect,
                ui.scope_id().with(("node", id)),
                Sense::click_and_drag(),
            );
            let name = format!(
                "{} {}: {}, {}{}",
                node.kind.label(),
                node.id,
                node.name,
                node.operator,
                if node.country.is_empty() {
                    String::new()
                } else {
                    format!(", {}", node.country)
                }
            );
            resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
            screen_bounds(ui, resp.id, rect);
            let hovered = resp.hovered();
            if let Some(p) = resp.hover_pos()
                && rect.contains(p)
            {
                drop_target = Some(id.to_owned());
            }
            self.paint_card(ui, doc, node, rect, selected, hovered);

            // The port: drag from it to draw a flow.
            let port = Rect::from_center_size(rect.right_center(), Vec2::splat(14.0));
            let port_resp = ui.interact(port, ui.scope_id().with(("port", id)), Sense::drag());
            port_resp.widget_info(|| {
                WidgetInfo::labeled(
                    Role::Button,
                    true,
                    format!("Draw a flow from {}", node.name),
                )
            });
            screen_bounds(ui, port_resp.id, port);
            let port_hot = port_resp.hovered() || port_resp.dragged();
            ui.painter().circle(
                port.center(),
                if port_hot { 7.0 } else { 5.0 },
                theme::kind_colour(&node.kind),
                Stroke::new(1.5, ui.visuals().panel_fill),
            );
            if port_resp.drag_started() {
                self.gesture = Gesture::Connect {
                    from: id.to_owned(),
                };
            }
            let port_resp = port_resp.on_hover_text("Drag to another node to draw a flow");

            if resp.clicked() {
                actions.push(CanvasAction::Select { element, add });
            } else if resp.drag_started() && !port_resp.dragged() {
                if !selected {
                    actions.push(CanvasAction::Select {
                        element: Element::Node(id.to_owned()),
                        add,
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
                    let mut moved: Vec<&str> = selection.nodes().collect();
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
                        .collect();
                    actions.push(CanvasAction::Move(moves));
                }
            }
        }

        // Finishing a flow: released over another node.
        if let Gesture::Connect { from } = self.gesture.clone()
            && !ui.input(|i| i.pointer.primary_down())
        {
            self.gesture = Gesture::None;
            if let Some(to) = drop_target {
                actions.push(CanvasAction::Connect { from, to });
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
                    actions.push(CanvasAction::Connect {
                        from,
                        to: n.id.to_string(),
                    });
                }
            }
        }
    }

    fn paint_card(
        &self,
        ui: &egui::Ui,
        doc: &Document,
        node: &crate::model::Node,
        rect: Rect,
        selected: bool,
        hovered: bool,
    ) {
        let visuals = ui.visuals();
        let accent = theme::kind_colour(&node.kind);
        let stroke = if selected {
            Stroke::new(2.5, visuals.selection.stroke.color)
        } else if hovered {
            Stroke::new(1.5, accent)
        } else {
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color)
        };
        let painter = ui.painter();
        painter.rect(
            rect,
            CornerRadius::same(8),
            visuals.extreme_bg_color,
            stroke,
            StrokeKind::Inside,
        );
        // The coloured band with the kind's icon.
        let band = Rect::from_min_size(rect.min, Vec2::new(30.0, rect.height()));
        painter.rect_filled(
            band,
            CornerRadius {
                nw: 8,
                sw: 8,
                ne: 0,
                se: 0,
            },
            accent,
        );
        painter.text(
            band.center(),
            Align2::CENTER_CENTER,
            theme::kind_icon(&node.kind),
            FontId::proportional(16.0),
            Color32::WHITE,
        );
        let text_left = band.right() + 8.0;
        let max_width = rect.right() - text_left - 8.0;
        text_line(
            ui,
            Pos2::new(text_left, rect.top() + 10.0),
            &node.name,
            14.0,
            visuals.strong_text_color(),
            max_width - 22.0,
        );
        let detail = match &node.kind {
            NodeKind::Destination(d) => d.platform.clone(),
            _ => node.kind_detail(),
        };
        text_line(
            ui,
            Pos2::new(text_left, rect.top() + 31.0),
            &detail,
            11.5,
            visuals.weak_text_color(),
            max_width,
        );
        let operator = if node.country.is_empty() {
            node.operator.clone()
        } else {
            format!("{} · {}", node.operator, node.country)
        };
        text_line(
            ui,
            Pos2::new(text_left, rect.top() + 49.0),
            &operator,
            11.5,
            visuals.weak_text_color(),
            max_width,
        );
        // Findings mark.
        if let Some(mark) = doc.mark(node.id.as_str()) {
            let centre = Pos2::new(rect.right() - 14.0, rect.top() + 14.0);
            painter.circle_filled(centre, 9.0, theme::severity_colour(mark.worst));
            painter.text(
                centre,
                Align2::CENTER_CENTER,
                mark.count.to_string(),
                FontId::proportional(11.0),
                Color32::WHITE,
            );
        }
    }
}

/// Tells screen readers (and the UI tests) where a canvas widget is on the screen: egui gives
/// them the widget's rectangle in canvas units, which is not where it is drawn once the canvas
/// is panned or zoomed.
fn screen_bounds(ui: &egui::Ui, id: egui::Id, rect: Rect) {
    let r = ui
        .ctx()
        .layer_transform_to_global(ui.layer_id())
        .unwrap_or_default()
        * rect;
    ui.ctx().accesskit_node_builder(id, |b| {
        b.set_bounds(egui::accesskit::Rect {
            x0: r.min.x.into(),
            y0: r.min.y.into(),
            x1: r.max.x.into(),
            y1: r.max.y.into(),
        });
    });
}

/// One line of text, cut to a width with an ellipsis, painted at `pos`.
fn text_line(ui: &egui::Ui, pos: Pos2, text: &str, size: f32, colour: Color32, width: f32) {
    let mut job =
        egui::text::LayoutJob::simple(text.to_owned(), FontId::proportional(size), colour, width);
    job.wrap.max_rows = 1;
    job.wrap.break_anywhere = true;
    job.wrap.overflow_character = Some('…');
    let galley = ui.painter().layout_job(job);
    ui.painter().galley(pos, galley, colour);
}
