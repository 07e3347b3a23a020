//! How a node's card is painted: a band in its kind's colour with its icon, its name, what it
//! is, who runs it where, and its findings mark.

use eframe::egui::{
    self, Align2, Color32, CornerRadius, FontId, Pos2, Rect, Stroke, StrokeKind, Vec2,
};

use crate::model::NodeKind;

use super::super::document::Document;
use super::super::theme;
use super::super::view::AppView;
use super::Canvas;
use crate::check::plan::Simulation;

impl Canvas {
    pub(super) fn paint_card(
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
        // Zoomed far out, a card shows only its name, large enough to read on the screen
        // (about 11 points), on up to two lines; close up, all three lines.
        let zoom = ui
            .ctx()
            .layer_transform_to_global(ui.layer_id())
            .map_or(1.0, |t| t.scaling);
        if zoom < 0.7 {
            let size = (11.5 / zoom).min(26.0);
            let mut job = egui::text::LayoutJob::simple(
                node.name.clone(),
                FontId::proportional(size),
                visuals.strong_text_color(),
                // Room for the findings mark, which grows when zoomed out.
                if doc.card_mark(node.id.as_str()).is_some() {
                    max_width - 36.0
                } else {
                    max_width - 4.0
                },
            );
            job.wrap.max_rows = 2;
            job.wrap.overflow_character = Some('…');
            let galley = ui.painter().layout_job(job);
            let top = rect.center().y - galley.size().y / 2.0;
            ui.painter().galley(
                Pos2::new(text_left, top),
                galley,
                visuals.strong_text_color(),
            );
        } else {
            self.card_lines(ui, node, rect, text_left, max_width);
        }
        // Findings mark.
        if let Some(mark) = doc.card_mark(node.id.as_str()) {
            // Zoomed out, the mark grows (up to 1.8 times), as the flows' badges do.
            let grow = (0.8 / zoom).clamp(1.0, 1.8);
            let centre = Pos2::new(rect.right() - 14.0 * grow, rect.top() + 14.0 * grow);
            let fill = theme::severity_colour(mark.worst);
            painter.circle_filled(centre, 9.0 * grow, fill);
            painter.text(
                centre,
                Align2::CENTER_CENTER,
                mark.count.to_string(),
                FontId::proportional(11.0 * grow),
                theme::text_on(fill),
            );
        }
    }
}

impl Canvas {
    /// A card's three lines: its name, what it is, who runs it where.
    fn card_lines(
        &self,
        ui: &egui::Ui,
        node: &crate::model::Node,
        rect: Rect,
        text_left: f32,
        max_width: f32,
    ) {
        let visuals = ui.visuals();
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
            theme::subtitle_colour(visuals),
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
            theme::subtitle_colour(visuals),
            max_width,
        );
    }
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

/// In the consent simulator, a destination says whether it still receives something; one
/// that receives nothing fades.
pub(super) fn simulated(ui: &egui::Ui, node: &crate::model::Node, rect: Rect, sim: &Simulation) {
    if node.as_destination().is_none() {
        return;
    }
    let receives = sim.receiving.iter().any(|d| d == node.id.as_str());
    let painter = ui.painter();
    if !receives {
        painter.rect_filled(
            rect,
            CornerRadius::same(8),
            theme::canvas_fill(ui.visuals()).gamma_multiply(0.6),
        );
    }
    let (text, fill) = if receives {
        ("receives data", theme::OK)
    } else {
        ("receives nothing", ui.visuals().widgets.inactive.bg_fill)
    };
    // Zoomed out, the mark grows (up to 1.8 times), as the findings mark does.
    let zoom = ui
        .ctx()
        .layer_transform_to_global(ui.layer_id())
        .map_or(1.0, |t| t.scaling);
    let grow = (0.8 / zoom).clamp(1.0, 1.8);
    let galley = painter.layout_no_wrap(
        text.to_owned(),
        FontId::proportional(12.5 * grow),
        theme::text_on(fill),
    );
    let size = galley.size() + Vec2::new(12.0, 4.0) * grow;
    let pill = Rect::from_min_size(
        Pos2::new(rect.right() - size.x - 6.0, rect.bottom() - size.y / 2.0),
        size,
    );
    painter.rect_filled(pill, CornerRadius::same(8), fill);
    painter.galley(
        pill.min + Vec2::new(6.0, 2.0) * grow,
        galley,
        theme::text_on(fill),
    );
}

/// The card's name for screen readers (and the tests): kind, id, name, operator, country, open
/// findings, and in the consent simulator whether a destination still receives data.
pub(super) fn name(view: &AppView, node: &crate::model::Node, lit: bool) -> String {
    let id = node.id.as_str();
    let marks = view.doc.card_mark(id).map_or(String::new(), |m| {
        format!(
            ", {}",
            super::super::plural(m.count, "open finding", "open findings")
        )
    });
    let name = format!(
        "{} {}: {}, {}{}{marks}{}",
        node.kind.label(),
        node.id,
        node.name,
        node.operator,
        if node.country.is_empty() {
            String::new()
        } else {
            format!(", {}", node.country)
        },
        if lit { " (highlighted)" } else { "" }
    );
    let name = format!("{name}{}", super::compared::describe_node(view, node));
    match view.simulation {
        Some(sim) if node.as_destination().is_some() => {
            if sim.receiving.iter().any(|d| d == id) {
                format!("{name}; receives data in the simulated consent state")
            } else {
                format!("{name}; receives nothing in the simulated consent state")
            }
        }
        _ => name,
    }
}
