//! A large project opened without saved positions: the window opens with every card in a
//! provisional column, the layout is worked out in the background, and then every card
//! stands where the automatic layout puts it.
#![cfg(feature = "gui")]

use capimap::catalog::Catalog;
use capimap::layout::{self, Grid};
use capimap::ui::{CapimapApp, Prefs};
use egui_kittest::Harness;

#[test]
fn a_large_project_opens_at_once_and_is_laid_out_in_the_background() {
    let mut project = capimap::synthetic::sized(600, 3_000, 1);
    project.layout.positions.clear();
    let expected = layout::layered(&project, Grid::default());
    let prefs = Prefs {
        welcome_seen: true,
        ..Prefs::default()
    };
    let app = CapimapApp::new(project, None, Catalog::builtin().unwrap(), prefs);
    // Before any frame: every card already has a place (its kind's column).
    assert_eq!(
        app.doc.project.layout.positions.len(),
        app.doc.project.nodes.len()
    );
    assert_ne!(app.doc.project.layout.positions, expected);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    let mut frames = 0;
    loop {
        h.step();
        frames += 1;
        if frames > 2 && h.state().layout_progress().is_none() {
            break;
        }
        assert!(frames < 3_000, "the layout never finished");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(h.state().doc.project.layout.positions, expected);
    assert!(
        !h.state().doc.is_modified(),
        "laying out on opening is not an edit"
    );
}
