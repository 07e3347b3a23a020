//! The inspector: a form for the selected element. Each change is an edited copy of the
//! element, pushed as one edit command; typing into one element merges into one undo step.
//! Text that does not parse yet (a period, a date, a country code) is kept as typed, with a
//! message, until it does. One file per kind of element.

mod activity;
mod entities;
mod flow;
mod node;
mod organisation;
mod regions;
mod retention;
mod widgets;

use eframe::egui::{self, RichText};

use crate::edit::{Command, ops};

use super::command::AppCommand;
use super::selection::Element;
use super::theme;
use super::view::AppView;

use widgets::Drafts;

/// The inspector's own state: text being typed that does not parse yet.
#[derive(Default)]
pub struct Inspector {
    drafts: Drafts,
}

/// What a form reads and where it sends what it asks for.
pub(super) struct Form<'a, 'v> {
    pub view: &'a AppView<'v>,
    pub drafts: &'a mut Drafts,
    pub out: &'a mut Vec<AppCommand>,
}

fn edit(out: &mut Vec<AppCommand>, label: String, command: Command, merge: Option<String>) {
    out.push(AppCommand::Edit {
        label,
        command: Box::new(command),
        merge,
    });
}

impl Inspector {
    /// Forgets half-typed text (another project was opened).
    pub fn forget_drafts(&mut self) {
        self.drafts.clear();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add_space(4.0);
                self.contents(ui, view, out);
            });
    }

    fn contents(&mut self, ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
        let selection = view.selection;
        let Some(selected) = selection.primary().cloned() else {
            ui.heading("Nothing selected");
            ui.label("Click a card or an arrow's badge on the canvas, or an entry in the outline, to see and edit it here.");
            if selection.len() > 1 {
                ui.label(format!("{} elements selected.", selection.len()));
            }
            return;
        };
        if selection.len() > 1 {
            ui.label(
                RichText::new(format!(
                    "{} selected; showing the last one.",
                    selection.len()
                ))
                .weak(),
            );
        }
        let project = &view.doc.project;
        let mut form = Form {
            view,
            drafts: &mut self.drafts,
            out,
        };
        let edited = match &selected {
            Element::Node(id) => project
                .node(id.as_str())
                .cloned()
                .and_then(|n| node::node_form(&mut form, ui, n)),
            Element::Flow(id) | Element::Mapping(id, _) => project
                .flow(id.as_str())
                .cloned()
                .and_then(|f| flow::flow_form(&mut form, ui, f)),
            Element::Activity(id) => project
                .activity(id.as_str())
                .cloned()
                .and_then(|a| activity::activity_form(&mut form, ui, a)),
            Element::ConsentPurpose(id) => project
                .consent_purpose(id.as_str())
                .cloned()
                .and_then(|c| entities::purpose_form(ui, c)),
            Element::Field(id) => project
                .field(id.as_str())
                .cloned()
                .and_then(|f| entities::field_form(ui, f)),
            Element::Organisation => {
                // The app speaks English; the words are capimap's own and parse (a test holds
                // it), else the list is left out rather than shown half-made.
                let by_role = crate::report::words::Words::shared(crate::report::words::Lang::En)
                    .map(|w| {
                        crate::report::wording::all_joint_controllers(project, w)
                            .into_iter()
                            .skip(project.organisation.joint_controllers.len())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                if let Some(info) = organisation::project_form(ui, project) {
                    edit(
                        form.out,
                        "Edit project".to_owned(),
                        info,
                        Some("edit:project".to_owned()),
                    );
                }
                let org = project.organisation.clone();
                if let Some(org) = organisation::organisation_form(ui, org, &by_role) {
                    edit(
                        form.out,
                        "Edit organisation".to_owned(),
                        Command::SetOrganisation(Box::new(org)),
                        Some("edit:organisation".to_owned()),
                    );
                }
                None
            }
            Element::Retention(id) => {
                // Retention rules are edited with their node.
                if let Some(r) = project.retention.iter().find(|r| &r.id == id) {
                    form.out.push(AppCommand::Select {
                        element: Element::Node(r.node.clone()),
                        toggle: false,
                    });
                }
                None
            }
            Element::AcceptedRisk(id) => project
                .accepted_risks
                .iter()
                .find(|r| &r.id == id)
                .cloned()
                .and_then(|r| entities::risk_form(&mut form, ui, r)),
        };
        let id = selected.owner().id().into_owned();
        if let Some(item) = edited
            && let Some(cmd) = ops::replace(project, item)
        {
            edit(
                form.out,
                format!("Edit {id}"),
                cmd,
                Some(format!("edit:{id}")),
            );
        }
        if let Element::Node(node) = &selected
            && let Some((label, cmd, key)) = retention::retention_ui(&mut form, ui, node.as_str())
        {
            edit(form.out, label, cmd, key);
        }
        if ui.input(|i| {
            i.pointer.any_released()
                || i.key_pressed(egui::Key::Enter)
                || i.key_pressed(egui::Key::Tab)
        }) {
            form.out.push(AppCommand::Seal);
        }
        if !matches!(selected, Element::Organisation) {
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let id = selected.owner().id().into_owned();
                ui.label(RichText::new(format!("Id: {id}")).monospace().weak());
                if ui
                    .small_button("Rename id…")
                    .on_hover_text("Give it another id; every reference to it is rewritten (one undoable step)")
                    .clicked()
                {
                    form.out.push(AppCommand::ShowDialog(super::dialog::Dialog::rename(&selected.owner())));
                }
            });
        }
        findings_of(ui, view, &selected.owner());
    }
}

/// The open findings about the element: a flow's include its mappings', a node's those of
/// the flows into it (as its card's mark counts them).
fn findings_of(ui: &mut egui::Ui, view: &AppView, element: &Element) {
    let project = &view.doc.project;
    let into = |f: &crate::check::Finding| match (element, f.target.element.flow()) {
        (Element::Node(n), Some(flow)) => project.flow(flow.as_str()).is_some_and(|x| &x.to == n),
        _ => false,
    };
    let mine: Vec<_> = view
        .doc
        .report
        .findings
        .iter()
        .filter(|f| f.is_open() && (&f.target.element.owner() == element || into(f)))
        .collect();
    if mine.is_empty() {
        return;
    }
    ui.add_space(10.0);
    ui.separator();
    ui.label(RichText::new(format!("Findings here ({})", mine.len())).strong());
    for f in mine {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(theme::severity_colour(f.severity), "●");
            if &f.target.element.owner() != element {
                ui.label(RichText::new(format!("{} {}", f.target.kind, f.target.name)).strong());
            }
            ui.label(RichText::new(f.rule.id).monospace().weak());
        });
        ui.label(&f.message);
        ui.label(RichText::new(format!("Fix: {}", f.fix)).weak());
        ui.add_space(4.0);
    }
}
