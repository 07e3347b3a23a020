//! How flows are painted: a curve from the sender's right edge to the receiver's left edge,
//! an arrow head, and a badge with the number of fields sent, a mark for raw identifiers and
//! the colour of the worst finding; highlighted when a finding's path runs along it.

use rustc_hash::FxHashMap as HashMap;

use eframe::egui::{
    self, Align2, Color32, CornerRadius, FontId, Pos2, Rect, Role, Sense, Shape, Stroke,
    StrokeKind, Vec2, WidgetInfo, epaint::CubicBezierShape,
};

use crate::check::Severity;
use crate::check::plan::{Carriage, Simulation};
use crate::model::{Identifiability, Transform};

use super::super::command::AppCommand;
use super::super::selection::Element;
use super::super::theme;
use super::super::view::AppView;
use super::{Canvas, screen_bounds};

impl Canvas {
    pub(super) fn paint_flows(
        &self,
        ui: &mut egui::Ui,
        view: &AppView,
        offset: &dyn Fn(&str) -> Vec2,
        visible: Rect,
        add: bool,
        actions: &mut Vec<AppCommand>,
    ) {
        let (doc, selection) = (view.doc, view.selection);
        // Zoomed out, badges grow (up to 1.8 times) so that their numbers stay readable.
        let zoom = ui
            .ctx()
            .layer_transform_to_global(ui.layer_id())
            .map_or(1.0, |t| t.scaling);
        let grow = (0.8 / zoom).clamp(1.0, 1.8);
        /// Below this zoom, flows are drawn as lines without badges.
        const SKETCH_ZOOM: f32 = 0.2;
        // Cards in view, bucketed by area, so that each badge looks only at the cards near it.
        const CELL: f32 = 160.0;
        let cell = |p: Pos2| ((p.x / CELL).floor() as i32, (p.y / CELL).floor() as i32);
        let mut cards: HashMap<(i32, i32), Vec<Rect>> = HashMap::default();
        for n in &doc.project.nodes {
            let r = self.node_rect(doc, n.id.as_str(), offset(n.id.as_str()));
            if visible.intersects(r) {
                let (a, b) = (cell(r.min), cell(r.max));
                for x in a.0..=b.0 {
                    for y in a.1..=b.1 {
                        cards.entry((x, y)).or_default().push(r);
                    }
                }
            }
        }
        // Badges placed so far, bucketed the same way.
        let mut badges: HashMap<(i32, i32), Vec<Rect>> = HashMap::default();
        for flow in &doc.project.flows {
            let a = self.node_rect(doc, flow.from.as_str(), offset(flow.from.as_str()));
            let b = self.node_rect(doc, flow.to.as_str(), offset(flow.to.as_str()));
            if !visible.intersects(a.union(b)) {
                continue;
            }
            let selected = selection.contains(&Element::Flow(flow.id.clone()));
            let raw_identifiers = flow.sent_fields().any(|m| {
                m.transform == Transform::Raw
                    && doc
                        .project
                        .field(m.field.as_str())
                        .is_some_and(|f| f.identifiability == Identifiability::DirectIdentifier)
            });
            let worst = doc.mark(flow.id.as_str()).map(|m| m.worst);
            // In the consent simulator: what the flow carries in the simulated state.
            let simulated = view.simulation.map(|s| Simulated::of(s, flow));
            let quiet_flow = simulated.as_ref().is_some_and(|s| s.carried == 0);
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
            // A flow that carries nothing in the simulated state fades into the background.
            let colour = if quiet_flow && !selected {
                colour.gamma_multiply(0.25)
            } else {
                colour
            };
            // Comparing: a flow added or changed since is drawn in its mark's colour.
            let compared = view
                .comparison
                .and_then(|c| super::compared::flow_colour(c, flow));
            let colour = match compared {
                Some(c) if !selected => c,
                _ => colour,
            };
            let width = if selected || compared.is_some() {
                2.5
            } else if quiet_flow {
                1.0
            } else {
                1.5
            };
            let lit = view.highlight.is_some_and(|h| {
                h.element == Element::Flow(flow.id.clone())
                    || h.path
                        .windows(2)
                        .any(|w| w[0] == flow.from && w[1] == flow.to)
            });
            // Far out, an arrow is a few pixels long and its badge too small to read or click:
            // a straight line shows it, and a project of 50,000 flows that fits the window
            // stays quick to draw (a curve is dozens of segments, a badge a text and a widget).
            if zoom < SKETCH_ZOOM {
                // The line takes the colour the badge would have had for a finding or data
                // sent without consent, so that the problems still show from far out.
                let colour = match worst {
                    _ if selected || compared.is_some() => colour,
                    _ if simulated.as_ref().is_some_and(|s| s.without_consent > 0) => theme::ERROR,
                    Some(_) if simulated.is_some() => colour,
                    Some(Severity::Error) => theme::ERROR,
                    Some(Severity::Warning) => theme::WARNING,
                    _ => colour,
                };
                if lit {
                    let glow = Stroke::new(width + 7.0, theme::HIGHLIGHT.gamma_multiply(0.55));
                    ui.painter().line_segment([start, end], glow);
                }
                ui.painter()
                    .line_segment([start, end], Stroke::new(width, colour));
                continue;
            }
            let bend = ((end.x - start.x).abs() / 2.0).max(40.0);
            let curve = CubicBezierShape::from_points_stroke(
                [start, start + Vec2::X * bend, end - Vec2::X * bend, end],
                false,
                Color32::TRANSPARENT,
                Stroke::new(width, colour),
            );
            let mid = curve.sample(0.5);
            if lit {
                // A glow under the arrow: the finding's path stands out without hiding it.
                let mut glow = curve.clone();
                glow.stroke =
                    Stroke::new(width + 7.0, theme::HIGHLIGHT.gamma_multiply(0.55)).into();
                ui.painter().add(Shape::CubicBezier(glow));
            }
            ui.painter().add(Shape::CubicBezier(curve.clone()));
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
            let label = match &simulated {
                Some(s) if s.without_consent > 0 => format!("{} ⚠", s.carried),
                Some(s) => s.carried.to_string(),
                None if raw_identifiers => format!("{count} ⚠"),
                None => count.to_string(),
            };
            // Comparing: the mappings added, removed and changed, after the count.
            let suffix = view
                .comparison
                .map(|c| super::compared::badge_suffix(c, flow))
                .unwrap_or_default();
            let label = if suffix.is_empty() {
                label
            } else {
                format!("{label} {suffix}")
            };
            let marked = label.ends_with('⚠');
            // On its own curve, where it lies on no card and on no other badge: the middle,
            // else the first free spot nearer one end.
            let size = if suffix.is_empty() {
                Vec2::new(if marked { 42.0 } else { 28.0 }, 20.0) * grow
            } else {
                let text = ui.painter().layout_no_wrap(
                    label.clone(),
                    FontId::proportional(12.0 * grow),
                    Color32::WHITE,
                );
                Vec2::new(text.size().x + 14.0 * grow, 20.0 * grow)
            };
            let free = |r: Rect| {
                let (a, b) = (
                    cell(r.min - Vec2::splat(4.0)),
                    cell(r.max + Vec2::splat(4.0)),
                );
                !(a.0..=b.0).any(|x| {
                    (a.1..=b.1).any(|y| {
                        cards
                            .get(&(x, y))
                            .is_some_and(|v| v.iter().any(|c| c.expand(4.0).intersects(r)))
                            || badges
                                .get(&(x, y))
                                .is_some_and(|v| v.iter().any(|o| o.expand(2.0).intersects(r)))
                    })
                })
            };
            let badge = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8]
                .iter()
                .map(|t| Rect::from_center_size(curve.sample(*t), size))
                .find(|r| free(*r))
                .unwrap_or_else(|| Rect::from_center_size(mid, size));
            let (a, b) = (cell(badge.min), cell(badge.max));
            for x in a.0..=b.0 {
                for y in a.1..=b.1 {
                    badges.entry((x, y)).or_default().push(badge);
                }
            }
            let id = ui.scope_id().with(("flow", flow.id.as_str()));
            let resp = ui.interact(badge, id, Sense::click());
            let (quiet, quiet_text) = theme::badge_colours(ui.visuals());
            let fill = match worst {
                _ if simulated.as_ref().is_some_and(|s| s.without_consent > 0) => theme::ERROR,
                _ if quiet_flow && !selected => quiet.gamma_multiply(0.4),
                Some(_) if simulated.is_some() && !selected => quiet,
                Some(Severity::Error) => theme::ERROR,
                Some(Severity::Warning) => theme::WARNING,
                _ if selected => ui.visuals().selection.bg_fill,
                _ => quiet,
            };
            ui.painter().rect(
                badge,
                CornerRadius::same((10.0 * grow) as u8),
                fill,
                Stroke::new(1.0, colour),
                StrokeKind::Inside,
            );
            let text_colour = if simulated.is_some() {
                if fill == theme::ERROR || selected {
                    theme::text_on(fill)
                } else if quiet_flow {
                    quiet_text.gamma_multiply(0.5)
                } else {
                    quiet_text
                }
            } else if worst.is_some() || selected {
                theme::text_on(fill)
            } else {
                quiet_text
            };
            ui.painter().text(
                badge.center(),
                Align2::CENTER_CENTER,
                label,
                FontId::proportional(12.0 * grow),
                text_colour,
            );
            let mut name = format!(
                "Flow {} from {} to {}: {}{}",
                flow.id,
                flow.from,
                flow.to,
                super::super::plural(count, "field", "fields"),
                if raw_identifiers {
                    ", raw identifiers"
                } else {
                    ""
                }
            );
            if let Some(s) = &simulated {
                name.push_str(&s.describe(count));
            }
            name.push_str(&super::compared::describe_flow(view, flow));
            resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
            screen_bounds(ui, resp.id, badge);
            let resp = resp.on_hover_text(&name);
            resp.context_menu(|ui| super::menus::flow(ui, flow, actions));
            if resp.clicked() {
                actions.push(AppCommand::Select {
                    element: Element::Flow(flow.id.clone()),
                    toggle: add,
                });
            }
        }
    }
}

/// What a flow carries in the simulated consent state.
struct Simulated {
    carried: usize,
    without_consent: usize,
    unknown: usize,
}

impl Simulated {
    fn of(sim: &Simulation, flow: &crate::model::Flow) -> Self {
        let mut s = Simulated {
            carried: 0,
            without_consent: 0,
            unknown: 0,
        };
        for m in flow.sent_fields() {
            match sim.carriage(flow.id.as_str(), m.field.as_str()) {
                Some(Carriage::Carried) => s.carried += 1,
                Some(Carriage::WithoutConsent { .. }) => {
                    s.carried += 1;
                    s.without_consent += 1;
                }
                Some(Carriage::Unknown { .. }) => {
                    s.carried += 1;
                    s.unknown += 1;
                }
                Some(Carriage::Blocked) | None => {}
            }
        }
        s
    }

    /// For the badge's tooltip and screen readers.
    fn describe(&self, count: usize) -> String {
        let mut out = if self.carried == 0 {
            "; carries nothing in the simulated consent state".to_owned()
        } else {
            format!(
                "; carries {} of {count} in the simulated consent state",
                self.carried
            )
        };
        if self.without_consent > 0 {
            out.push_str(&format!(
                ", {} without the consent needed",
                super::super::plural(self.without_consent, "field", "fields")
            ));
        }
        if self.unknown > 0 {
            out.push_str(&format!(
                ", {} whose consent need the model does not say",
                self.unknown
            ));
        }
        out
    }
}
