//! The menu bar: File, Edit, Add, View, Help. Entries come from the command table
//! ([`AppCommand::spec`]): the same labels, tooltips and shortcuts everywhere.

use eframe::egui::{self, Button};

use crate::model::*;
use crate::report::document::Edition;

use super::command::{AppCommand, Exchange, Pending};
use super::theme::Theme;
use super::view::AppView;

/// A menu entry for a command of the table; `label` overrides its label (Undo names the edit).
fn entry(
    ui: &mut egui::Ui,
    command: AppCommand,
    label: Option<String>,
    enabled: bool,
    out: &mut Vec<AppCommand>,
) {
    let Some(spec) = command.spec() else {
        return;
    };
    let label = label.unwrap_or_else(|| spec.label.to_owned());
    let mut button = Button::new(&label);
    if let Some(s) = spec.shortcuts.first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(s));
    }
    let r = ui.add_enabled(enabled, button).on_hover_text(spec.tooltip);
    // Screen readers (and the tests) name the entry by its label; the shortcut is shown.
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &label));
    if r.clicked() {
        ui.close();
        out.push(command);
    }
}

/// A plain entry that is not in the table (a recent file, a platform).
fn item(ui: &mut egui::Ui, label: &str, tooltip: &str) -> bool {
    let r = ui.button(label);
    let r = if tooltip.is_empty() {
        r
    } else {
        r.on_hover_text(tooltip)
    };
    if r.clicked() {
        ui.close();
    }
    r.clicked()
}

pub fn menu_bar(ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    let mut prefs = view.prefs.clone();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, view, &mut prefs, out));
        ui.menu_button("Edit", |ui| edit_menu(ui, view, out));
        ui.menu_button("Add", |ui| add_menu(ui, view, out));
        ui.menu_button("View", |ui| {
            entry(ui, AppCommand::Fit, None, true, out);
            let any = !view.doc.project.nodes.is_empty();
            entry(ui, AppCommand::AutoLayout, None, any, out);
            entry(ui, AppCommand::ToggleSimulator, None, true, out);
            ui.separator();
            ui.checkbox(&mut prefs.show_bottom, "Findings and inventory");
            ui.separator();
            ui.label("Theme");
            for theme in [Theme::Light, Theme::Dark, Theme::System] {
                ui.radio_value(&mut prefs.theme, theme, theme.label());
            }
        });
        ui.menu_button("Help", |ui| {
            entry(ui, AppCommand::ShowWelcome, None, true, out);
            entry(ui, AppCommand::ShowShortcuts, None, true, out);
            entry(ui, AppCommand::ShowAbout, None, true, out);
        });
    });
    if prefs != *view.prefs {
        out.push(AppCommand::SetPrefs(Box::new(prefs)));
    }
}

fn file_menu(
    ui: &mut egui::Ui,
    view: &AppView,
    prefs: &mut super::prefs::Prefs,
    out: &mut Vec<AppCommand>,
) {
    entry(ui, AppCommand::Request(Pending::New), None, true, out);
    entry(
        ui,
        AppCommand::Request(Pending::Open(None)),
        None,
        true,
        out,
    );
    ui.menu_button("Open recent", |ui| {
        if view.prefs.recent.is_empty() {
            ui.label("No recent files");
        }
        for path in &view.prefs.recent {
            if item(ui, &path.display().to_string(), "") {
                out.push(AppCommand::Request(Pending::Open(Some(path.clone()))));
            }
        }
    });
    entry(
        ui,
        AppCommand::Request(Pending::OpenExample),
        None,
        true,
        out,
    );
    ui.menu_button("Import", |ui| {
        entry(ui, AppCommand::ImportContainer, None, true, out);
        entry(ui, AppCommand::ImportFides, None, true, out);
    });
    ui.separator();
    entry(ui, AppCommand::AskCompare, None, true, out);
    entry(
        ui,
        AppCommand::StopComparing,
        None,
        view.comparison.is_some(),
        out,
    );
    ui.separator();
    entry(ui, AppCommand::Save, None, true, out);
    entry(ui, AppCommand::SaveAs, None, true, out);
    ui.separator();
    // The authority gets the Art. 30 record; the internal copy adds capimap's findings.
    for edition in [Edition::Authority, Edition::Internal] {
        entry(ui, AppCommand::Export(edition), None, !view.exporting, out);
    }
    entry(
        ui,
        AppCommand::ExportDiagram,
        None,
        !view.doc.project.nodes.is_empty(),
        out,
    );
    ui.menu_button("Export for other tools", |ui| {
        for format in [Exchange::Fides, Exchange::Dpv] {
            entry(ui, AppCommand::ExportExchange(format), None, true, out);
        }
    });
    ui.menu_button("Language of the record", |ui| {
        for lang in crate::report::words::Lang::ALL {
            ui.radio_value(&mut prefs.record_lang, lang, lang.name());
        }
    });
    ui.separator();
    entry(
        ui,
        AppCommand::Request(Pending::Revert),
        None,
        view.doc.is_modified(),
        out,
    );
    ui.separator();
    ui.checkbox(
        &mut prefs.in_app_file_prompt,
        "Type paths instead of using the system's file dialogs",
    );
    ui.separator();
    entry(ui, AppCommand::Quit, None, true, out);
}

fn edit_menu(ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    let history = &view.doc.history;
    let undo = history.undo_label().map(|l| format!("Undo {l}"));
    entry(ui, AppCommand::Undo, undo.clone(), undo.is_some(), out);
    let redo = history.redo_label().map(|l| format!("Redo {l}"));
    entry(ui, AppCommand::Redo, redo.clone(), redo.is_some(), out);
    ui.separator();
    let any = view.selection.nodes().next().is_some() || view.selection.flows().next().is_some();
    entry(ui, AppCommand::Delete, None, any, out);
    let nodes_selected = view.selection.nodes().next().is_some();
    entry(ui, AppCommand::Copy, None, nodes_selected, out);
    entry(ui, AppCommand::Paste, None, true, out);
    entry(ui, AppCommand::Duplicate, None, nodes_selected, out);
    let nodes = !view.doc.project.nodes.is_empty();
    entry(ui, AppCommand::SelectAll, None, nodes, out);
    entry(ui, AppCommand::Find, None, true, out);
}

fn add_menu(ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    let kinds: [(&str, &str, NodeKind); 4] = [
        (
            "Source",
            "Where personal data enters: a web shop, an app, a CRM",
            NodeKind::Source(Source::default()),
        ),
        (
            "Consent gate",
            "A consent platform or service that lets events through only with consent",
            NodeKind::ConsentGate(ConsentGate::default()),
        ),
        (
            "Relay",
            "A system that passes events on: a server-side tag manager, a CDP",
            NodeKind::Relay(Relay::default()),
        ),
        (
            "Store",
            "Where personal data is kept: a database, a log, a queue",
            NodeKind::Store(Store::default()),
        ),
    ];
    for (label, tooltip, kind) in kinds {
        if item(ui, label, tooltip) {
            out.push(AppCommand::AddNode(kind));
        }
    }
    ui.menu_button("Destination", |ui| {
        for x in view.catalog.platforms() {
            if item(ui, &format!("{}…", x.name), "Filled in from the catalogue: the platform's terms to accept, its operator and country") {
                out.push(AppCommand::AddDestination(x.id.clone()));
            }
        }
        ui.separator();
        if item(ui, "Other destination", "A platform the catalogue does not know") {
            out.push(AppCommand::AddNode(NodeKind::Destination(Destination::default())));
        }
    });
    ui.separator();
    entry(ui, AppCommand::AddActivity, None, true, out);
    entry(ui, AppCommand::AddConsentPurpose, None, true, out);
    entry(ui, AppCommand::AddField, None, true, out);
}
