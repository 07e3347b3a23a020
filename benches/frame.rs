//! `cargo bench --bench frame`: one full frame of the app (CPU side: the egui pass that lays
//! out and paints every panel and the canvas), measured through the kittest harness, with a
//! generated project of 1,000 nodes and 3,000 flows, all in view; and the first frame after
//! opening the size ladder's 5,000-node rung without saved positions.

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;

use capimap::catalog::Catalog;
use capimap::synthetic;
use capimap::ui::{AppCommand, BottomTab, CapimapApp, Prefs};

fn bench(c: &mut Criterion) {
    let project = synthetic::sized(1_000, 3_000, 3);
    let prefs = Prefs {
        welcome_seen: true,
        ..Prefs::default()
    };
    let app = CapimapApp::new(project, None, Catalog::builtin().expect("catalogue"), prefs);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    // Fonts, the first layout and the findings settle in the first frames.
    harness.run_steps(5);
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    group.bench_function("1000 nodes, 3000 flows", |b| b.iter(|| harness.step()));
    // The same with the field inventory open instead of the findings.
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .run(&ctx, AppCommand::ShowTab(BottomTab::Inventory));
    harness.run_steps(2);
    group.bench_function("1000 nodes, 3000 flows, field inventory", |b| {
        b.iter(|| harness.step())
    });
    group.finish();
    opening(c);
}

/// The largest rung of the size ladder (5,000 nodes, 50,000 flows) opened without saved
/// positions: from the loaded project to the first frame drawn (the app new, a frame for the
/// fonts, the first real frame). The layout and the checks go on on worker threads.
fn opening(c: &mut Criterion) {
    let project = synthetic::rung(50_000);
    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    group.bench_function("5000 nodes, 50000 flows, no saved positions", |b| {
        b.iter_batched(
            || project.clone(),
            |project| {
                let prefs = Prefs {
                    welcome_seen: true,
                    ..Prefs::default()
                };
                let app =
                    CapimapApp::new(project, None, Catalog::builtin().expect("catalogue"), prefs);
                let mut harness = Harness::builder()
                    .with_size(egui::vec2(1600.0, 1000.0))
                    .with_accessibility_check(false)
                    .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
                harness.run_steps(2);
                harness
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
