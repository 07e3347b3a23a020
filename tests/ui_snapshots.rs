//! Image snapshots of the main screens, rendered with wgpu on the software renderer. A changed
//! screen fails here with a diff image in tests/snapshots; `UPDATE_SNAPSHOTS=1 cargo test`
//! accepts the new look after a person has looked at it.
#![cfg(feature = "gui")]

use capimap::catalog::Catalog;
use capimap::ui::{CapimapApp, Element, Prefs};
use capimap::{examples, store};
use egui_kittest::Harness;

fn harness(select: Option<Element>) -> Harness<'static, CapimapApp> {
    let project = store::parse(examples::SHOP, "shop").unwrap().project;
    let prefs = Prefs {
        welcome_seen: true,
        in_app_file_prompt: true,
        theme: capimap::ui::Theme::Dark,
        ..Prefs::default()
    };
    let mut app = CapimapApp::new(project, None, Catalog::builtin().unwrap(), prefs);
    if let Some(e) = select {
        app.selection.set(e);
    }
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    h.ctx.set_theme(egui::ThemePreference::Dark);
    h.run_steps(4);
    h
}

#[test]
fn main_window_with_the_example() {
    harness(None).snapshot("main_window");
}

#[test]
fn a_flow_in_the_inspector() {
    harness(Some(Element::Flow("sgtm-to-tiktok".into()))).snapshot("flow_inspector");
}

#[test]
fn a_flow_with_a_request_type_in_the_inspector() {
    // A flow into Google Ads says which of its request types it sends.
    harness(Some(Element::Flow("export-to-google".into()))).snapshot("flow_request_type");
}

#[test]
fn a_destination_in_the_inspector() {
    harness(Some(Element::Node("meta-capi".into()))).snapshot("destination_inspector");
}

#[test]
fn a_source_in_the_inspector() {
    harness(Some(Element::Node("web-shop".into()))).snapshot("source_inspector");
}

#[test]
fn the_project_and_organisation_in_the_inspector() {
    // The project's name, description and record version above the controller's details.
    harness(Some(Element::Organisation)).snapshot("organisation_inspector");
}
