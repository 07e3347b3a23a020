//! What floats over the canvas: the zoom controls with the zoom in per cent, the legend of
//! node kinds and badges, and the minimap, where a click or drag moves the view.

use eframe::egui::{self, Color32, CornerRadius, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use crate::model::{ConsentGate, Destination, NodeKind, Relay, Source, Store};

use super::super::document::Document;
use super::super::theme;
use super::Canvas;

const MINIMAP: Vec2 = Vec2::new(180.0, 110.0);

impl Canvas {
    /// The zoom of the view as last drawn.
    pub fn shown_zoom(&self) -> f32 {
        self.to_screen.scaling
    }

    /// The zoom: screen points per canvas unit.
    pub fn zoom(&self, view: Rect) -> f32 {
        if !self.scene_rect.is_positive() {
            return 1.0;
        }
        (view.width() / self.scene_rect.width()).min(view.height() / self.scene_rect.height())
    }

    /// Zooms around the middle of the view, to `zoom` (within the canvas's zoom range).
    fn set_zoom(&mut self, view: Rect, zoom: f32) {
        let zoom = zoom.clamp(self.least_zoom, 2.5);
        self.scene_rect = Rect::from_center_size(self.scene_rect.center(), view.size() / zoom);
    }

    pub(super) fn overlay(&mut self, ui: &mut egui::Ui, doc: &Document, view: Rect) {
        let id = ui.scope_id();
        egui::Area::new(id.with("zoom"))
            .order(egui::Order::Middle)
            .pivot(egui::Align2::RIGHT_BOTTOM)
            .fixed_pos(view.right_bottom() - Vec2::splat(10.0))
            .constrain_to(view)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let zoom = self.zoom(view);
                        if ui.small_button("−").on_hover_text("Zoom out").clicked() {
                            self.set_zoom(view, zoom / 1.25);
                        }
                        if ui
                            .small_button(zoom_text(zoom))
                            .on_hover_text("Show at 100 %")
                            .clicked()
                        {
                            self.set_zoom(view, 1.0);
                        }
                        if ui.small_button("+").on_hover_text("Zoom in").clicked() {
                            self.set_zoom(view, zoom * 1.25);
                        }
                        if ui
                            .small_button("Fit")
                            .on_hover_text("Fit the diagram (Ctrl+0)")
                            .clicked()
                        {
                            self.fit_all();
                        }
                        ui.toggle_value(&mut self.show_legend, "Legend");
                    });
                });
            });
        if self.show_legend {
            egui::Area::new(id.with("legend"))
                .order(egui::Order::Middle)
                .fixed_pos(view.left_top() + Vec2::new(10.0, 10.0))
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, legend);
                });
        }
        let map_rect = Rect::from_min_size(
            Pos2::new(view.left() + 10.0, view.bottom() - MINIMAP.y - 10.0),
            MINIMAP,
        );
        if view.width() > 600.0 && view.height() > 300.0 {
            egui::Area::new(id.with("minimap"))
                .order(egui::Order::Middle)
                .fixed_pos(map_rect.min)
                .show(ui.ctx(), |ui| self.minimap(ui, doc, map_rect));
        }
    }

    /// Every card as a dot in its kind's colour, the view as a frame; click or drag to move it.
    fn minimap(&mut self, ui: &mut egui::Ui, doc: &Document, map: Rect) {
        let (rect, resp) = ui.allocate_exact_size(map.size(), Sense::click_and_drag());
        let resp = resp.on_hover_text("The whole diagram: click or drag to move the view");
        let visuals = ui.visuals();
        let painter = ui.painter();
        painter.rect(
            rect,
            CornerRadius::same(4),
            visuals.window_fill.gamma_multiply(0.92),
            Stroke::new(1.0, visuals.window_stroke.color),
            StrokeKind::Inside,
        );
        let content = self.content.union(self.scene_rect).expand(40.0);
        if !content.is_positive() {
            return;
        }
        let scale =
            ((rect.width() - 8.0) / content.width()).min((rect.height() - 8.0) / content.height());
        let origin = rect.center() - content.center().to_vec2() * scale;
        let to_map = |p: Pos2| origin + p.to_vec2() * scale;
        for n in &doc.project.nodes {
            let r = self.node_rect(doc, n.id.as_str(), Vec2::ZERO);
            let r = Rect::from_min_max(to_map(r.min), to_map(r.max));
            let r = if r.width() < 2.0 { r.expand(1.0) } else { r };
            painter.rect_filled(r, CornerRadius::same(1), theme::kind_colour(&n.kind));
        }
        let frame = Rect::from_min_max(to_map(self.scene_rect.min), to_map(self.scene_rect.max))
            .intersect(rect);
        painter.rect_stroke(
            frame,
            CornerRadius::same(2),
            Stroke::new(1.5, visuals.selection.stroke.color),
            StrokeKind::Inside,
        );
        if (resp.clicked() || resp.dragged())
            && let Some(p) = resp.interact_pointer_pos()
        {
            let centre = ((p - origin) / scale).to_pos2();
            self.scene_rect = Rect::from_center_size(centre, self.scene_rect.size());
        }
    }
}

/// What the colours and marks on the canvas mean.
fn legend(ui: &mut egui::Ui) {
    ui.strong("Legend");
    let kinds: [(&str, NodeKind); 5] = [
        (
            "source: where personal data enters",
            NodeKind::Source(Source::default()),
        ),
        (
            "consent gate",
            NodeKind::ConsentGate(ConsentGate::default()),
        ),
        ("relay: tag manager, CDP", NodeKind::Relay(Relay::default())),
        (
            "store: database, log, queue",
            NodeKind::Store(Store::default()),
        ),
        (
            "destination: a conversion API",
            NodeKind::Destination(Destination::default()),
        ),
    ];
    for (label, kind) in kinds {
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(Vec2::new(18.0, 14.0), Sense::hover());
            ui.painter()
                .rect_filled(r, CornerRadius::same(3), theme::kind_colour(&kind));
            ui.painter().text(
                r.center(),
                egui::Align2::CENTER_CENTER,
                theme::kind_icon(&kind),
                egui::FontId::proportional(10.0),
                Color32::WHITE,
            );
            ui.label(label);
        });
    }
    ui.separator();
    ui.label("12  a flow and the number of fields it sends");
    ui.label("12 ⚠  raw direct identifiers travel on it");
    ui.horizontal(|ui| {
        ui.colored_label(theme::ERROR, "●");
        ui.label("errors");
        ui.colored_label(theme::WARNING, "●");
        ui.label("warnings on a card or flow");
    });
    ui.horizontal(|ui| {
        ui.colored_label(theme::HIGHLIGHT, "▬");
        ui.label("the element and path of the finding in view");
    });
}

/// The zoom as the button shows it: whole per cent, with a decimal below 10 % (a project of
/// thousands of cards fits the window at well under 1 %, which is not "0 %").
fn zoom_text(zoom: f32) -> String {
    let percent = zoom * 100.0;
    if percent < 9.95 {
        format!("{percent:.1} %")
    } else {
        format!("{percent:.0} %")
    }
}
