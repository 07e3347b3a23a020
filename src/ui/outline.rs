//! The outline: every element of the project by kind, with a search; a click selects the
//! element and brings it into view.

use eframe::egui;

use crate::model::NodeKind;

use super::command::AppCommand;
use super::selection::Element;
use super::theme;
use super::view::AppView;

/// The outline's own state: the search text, and whether the search asks for the keyboard.
#[derive(Default)]
pub struct Outline {
    filter: String,
    focus: bool,
}

impl Outline {
    /// Edit ▸ Find: the search field takes the keyboard in the next frame.
    pub fn focus_search(&mut self) {
        self.focus = true;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
        outline(self, ui, view, out);
    }
}

fn outline(state: &mut Outline, ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    ui.add_space(4.0);
    let search = ui
        .add(
            egui::TextEdit::singleline(&mut state.filter)
                .hint_text("Search (Ctrl+F)")
                .desired_width(f32::INFINITY),
        )
        .accessible_name("Search the outline");
    if state.focus {
        search.request_focus();
        state.focus = false;
    }
    let filter = state.filter.to_lowercase();
    let matches = |text: &str| filter.is_empty() || text.to_lowercase().contains(&filter);
    ui.add_space(4.0);
    let mut clicked: Option<Element> = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        let project = &view.doc.project;
        let mut entry = |ui: &mut egui::Ui, element: Element, text: String| {
            let selected = view.selection.contains(&element);
            if ui.selectable_label(selected, text).clicked() {
                clicked = Some(element);
            }
        };
        if matches("organisation") || matches(&project.organisation.controller.name) {
            entry(
                ui,
                Element::Organisation,
                format!("🏢 {}", project.organisation.controller.name),
            );
        }
        type IsKind = fn(&NodeKind) -> bool;
        let kinds: [(&str, IsKind); 5] = [
            ("Sources", |k| matches!(k, NodeKind::Source(_))),
            ("Consent gates", |k| matches!(k, NodeKind::ConsentGate(_))),
            ("Relays", |k| matches!(k, NodeKind::Relay(_))),
            ("Stores", |k| matches!(k, NodeKind::Store(_))),
            ("Destinations", |k| matches!(k, NodeKind::Destination(_))),
        ];
        for (title, is) in kinds {
            let nodes: Vec<_> = project
                .nodes
                .iter()
                .filter(|n| is(&n.kind) && (matches(&n.name) || matches(n.id.as_str())))
                .collect();
            egui::CollapsingHeader::new(format!("{title} ({})", nodes.len()))
                .id_salt(title)
                .default_open(true)
                .show(ui, |ui| {
                    let rows: Vec<(Element, String)> = nodes
                        .iter()
                        .map(|n| {
                            let marks = view.doc.mark(n.id.as_str()).map_or(0, |m| m.count);
                            let text = if marks > 0 {
                                format!("{} {}  ⚠{marks}", theme::kind_icon(&n.kind), n.name)
                            } else {
                                format!("{} {}", theme::kind_icon(&n.kind), n.name)
                            };
                            (Element::Node(n.id.clone()), text)
                        })
                        .collect();
                    entries(ui, title, rows, &mut entry);
                });
        }
        let activities: Vec<_> = project
            .activities
            .iter()
            .filter(|a| matches(&a.name) || matches(a.id.as_str()))
            .collect();
        egui::CollapsingHeader::new(format!("Processing activities ({})", activities.len()))
            .default_open(true)
            .show(ui, |ui| {
                for a in activities {
                    entry(ui, Element::Activity(a.id.clone()), a.name.clone());
                }
            });
        let purposes: Vec<_> = project
            .consent_purposes
            .iter()
            .filter(|c| matches(&c.name) || matches(c.id.as_str()))
            .collect();
        egui::CollapsingHeader::new(format!("Consent purposes ({})", purposes.len()))
            .default_open(false)
            .show(ui, |ui| {
                for c in purposes {
                    entry(ui, Element::ConsentPurpose(c.id.clone()), c.name.clone());
                }
            });
        let fields: Vec<_> = project
            .fields
            .iter()
            .filter(|f| matches(&f.label) || matches(f.id.as_str()) || matches(&f.category))
            .collect();
        egui::CollapsingHeader::new(format!("Fields ({})", fields.len()))
            .default_open(false)
            .show(ui, |ui| {
                for f in fields {
                    entry(ui, Element::Field(f.id.clone()), f.label.clone());
                }
            });
        let risks: Vec<_> = project
            .accepted_risks
            .iter()
            .filter(|r| matches(&r.rule) || matches(&r.target) || matches(r.id.as_str()))
            .collect();
        egui::CollapsingHeader::new(format!("Accepted risks ({})", risks.len()))
            .default_open(false)
            .show(ui, |ui| {
                for r in risks {
                    entry(
                        ui,
                        Element::AcceptedRisk(r.id.clone()),
                        format!("{} on {}", r.rule, r.target),
                    );
                }
            });
    });
    if let Some(e) = clicked {
        out.push(AppCommand::Reveal(e));
    }
}

/// A list of outline entries; a long one scrolls in a box of its own, where only the entries
/// in view are laid out.
fn entries(
    ui: &mut egui::Ui,
    id: &str,
    rows: Vec<(Element, String)>,
    entry: &mut impl FnMut(&mut egui::Ui, Element, String),
) {
    const SHORT: usize = 60;
    if rows.len() <= SHORT {
        for (e, text) in rows {
            entry(ui, e, text);
        }
        return;
    }
    let height = ui.text_style_height(&egui::TextStyle::Button) + ui.spacing().item_spacing.y + 2.0;
    let mut rows: Vec<Option<(Element, String)>> = rows.into_iter().map(Some).collect();
    egui::ScrollArea::vertical()
        .id_salt(("outline", id))
        .max_height(320.0)
        .show_rows(ui, height, rows.len(), |ui, range| {
            for i in range {
                if let Some((e, text)) = rows[i].take() {
                    entry(ui, e, text);
                }
            }
        });
}
