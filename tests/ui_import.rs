//! File ▸ Import ▸ Server-side Tag Manager container… in the app: a preview first, nothing
//! changed until Import; then one undo step, and the container's findings with the others.
#![cfg(feature = "gui")]

use capimap::catalog::Catalog;
use capimap::model::*;
use capimap::ui::{AppCommand, CapimapApp, Prefs};
use capimap::{examples, store};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const SHOP: &str = "tests/fixtures/gtm/shop-stape-meta-tiktok.json";

fn harness() -> Harness<'static, CapimapApp> {
    let prefs = Prefs {
        welcome_seen: true,
        in_app_file_prompt: true,
        ..Prefs::default()
    };
    let project = store::parse(examples::SHOP, "shop").unwrap().project;
    let app = CapimapApp::new(project, None, Catalog::builtin().unwrap(), prefs);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1000.0))
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

fn run(h: &mut Harness<'static, CapimapApp>, c: AppCommand) {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, c);
    h.run_steps(4);
}

/// Runs frames until a widget with this label shows (the container is read on a worker).
fn wait_for(h: &mut Harness<'static, CapimapApp>, label: &str) {
    for _ in 0..400 {
        if h.query_by_label_contains(label).is_some() {
            // Let the dialog settle where it stays before anything is clicked.
            h.run_steps(4);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(1);
    }
    panic!("{label} never showed");
}

#[test]
fn the_import_is_previewed_then_applied_as_one_step_with_the_containers_findings() {
    let mut h = harness();
    let before = h.state().doc.project.clone();
    // The menu asks for the file (here in the app's own prompt) …
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import").hover();
    h.run();
    h.get_by_label("Server-side Tag Manager container…").click();
    h.run_steps(4);
    assert!(
        h.query_by_label("Import a server-side Tag Manager container")
            .is_some()
    );
    // … then shows what the import would do, and changes nothing yet.
    run(&mut h, AppCommand::ImportContainerFrom(SHOP.into()));
    wait_for(&mut h, "Import GTM-TSTSRV1");
    assert!(h.query_by_label_contains("Adds ").is_some());
    assert_eq!(h.state().doc.project, before);
    h.get_by_label("Import").click();
    h.run_steps(6);
    let p = &h.state().doc.project;
    assert!(p.nodes.iter().any(|n| {
        n.as_destination()
            .is_some_and(|d| d.account == "100000000000001")
    }));
    // New cards have places of their own.
    let added: Vec<&Node> = p
        .nodes
        .iter()
        .filter(|n| before.node(n.id.as_str()).is_none())
        .collect();
    assert!(!added.is_empty() && added.iter().all(|n| p.layout.positions.contains_key(&n.id)));
    // The container's findings are among the others, on the elements they concern.
    let report = &h.state().doc.report;
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule.id == "gtm/consent-send-always" && f.target.element.exists_in(p))
    );
    // One step: undo gives the example back.
    run(&mut h, AppCommand::Undo);
    assert_eq!(h.state().doc.project.nodes, before.nodes);
    assert_eq!(h.state().doc.project.flows, before.flows);
}

#[test]
fn a_file_that_is_no_container_export_says_why_in_one_sentence() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("web.json");
    std::fs::write(
        &path,
        br#"{"containerVersion": {"container": {"usageContext": ["WEB"]}}}"#,
    )
    .unwrap();
    run(&mut h, AppCommand::ImportContainerFrom(path));
    // The file is read on a worker: the answer comes a few frames later.
    wait_for(&mut h, "The container could not be imported");
    assert!(h.query_by_label_contains("a web container").is_some());
}

#[test]
fn an_edit_made_while_the_preview_is_open_is_kept_and_the_import_still_applies() {
    let mut h = harness();
    run(&mut h, AppCommand::ImportContainerFrom(SHOP.into()));
    wait_for(&mut h, "Import GTM-TSTSRV1");
    let mut renamed = h.state().doc.project.organisation.clone();
    renamed.controller.name = "Nordlicht Outdoor AG".to_owned();
    run(
        &mut h,
        AppCommand::Edit {
            label: "Rename the controller".to_owned(),
            command: Box::new(capimap::edit::Command::SetOrganisation(Box::new(renamed))),
            merge: None,
        },
    );
    h.get_by_label("Import").click();
    h.run_steps(6);
    let p = &h.state().doc.project;
    assert_eq!(p.organisation.controller.name, "Nordlicht Outdoor AG");
    assert!(p.nodes.iter().any(|n| {
        n.as_destination()
            .is_some_and(|d| d.account == "100000000000001")
    }));
}

#[test]
fn the_inspector_says_which_tag_an_imported_flow_came_from() {
    let mut h = harness();
    run(&mut h, AppCommand::ImportContainerFrom(SHOP.into()));
    wait_for(&mut h, "Import GTM-TSTSRV1");
    h.get_by_label("Import").click();
    h.run_steps(6);
    let flow = h
        .state()
        .doc
        .project
        .flows
        .iter()
        .find(|f| {
            f.origin
                .as_ref()
                .is_some_and(|o| o.element == OriginElement::Tag("21".into()))
        })
        .map(|f| f.id.clone())
        .unwrap();
    run(&mut h, AppCommand::Reveal(ElementRef::Flow(flow)));
    assert!(
        h.query_by_label("Imported from GTM-TSTSRV1: tag 21")
            .is_some()
    );
}
