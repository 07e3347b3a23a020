//! Reading the app as a screen reader does, for the app's tests.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Whether some widget's accessible name contains every part. A button names itself by its
/// label, a text label by its value (on the label and on its text run: more than one node
/// may match).
pub fn has<S>(h: &Harness<'_, S>, parts: &[&str]) -> bool {
    h.query_all_by(|n| {
        [n.label(), n.value()]
            .into_iter()
            .flatten()
            .any(|l| parts.iter().all(|p| l.contains(p)))
    })
    .next()
    .is_some()
}

/// The app on `project`, as a user who has seen the welcome and has no system file dialog
/// (files are asked for in the app's own prompt), in a window of `height` points.
pub fn app_on(
    project: capimap::model::Project,
    height: f32,
) -> Harness<'static, capimap::ui::CapimapApp> {
    use capimap::ui::{CapimapApp, Prefs};
    let prefs = Prefs {
        welcome_seen: true,
        in_app_file_prompt: true,
        ..Prefs::default()
    };
    let catalog = capimap::catalog::Catalog::builtin().expect("the built-in catalogue");
    let app = CapimapApp::new(project, None, catalog, prefs);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, height))
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

/// Types `path` over what the in-app file prompt offers, and presses its `button`.
pub fn answer_prompt<S>(h: &mut Harness<'_, S>, path: &std::path::Path, button: &str) {
    let field = h.get_by_label("Path of the file");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path of the file")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label(button).click();
    h.run_steps(3);
}
