//! The data-flow canvas: nodes as cards, flows as arrows, pan and zoom, selection, moving
//! nodes, and drawing a new flow from one node to another. It owns only its view (pan, zoom,
//! the gesture under way) and pushes what the user did as commands.

use eframe::egui::{
    self, CornerRadius, DragPanButtons, Pos2, Rect, Role, Sense, Stroke, StrokeKind, Vec2,
    WidgetInfo,
};

use crate::layout::Grid;
use crate::model::NodeId;

mod card;
mod compared;
mod empty;
mod flows;
mod framing;
mod gestures;
mod menus;
mod overlay;

use gestures::Gesture;

use super::command::AppCommand;
use super::document::Document;
use super::selection::Element;
use super::theme;
use super::view::AppView;

/// The smallest zoom for a project that fits at 10 % or more.
const LEAST_ZOOM: f32 = 0.1;

/// The canvas's own state between frames.
pub struct Canvas {
    /// The part of the scene in view; `Rect::ZERO` asks for "fit everything".
    pub scene_rect: Rect,
    /// From canvas units to screen points, as last drawn.
    to_screen: egui::emath::TSTransform,
    gesture: Gesture,
    grid: Grid,
    /// Nodes to bring into view in the next frame, when the view's size is known.
    pending_frame: Option<Rect>,
    show_legend: bool,
    /// Where the canvas was on the screen, as last drawn.
    view_rect: Rect,
    /// Whether the zoom controls, legend and minimap are drawn (not in a picture of it).
    overlay: bool,
    /// The smallest zoom: 10 %, or less when that is what shows every card at once.
    least_zoom: f32,
    /// Where the cards are, as last drawn (the minimap shows it).
    content: Rect,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            scene_rect: Rect::ZERO,
            to_screen: Default::default(),
            gesture: Gesture::None,
            grid: Grid::default(),
            pending_frame: None,
            show_legend: false,
            view_rect: Rect::ZERO,
            overlay: true,
            least_zoom: LEAST_ZOOM,
            content: Rect::NOTHING,
        }
    }
}

impl Canvas {
    pub(super) fn card_size(&self) -> Vec2 {
        Vec2::new(self.grid.card_width, self.grid.card_height)
    }

    /// Draws the zoom controls, legend and minimap over the canvas, or not.
    pub fn set_overlay(&mut self, on: bool) {
        self.overlay = on;
    }

    /// Where the canvas is on the screen, as last drawn.
    pub fn view_rect(&self) -> Rect {
        self.view_rect
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
    pub fn node_at_screen(&self, doc: &Document, pos: Pos2) -> Option<NodeId> {
        let at = self.to_screen.inverse() * pos;
        doc.project
            .nodes
            .iter()
            .rev()
            .find(|n| self.node_rect(doc, n.id.as_str(), Vec2::ZERO).contains(at))
            .map(|n| n.id.clone())
    }

    pub(super) fn node_rect(&self, doc: &Document, id: &str, offset: Vec2) -> Rect {
        let p = doc.position(id);
        Rect::from_min_size(Pos2::new(p.x, p.y) + offset, self.card_size())
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, view: &AppView, actions: &mut Vec<AppCommand>) {
        let doc = view.doc;
        if doc.project.nodes.is_empty() {
            Self::empty_state(ui, actions);
            return;
        }
        let view_size = ui.available_size();
        let view_rect = ui.available_rect_before_wrap();
        self.view_rect = view_rect;
        // A project of thousands of cards fits the view only below 10 %: Fit must still
        // show all of it (its arrows are then drawn as plain lines, see flows.rs).
        // Worked out once a frame, for the fit, the least zoom and the minimap.
        self.content = self.content_rect(doc);
        let fits = Self::fitted(self.content, view_size);
        self.least_zoom = (view_size.x / fits.width())
            .min(view_size.y / fits.height())
            .clamp(0.001, LEAST_ZOOM);
        if let Some(r) = self.pending_frame.take() {
            self.scene_rect = Self::fitted(r, view_size);
        } else if !self.scene_rect.is_positive() && !doc.project.nodes.is_empty() {
            self.scene_rect = fits;
        }
        let scene = egui::Scene::new()
            .zoom_range(self.least_zoom..=2.5)
            .drag_pan_buttons(DragPanButtons::MIDDLE | DragPanButtons::SECONDARY)
            .sense(Sense::click_and_drag());
        let mut scene_rect = self.scene_rect;
        let response = scene
            .show(ui, &mut scene_rect, |ui| self.contents(ui, view, actions))
            .response;
        self.scene_rect = scene_rect;
        self.to_screen = ui
            .ctx()
            .layer_transform_to_global(response.layer_id)
            .unwrap_or_default();
        self.background(ui, &response, doc, actions);
        response.context_menu(|ui| menus::background(ui, view, actions));
        if self.overlay {
            self.overlay(ui, doc, view_rect);
        }
    }

    pub(super) fn content_rect(&self, doc: &Document) -> Rect {
        let mut r = Rect::NOTHING;
        for n in &doc.project.nodes {
            r = r.union(self.node_rect(doc, n.id.as_str(), Vec2::ZERO));
        }
        r
    }

    fn contents(&mut self, ui: &mut egui::Ui, view: &AppView, actions: &mut Vec<AppCommand>) {
        let (doc, selection) = (view.doc, view.selection);
        let moving = match self.gesture {
            Gesture::MoveNodes(d) => d,
            _ => Vec2::ZERO,
        };
        let offset = |id: &str| {
            if selection.contains(&Element::Node(id.into())) {
                moving
            } else {
                Vec2::ZERO
            }
        };
        let visible = ui.clip_rect().expand(40.0);
        let add = ui.input(|i| i.modifiers.shift || i.modifiers.command);

        // Flows first, under the cards.
        self.paint_flows(ui, view, &offset, visible, add, actions);

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

        // What was removed since the version compared with, under the cards.
        self.paint_removed(ui, view, visible);

        // The cards.
        let mut drop_target = None;
        for node in &doc.project.nodes {
            let id = node.id.as_str();
            let rect = self.node_rect(doc, id, offset(id));
            if !visible.intersects(rect) {
                continue;
            }
            let element = Element::Node(node.id.clone());
            let selected = selection.contains(&element);
            let resp = ui.interact(
                rect,
                ui.scope_id().with(("node", id)),
                Sense::click_and_drag(),
            );
            let lit = view
                .highlight
                .is_some_and(|h| h.element == element || h.path.contains(&node.id));
            let name = card::name(view, node, lit);
            resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
            screen_bounds(ui, resp.id, rect);
            resp.context_menu(|ui| menus::card(ui, node, view, actions));
            let hovered = resp.hovered();
            if let Some(p) = resp.hover_pos()
                && rect.contains(p)
            {
                drop_target = Some(id.to_owned());
            }
            if lit {
                ui.painter().rect_stroke(
                    rect.expand(4.0),
                    CornerRadius::same(11),
                    Stroke::new(3.0, theme::HIGHLIGHT),
                    StrokeKind::Outside,
                );
            }
            self.paint_card(ui, doc, node, rect, selected, hovered);
            if let Some(sim) = view.simulation {
                card::simulated(ui, node, rect, sim);
            }
            if let Some(c) = view.comparison {
                compared::card(ui, node, rect, c);
            }

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

            self.drag_card(&resp, &port_resp, view, id, selected, add, actions);
        }

        self.finish_connect(ui, doc, drop_target, actions);
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
