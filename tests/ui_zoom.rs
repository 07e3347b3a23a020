//! Zoomed far out: Fit shows every card of a project far larger than the window, below 10 %
//! when that is what it takes, and there flows are drawn as plain lines without badges (too
//! small to read or click, and costly by the thousand); close up, each flow has its badge.
#![cfg(feature = "gui")]

use capimap::catalog::Catalog;
use capimap::model::{Position, Project};
use capimap::ui::{CapimapApp, Prefs};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// 400 cards in a tall grid of four columns: 40,000 units high.
fn tall() -> Project {
    let mut p = capimap::synthetic::sized(400, 1_200, 1);
    p.layout.positions = p
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let at = Position {
                x: (i % 4) as f32 * 400.0,
                y: (i / 4) as f32 * 400.0,
            };
            (n.id.clone(), at)
        })
        .collect();
    p
}

fn harness(p: Project) -> Harness<'static, CapimapApp> {
    let prefs = Prefs {
        welcome_seen: true,
        ..Prefs::default()
    };
    let app = CapimapApp::new(p, None, Catalog::builtin().unwrap(), prefs);
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app)
}

#[test]
fn fit_shows_every_card_and_far_out_flows_have_no_badges() {
    let p = tall();
    let first = p.flows[0].clone();
    let mut h = harness(p);
    h.run_steps(3);
    let zoom = h.state().canvas.shown_zoom();
    assert!(zoom < 0.1, "fits at {zoom}");
    // Every card is drawn inside the window.
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
    for (id, at) in &h.state().doc.project.layout.positions {
        let on_screen = h.state().canvas.to_screen(egui::pos2(at.x, at.y));
        assert!(
            window.contains(on_screen),
            "{id} is drawn at {on_screen:?}, outside the window"
        );
    }
    let badge = format!("Flow {} from {} to {}", first.id, first.from, first.to);
    assert!(
        h.query_by_label_contains(&badge).is_none(),
        "a badge drawn at {zoom}"
    );
    // Close up on the first flow's source: its badge is there.
    let at = h.state().doc.project.layout.positions[&first.from];
    h.state_mut().canvas.scene_rect = egui::Rect::from_min_size(
        egui::pos2(at.x - 100.0, at.y - 300.0),
        egui::vec2(1100.0, 800.0),
    );
    h.run_steps(2);
    assert!(h.state().canvas.shown_zoom() > 0.5);
    let to = h.state().doc.project.layout.positions[&first.to];
    if (to.y - at.y).abs() < 400.0 && (to.x - at.x).abs() < 900.0 {
        h.get_by_label_contains(&badge);
    } else {
        // Its target is out of view: any flow with both ends in view has a badge.
        assert!(h.query_all_by_label_contains("Flow f").next().is_some());
    }
}
