//! The app as a user meets it, driven headless through egui_kittest: no display, no GPU.
#![cfg(feature = "gui")]

use capimap::catalog::Catalog;
use capimap::ui::{AppCommand, CapimapApp, Element, Prefs};
use capimap::{examples, store};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn prefs() -> Prefs {
    Prefs {
        welcome_seen: true,
        in_app_file_prompt: true,
        ..Prefs::default()
    }
}

fn app() -> CapimapApp {
    let project = store::parse(examples::SHOP, "shop").unwrap().project;
    CapimapApp::new(project, None, Catalog::builtin().unwrap(), prefs())
}

fn harness(app: CapimapApp) -> Harness<'static, CapimapApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1300.0))
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

fn has_finding(app: &CapimapApp, rule: &str, target: &str) -> bool {
    app.doc
        .report
        .findings
        .iter()
        .any(|f| f.is_open() && f.rule.id == rule && f.target.id() == target)
}

#[test]
fn the_example_opens_with_its_diagram_and_findings() {
    let h = harness(app());
    // Every node of the canvas has an accessible name.
    for (kind, id) in [
        ("source", "web-shop"),
        ("consent gate", "cmp"),
        ("relay", "sgtm"),
        ("store", "event-log"),
        ("destination", "meta-capi"),
        ("destination", "google-ads"),
        ("destination", "tiktok-events"),
    ] {
        h.get_by_label_contains(&format!("{kind} {id}: "));
    }
    // And every flow.
    h.get_by_label_contains("Flow sgtm-to-tiktok from sgtm to tiktok-events");
    h.get_by_label_contains("Findings (6)");
    h.get_by_label("3 errors");
}

#[test]
fn a_destination_added_from_the_catalogue_is_filled_in() {
    let mut h = harness(app());
    h.get_by_label("Add").click();
    h.run();
    h.get_by_label("Destination").hover();
    h.run();
    h.get_by_label("Snapchat Conversions API…").click();
    h.run();
    let app = h.state();
    let node = app.doc.project.node("snapchat").expect("a snapchat node");
    let d = node.as_destination().unwrap();
    assert_eq!(d.platform, "snapchat");
    assert!(!d.terms.is_empty(), "the platform's terms, to be accepted");
    assert_eq!(
        app.selection.primary(),
        Some(&Element::Node("snapchat".into()))
    );
    // The new card is on the canvas.
    h.get_by_label_contains("destination snapchat: ");
}

#[test]
fn drawing_a_flow_to_a_new_destination_proposes_its_mappings() {
    let mut h = harness(app());
    let ctx = h.ctx.clone();
    h.state_mut()
        .run(&ctx, AppCommand::AddDestination("pinterest".to_owned()));
    h.run();
    // Drag from the tag manager's port (the dot on its card's right edge) onto the new card.
    let app = h.state();
    let sgtm = app.canvas.node_screen_rect(&app.doc, "sgtm");
    let from = sgtm.right_center();
    let to = app.canvas.node_screen_rect(&app.doc, "pinterest").center();
    h.drag_at(from);
    h.run_steps(2);
    h.hover_at(to);
    h.run_steps(2);
    h.drop_at(to);
    h.run();
    let app = h.state();
    let flow = app
        .doc
        .project
        .flows
        .iter()
        .find(|f| f.from.as_str() == "sgtm" && f.to.as_str() == "pinterest")
        .expect("a new flow");
    let em = flow
        .fields
        .iter()
        .find(|m| m.field.as_str() == "email")
        .unwrap();
    assert_eq!(em.wire_name, "user_data.em");
    assert!(em.transform.is_hashed());
}

#[test]
fn hashing_the_phone_clears_the_finding_and_undo_brings_it_back() {
    let mut h = harness(app());
    assert!(has_finding(
        h.state(),
        "hashing/must-hash-sent-raw",
        "sgtm-to-tiktok/phone"
    ));
    h.get_by_label_contains("Flow sgtm-to-tiktok from")
        .click_accesskit();
    h.run();
    assert_eq!(
        h.state().selection.primary(),
        Some(&Element::Flow("sgtm-to-tiktok".into()))
    );
    h.get_by_label("Phone number: sent as").click();
    h.run();
    h.get_by_label("SHA-256").click();
    h.run();
    assert!(
        !has_finding(
            h.state(),
            "hashing/must-hash-sent-raw",
            "sgtm-to-tiktok/phone"
        ),
        "the finding is gone once the phone is hashed"
    );
    h.get_by_label("2 errors");
    assert!(h.state().doc.is_modified());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        !h.state().doc.is_modified(),
        "undone back to the opened state: nothing unsaved"
    );
    assert!(has_finding(
        h.state(),
        "hashing/must-hash-sent-raw",
        "sgtm-to-tiktok/phone"
    ));
    h.get_by_label("3 errors");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert!(!has_finding(
        h.state(),
        "hashing/must-hash-sent-raw",
        "sgtm-to-tiktok/phone"
    ));
}

#[test]
fn clicking_a_finding_selects_its_element() {
    let mut h = harness(app());
    h.get_by_label_contains("store Tag manager request log")
        .click_accesskit();
    h.run();
    assert_eq!(
        h.state().selection.primary(),
        Some(&Element::Node("event-log".into()))
    );
    h.get_by_label_contains("activity Shop analytics")
        .click_accesskit();
    h.run();
    assert_eq!(
        h.state().selection.primary(),
        Some(&Element::Activity("act-analytics".into()))
    );
}

#[test]
fn save_as_then_open_gives_the_same_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.capimap.ron");
    let mut h = harness(app());
    // An edit, so that there is something to save.
    h.get_by_label_contains("Flow sgtm-to-tiktok from")
        .click_accesskit();
    h.run();
    h.get_by_label("Phone number: sent as").click();
    h.run();
    h.get_by_label("SHA-256").click();
    h.run();
    assert!(h.state().doc.is_modified());
    // Ctrl+S on a project that was never saved asks where: no native dialog here, so the
    // in-app prompt, with a suggested name to replace.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let field = h.get_by_label("Path of the file");
    assert!(
        field.value().unwrap().ends_with(".capimap.ron"),
        "a name is suggested"
    );
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path of the file")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(!h.state().doc.is_modified());
    assert!(h.state().title().contains("saved.capimap.ron"));
    let on_disk = store::load(&path).unwrap().project;
    assert_eq!(on_disk, h.state().doc.project);
    // Open it again through the prompt: the same project.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    h.get_by_label("Open a project");
    let field = h.get_by_label("Path of the file");
    field.focus();
    h.get_by_label("Path of the file")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(h.state().doc.project, on_disk);
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = harness(app());
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, AppCommand::AutoLayout);
    h.run();
    assert!(h.state().doc.is_modified());
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Don't save");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Save changes?").is_none());
}

#[test]
fn delete_removes_the_selection_and_undo_restores_it() {
    let mut h = harness(app());
    // A real click where the card is drawn (the canvas reports screen positions).
    h.get_by_label_contains("relay sgtm: ").click();
    h.run();
    h.key_press(egui::Key::Delete);
    h.run();
    assert!(h.state().doc.project.node("sgtm").is_none());
    assert!(h.query_by_label_contains("relay sgtm: ").is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.project,
        store::parse(examples::SHOP, "shop")
            .unwrap()
            .project
            .clone()
            .tap_layout(&h.state().doc.project)
    );
}

trait TapLayout {
    fn tap_layout(self, other: &capimap::model::Project) -> Self;
}

impl TapLayout for capimap::model::Project {
    /// The example with the positions the app gave its nodes (all saved ones stay the same).
    fn tap_layout(mut self, other: &capimap::model::Project) -> Self {
        self.layout = other.layout.clone();
        self
    }
}

/// Half a minute of an edited app: its work is written to its recovery copy.
fn edit_and_wait(h: &mut Harness<'static, CapimapApp>) {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, AppCommand::AutoLayout);
    for t in [10.0, 20.0, 31.0, 32.0] {
        h.input_mut().time = Some(t);
        h.step();
    }
}

#[test]
fn unsaved_work_is_kept_for_recovery_and_offered_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("recovery");
    let mut a = app();
    a.set_recovery(Some(capimap::ui::Recovery::new(&root)));
    let mut h = harness(a);
    edit_and_wait(&mut h);
    let edited = h.state().doc.project.clone();
    // While the window runs, its copy is its own: another window does not offer it.
    assert!(capimap::ui::Recovery::new(&root).find().is_none());
    drop(h); // the "crash": no clean exit, and the window is gone

    // The next start offers it.
    let mut fresh = app();
    fresh.set_recovery(Some(capimap::ui::Recovery::new(&root)));
    let mut h = harness(fresh);
    h.get_by_label("Recover unsaved work?");
    h.get_by_label("Recover").click();
    h.run();
    assert_eq!(h.state().doc.project, edited);
    assert!(
        h.state().doc.is_modified(),
        "recovered work is not saved yet"
    );
    // Saving it removes the recovery copy; nothing is offered any more.
    let path = dir.path().join("recovered.capimap.ron");
    let ctx = h.ctx.clone();
    assert!(h.state_mut().save_to(&ctx, path));
    drop(h);
    assert!(capimap::ui::Recovery::new(&root).find().is_none());
}

#[test]
fn a_second_window_neither_offers_nor_deletes_the_first_windows_work() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("recovery");
    let mut first = app();
    first.set_recovery(Some(capimap::ui::Recovery::new(&root)));
    let mut one = harness(first);
    edit_and_wait(&mut one);
    let edited = one.state().doc.project.clone();

    // A second window starts while the first runs: nothing to recover.
    let mut second = app();
    second.set_recovery(Some(capimap::ui::Recovery::new(&root)));
    let two = harness(second);
    assert!(two.query_by_label("Recover unsaved work?").is_none());
    // It closes normally.
    let mut two = two;
    eframe::App::on_exit(two.state_mut());
    drop(two);

    // Then the first one crashes: its work is still there to recover.
    drop(one);
    let found = capimap::ui::Recovery::new(&root)
        .find()
        .expect("the first window's work survived the second window");
    assert_eq!(found.project, edited);
}

#[test]
fn saving_over_a_file_another_program_changed_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.capimap.ron");
    let project = store::parse(examples::SHOP, "shop").unwrap().project;
    store::save(&path, &project).unwrap();
    let mut a = app();
    let mut h = harness({
        a.open_path(&egui::Context::default(), path.clone());
        a
    });
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, AppCommand::AutoLayout);
    // Another program rewrites the file meanwhile.
    let mut theirs = project.clone();
    theirs.name = "Changed elsewhere".to_owned();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save(&path, &theirs).unwrap();

    assert!(!h.state_mut().save_to(&ctx, path.clone()), "not saved yet");
    h.run();
    h.get_by_label("The file was changed by another program");
    assert_eq!(
        store::load(&path).unwrap().project.name,
        "Changed elsewhere"
    );
    h.get_by_label("Overwrite").click();
    h.run();
    assert_eq!(
        store::load(&path).unwrap().project.name,
        h.state().doc.project.name,
        "overwritten, as the user chose"
    );
    assert!(!h.state().doc.is_modified());
}

#[test]
fn a_broken_file_opened_in_the_app_shows_the_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.capimap.ron");
    std::fs::write(&path, "(version: 1, name: \"x\" organisation: ())").unwrap();
    let mut h = harness(app());
    let ctx = h.ctx.clone();
    h.state_mut().open_path(&ctx, path.clone());
    h.run();
    h.get_by_label("The project could not be opened");
    h.get_by_label_contains(&format!("{}:1:", path.display()));
    // The example is still open: nothing was lost.
    assert!(h.state().doc.project.node("meta-capi").is_some());
}

#[test]
fn adding_a_retention_rule_in_the_inspector_clears_the_finding() {
    let mut h = harness(app());
    assert!(has_finding(h.state(), "retention/missing", "event-log"));
    h.get_by_label_contains("store event-log: ")
        .click_accesskit();
    h.run();
    h.get_by_label("Add a retention rule").click();
    h.run();
    assert!(!has_finding(h.state(), "retention/missing", "event-log"));
    let rule = h
        .state()
        .doc
        .project
        .retention
        .iter()
        .find(|r| r.node.as_str() == "event-log")
        .cloned()
        .expect("a rule for the log");
    assert_eq!(rule.limit.to_string(), "30 days");
    // The period is typed as text; something that is not a period is kept and explained.
    let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Period");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Period")
        .type_text("two weeks");
    h.run();
    h.get_by_label_contains("is not a period");
    assert_eq!(
        h.state()
            .doc
            .project
            .retention
            .iter()
            .find(|r| r.id == rule.id)
            .unwrap()
            .limit
            .to_string(),
        "30 days",
        "the model keeps the last valid value"
    );
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Period")
        .focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Period")
        .type_text("14 days");
    h.run();
    assert_eq!(
        h.state()
            .doc
            .project
            .retention
            .iter()
            .find(|r| r.id == rule.id)
            .unwrap()
            .limit
            .to_string(),
        "14 days"
    );
}

#[test]
fn a_large_project_is_checked_off_the_ui_thread_and_the_findings_catch_up() {
    let project = capimap::synthetic::sized(400, 3_000, 2);
    let app = CapimapApp::new(project, None, Catalog::builtin().unwrap(), prefs());
    // Not checked before the window opens either: the first check runs on the worker.
    assert!(app.doc.needs_check(), "checked before the first frame");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    h.run_steps(3);
    for _ in 0..600 {
        if !h.state().doc.needs_check() {
            break;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.get_by_label_contains(" errors");
    let before = h.state().doc.report.findings.len();
    assert!(before > 0);
    // Delete every destination: their findings must go.
    let ctx = h.ctx.clone();
    let ids: Vec<String> = h
        .state()
        .doc
        .project
        .destinations()
        .map(|n| n.id.to_string())
        .collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let cmd = capimap::edit::ops::delete_nodes(&h.state().doc.project, &refs);
    h.state_mut().run(
        &ctx,
        AppCommand::Edit {
            label: "Delete destinations".to_owned(),
            command: Box::new(cmd),
            merge: None,
        },
    );
    h.step();
    assert!(
        h.state().doc.needs_check(),
        "not checked on the UI thread right away"
    );
    for _ in 0..600 {
        if !h.state().doc.needs_check() {
            break;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!h.state().doc.needs_check(), "the findings caught up");
    assert!(
        h.state()
            .doc
            .report
            .findings
            .iter()
            .all(|f| f.target.kind != "destination"),
        "no finding about a deleted destination"
    );
}

#[test]
fn saving_from_the_unsaved_prompt_asks_where_then_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("asked.capimap.ron");
    let mut h = harness(app());
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, AppCommand::AutoLayout);
    h.run();
    // File ▸ New with unsaved changes: Save, then where (the project was never saved).
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Save").click();
    h.run();
    let field = h.get_by_label("Path of the file");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path of the file")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(path.is_file(), "the work was saved where the user said");
    assert_eq!(
        h.state().doc.project.name,
        "New project",
        "then the new project opened"
    );
    assert!(!h.state().doc.is_modified());
}

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_project_file_dropped_on_the_window_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dropped.capimap.ron");
    let mut project = store::parse(examples::SHOP, "shop").unwrap().project;
    project.name = "Dropped project".to_owned();
    store::save(&path, &project).unwrap();
    let mut h = harness(app());
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.run();
    assert_eq!(h.state().doc.project.name, "Dropped project");
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    assert!(h.state().title().contains("dropped.capimap.ron"));
}

#[test]
fn accepting_a_risk_from_the_findings_records_it_and_stops_it_failing() {
    let mut h = harness(app());
    assert!(has_finding(h.state(), "retention/missing", "event-log"));
    // A finding's line opens on a click, with its details and the button to accept it.
    assert_eq!(
        h.query_all_by_label("Accept risk…").count(),
        0,
        "all lines closed"
    );
    h.get_by_label_contains("store Tag manager request log — ")
        .click_accesskit();
    h.run();
    h.get_by_label("Accept risk…").click_accesskit();
    h.run();
    h.get_by_label("Accept a risk");
    h.get_by_label("Accept risk").click();
    h.run();
    h.get_by_label("Write why the risk is acceptable.");
    let why = || {
        h.get_by_role_and_label(
            egui::accesskit::Role::MultilineTextInput,
            "Why is it acceptable?",
        )
    };
    why().focus();
    why().type_text("Log deletion is being set up (OPS-12).");
    let by = || h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Accepted by");
    by().focus();
    by().type_text("Privacy officer");
    h.get_by_label("Date accepted").focus();
    h.get_by_label("Date accepted").type_text("2026-11-26");
    h.run();
    h.get_by_label("Accept risk").click();
    h.run();
    let risk = h
        .state()
        .doc
        .project
        .accepted_risks
        .last()
        .cloned()
        .unwrap();
    assert_eq!(risk.rule, "retention/missing");
    assert_eq!(risk.target, "event-log");
    assert!(
        !has_finding(h.state(), "retention/missing", "event-log"),
        "no longer open"
    );
    h.get_by_label("2 errors");
}

/// File ▸ Export record for the authority… to `name` in `dir`; the harness once the export
/// finished, the path and the file's bytes.
fn export_record_to(
    dir: &tempfile::TempDir,
    name: &str,
) -> (Harness<'static, CapimapApp>, std::path::PathBuf, Vec<u8>) {
    let path = dir.path().join(name);
    let mut h = harness(app());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export record for the authority…").click();
    h.run();
    h.get_by_label("Export the record of processing");
    let field = h.get_by_label("Path of the file");
    assert!(
        field.value().unwrap().ends_with(".pdf"),
        "a PDF name is suggested"
    );
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path of the file")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Export").click();
    for _ in 0..400 {
        h.step();
        if !h.state().is_exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!h.state().is_exporting(), "the export finished");
    let bytes = std::fs::read(&path).expect("the record was written");
    h.run_steps(2);
    (h, path, bytes)
}

#[test]
fn file_export_record_writes_the_pdf_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let (h, path, bytes) = export_record_to(&dir, "record.pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    // In the status bar and in the dialog that follows.
    let said = format!("Exported the record to {}", path.display());
    assert_eq!(h.query_all_by_label_contains(&said).count(), 2);
    // Then it says what to do next: open it, see its folder, and that errors are still open.
    h.get_by_label("Record exported");
    h.get_by_label("Open");
    h.get_by_label("Show in folder");
    h.get_by_label_contains("3 errors are still open in the findings");
}

#[test]
fn a_xlsx_name_exports_the_record_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let (h, path, bytes) = export_record_to(&dir, "record.xlsx");
    // A zip holding a workbook.
    assert!(bytes.starts_with(b"PK"), "a zip file");
    assert!(
        bytes
            .windows(b"xl/workbook.xml".len())
            .any(|w| w == b"xl/workbook.xml"),
        "an Excel workbook"
    );
    let said = format!("Exported the record to {}", path.display());
    assert!(h.query_all_by_label_contains(&said).count() >= 1);
}

#[test]
fn an_ods_name_exports_the_record_as_an_opendocument_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let (h, path, bytes) = export_record_to(&dir, "record.ods");
    // An ODF package says its type in its first entry.
    assert!(bytes.starts_with(b"PK"), "a zip file");
    assert_eq!(
        &bytes[30..38 + "application/vnd.oasis.opendocument.spreadsheet".len()],
        b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
    );
    let said = format!("Exported the record to {}", path.display());
    assert!(h.query_all_by_label_contains(&said).count() >= 1);
}

#[test]
fn inspecting_payloads_of_a_destination_and_documenting_what_was_missing() {
    let mut h = harness(app());
    h.get_by_label_contains("destination meta-capi: ")
        .click_accesskit();
    h.run();
    h.get_by_label("Check a capture…").click();
    h.run();
    h.get_by_label("Inspect request files");
    let path = std::fs::canonicalize("tests/fixtures/inspect/meta-bad.json").unwrap();
    h.get_by_label("Path of the file").focus();
    h.get_by_label("Path of the file")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Inspect").click();
    h.run();
    h.get_by_label_contains(
        "1 request body, 2 events for Meta Conversions API (from meta-bad.json)",
    );
    h.get_by_label_contains("Sent but not documented: ");
    let before = h.state().doc.project.clone();
    h.get_by_label("Document these fields").click();
    h.run();
    let flow = h.state().doc.project.flow("sgtm-to-meta").unwrap().clone();
    let url = flow
        .fields
        .iter()
        .find(|m| m.wire_name == "event_source_url")
        .expect("the undocumented URL is now mapped");
    assert!(
        url.justification.is_empty(),
        "the reason is left for the user to write"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.project, before, "one step, undone whole");
}

#[test]
fn the_capture_is_checked_with_test_identities_and_shows_them_by_number_only() {
    use sha2::{Digest, Sha256};
    let sha = |s: &str| -> String {
        Sha256::digest(s.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let dir = tempfile::tempdir().unwrap();
    let ids = dir.path().join("ids.ron");
    std::fs::write(
        &ids,
        r#"[
    (email: "qa.one@example.com"),
    (email: "qa.two@example.com", phone: "0170 1234567", country: "DE", withdrawn: true),
]"#,
    )
    .unwrap();
    let capture = dir.path().join("capture.json");
    let event = |em: &str, ph: &str| {
        serde_json::json!({"event_name": "Purchase", "event_time": 1_764_150_001,
            "action_source": "website", "user_data": {"em": [em], "ph": [ph]}})
    };
    let body = serde_json::json!({"data": [
        event(&sha("qa.one@example.com"), &sha("4940555")),
        event(&sha("qa.two@example.com"), &sha("01701234567")),
    ]});
    std::fs::write(&capture, body.to_string()).unwrap();

    let mut h = harness(app());
    h.get_by_label_contains("destination meta-capi: ")
        .click_accesskit();
    h.run();
    h.get_by_label("Check a capture…").click();
    h.run();
    h.get_by_label("Path of the file").focus();
    h.get_by_label("Path of the file")
        .type_text(&capture.display().to_string());
    h.run();
    h.get_by_label("Inspect").click();
    h.run();
    h.get_by_label("Check with test identities…").click();
    h.run();
    h.get_by_label("Check the capture with test identities");
    h.get_by_label("Path of the file").focus();
    h.get_by_label("Path of the file")
        .type_text(&ids.display().to_string());
    h.run();
    h.get_by_label("Check").click();
    h.run();
    h.get_by_label_contains("ids.ron: 2 test identities read, 2 found in the capture");
    h.get_by_label("national format, leading zero kept ×1");
    h.get_by_label("2 (phone number, withdrew consent)");
    h.get_by_label("1 (e-mail address)");
    // Its e-mail and its phone number: each a flag.
    assert_eq!(
        h.query_all_by_label_contains("test identity 2 withdrew consent, yet")
            .count(),
        2
    );
    h.get_by_label("Check with other test identities…");
    for value in ["qa.one@example.com", "qa.two", "1234567"] {
        assert_eq!(
            h.query_all_by_label_contains(value).count(),
            0,
            "{value} is shown"
        );
    }
}

#[test]
fn request_files_dropped_with_a_destination_selected_are_inspected() {
    let mut h = harness(app());
    h.get_by_label_contains("destination tiktok-events: ")
        .click_accesskit();
    h.run();
    let path = std::fs::canonicalize("tests/fixtures/inspect/tiktok-good.json").unwrap();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    h.run();
    let p = h.state().payloads.as_ref().expect("an inspection");
    assert_eq!(p.destination.as_str(), "tiktok-events");
    assert_eq!(p.result.events, 1);
}

#[test]
fn request_files_dropped_on_a_destination_card_are_inspected_for_it() {
    let mut h = harness(app());
    let app = h.state();
    let card = app.canvas.node_screen_rect(&app.doc, "google-ads").center();
    h.hover_at(card);
    h.run();
    let path = std::fs::canonicalize("tests/fixtures/inspect/google-ads-good.json").unwrap();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    h.run();
    let p = h.state().payloads.as_ref().expect("an inspection");
    assert_eq!(
        p.destination.as_str(),
        "google-ads",
        "the card under the pointer"
    );
    assert!(p.result.flags.is_empty());
}

#[test]
fn the_field_inventory_shows_what_each_receiver_gets_and_a_cell_selects_its_flow() {
    let mut h = harness(app());
    h.get_by_label("Field inventory").click();
    h.run();
    // The phone number goes raw to TikTok (a planted gap) and hashed to Meta.
    h.get_by_label("Phone number to TikTok Events API: raw");
    h.get_by_label("Phone number to Meta Conversions API: hashed");
    h.get_by_label("Phone number to TikTok Events API: raw")
        .click();
    h.run();
    assert_eq!(
        h.state().selection.primary(),
        Some(&Element::Flow("sgtm-to-tiktok".into()))
    );
    // Filtering by category leaves only the matching fields.
    h.get_by_label("Filter by category").focus();
    h.run();
    h.get_by_label("Filter by category")
        .type_text("user.contact.email");
    h.run();
    assert!(
        h.query_by_label("Phone number to TikTok Events API: raw")
            .is_none()
    );
    h.get_by_label_contains("E-mail address to TikTok Events API");
    // And by receiver.
    h.get_by_label("Filter by receiver").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Meta Conversions API")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("E-mail address to TikTok Events API")
            .is_none()
    );
    h.get_by_label_contains("E-mail address to Meta Conversions API");
}

/// The welcome dialog on a first start says what the window shows: the example, or the
/// user's own file when one was opened.
#[test]
fn the_welcome_dialog_names_the_file_it_was_opened_on() {
    let project = store::parse(examples::SHOP, examples::SHOP_NAME)
        .unwrap()
        .project;
    let first_start = Prefs::default();
    let path = std::path::PathBuf::from("/tmp/our-shop.capimap.ron");
    for (path, says, not) in [
        (
            Some(path),
            "your project, our-shop.capimap.ron",
            "shows an example",
        ),
        (None, "shows an example", "your project"),
    ] {
        let app = CapimapApp::new(
            project.clone(),
            path,
            Catalog::builtin().unwrap(),
            first_start.clone(),
        );
        let mut h = Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .with_accessibility_check(false)
            .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
        h.run_steps(2);
        h.get_by_label_contains(says);
        assert!(h.query_by_label_contains(not).is_none(), "{not}");
    }
}
