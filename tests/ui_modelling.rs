//! Modelling one's own setup in the app, as a newcomer does: new cards land clear of the
//! others, fields pass through relays, an activity is applied along a path, a path finding is
//! shown on the canvas, the path prompt takes the keyboard.
#![cfg(feature = "gui")]

use capimap::catalog::Catalog;
use capimap::model::*;
use capimap::ui::{AppCommand, CapimapApp, Element, Pending, Prefs};
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

fn harness(project: Project) -> Harness<'static, CapimapApp> {
    let app = CapimapApp::new(project, None, Catalog::builtin().unwrap(), prefs());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1000.0))
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

fn run(h: &mut Harness<'static, CapimapApp>, c: AppCommand) {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, c);
    h.run();
}

#[test]
fn new_cards_never_land_on_another_and_keep_to_their_kinds_column() {
    let mut h = harness(example());
    run(&mut h, AppCommand::Request(Pending::New));
    for _ in 0..3 {
        h.get_by_label("Add").click();
        h.run();
        h.get_by_label("Source").click();
        h.run();
        h.get_by_label("Add").click();
        h.run();
        h.get_by_label("Relay").click();
        h.run();
    }
    h.get_by_label("Add").click();
    h.run();
    h.get_by_label("Destination").hover();
    h.run();
    h.get_by_label("Meta Conversions API…").click();
    h.run();
    let app = h.state();
    let p = &app.doc.project;
    assert_eq!(p.nodes.len(), 7);
    let rects: Vec<_> = p
        .nodes
        .iter()
        .map(|n| (n, app.canvas.node_screen_rect(&app.doc, n.id.as_str())))
        .collect();
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            assert!(!ra.intersects(*rb), "{} lies on {}", a.id, b.id);
        }
    }
    let x = |kind: u8| -> Vec<f32> {
        p.nodes
            .iter()
            .filter(|n| n.kind.rank() == kind)
            .map(|n| p.layout.positions[&n.id].x)
            .collect()
    };
    let (sources, relays, destinations) = (x(0), x(2), x(4));
    assert!(
        sources.iter().all(|v| *v == sources[0]),
        "one column of sources"
    );
    assert!(
        relays.iter().all(|r| *r > sources[0]),
        "relays right of the sources"
    );
    assert!(
        destinations[0] > relays[0],
        "the destination right of the relays"
    );
}

#[test]
fn propose_mappings_on_a_relays_outgoing_flow_gives_the_fields_that_arrive() {
    let mut p = example();
    // A flow from the tag manager into the request log that maps nothing yet.
    let flow = p
        .flows
        .iter_mut()
        .find(|f| f.from.as_str() == "sgtm" && f.to.as_str() == "event-log")
        .expect("the example logs the tag manager's requests");
    flow.fields.clear();
    let id = flow.id.clone();
    let mut h = harness(p);
    run(&mut h, AppCommand::Reveal(Element::Flow(id.clone())));
    h.get_by_label("Propose mappings").click();
    h.run();
    let p = &h.state().doc.project;
    let arriving: std::collections::BTreeSet<&FieldId> = p
        .flows_into("sgtm")
        .flat_map(|f| f.sent_fields())
        .map(|m| &m.field)
        .collect();
    let got: std::collections::BTreeSet<&FieldId> = p
        .flow(id.as_str())
        .unwrap()
        .fields
        .iter()
        .map(|m| &m.field)
        .collect();
    assert_eq!(got, arriving);
}

#[test]
fn an_activity_applied_upstream_labels_the_flows_that_bring_its_fields_in_one_step() {
    let mut p = example();
    for f in &mut p.flows {
        f.activities.retain(|a| a.as_str() != "act-analytics");
    }
    let target = "sgtm-to-google";
    p.flows
        .iter_mut()
        .find(|f| f.id.as_str() == target)
        .unwrap()
        .activities
        .push(ActivityId::new("act-analytics"));
    let before = p.clone();
    let mut h = harness(p);
    run(&mut h, AppCommand::Reveal(Element::Flow(target.into())));
    h.get_by_label("Apply “Shop analytics” upstream").click();
    h.run();
    let after = h.state().doc.project.clone();
    let serves = |p: &Project, f: &str| {
        p.flow(f)
            .is_some_and(|x| x.activities.iter().any(|a| a.as_str() == "act-analytics"))
    };
    // Upstream of the tag manager and sending it fields: the consent gate's flow into it, and
    // the web shop's and the app's into the gate.
    for f in before.flows.iter().filter(|f| f.to.as_str() == "sgtm") {
        assert!(
            serves(&after, f.id.as_str()),
            "{} brings the tag manager its fields",
            f.id
        );
    }
    // Not the flows out of the tag manager to other places.
    for f in before
        .flows
        .iter()
        .filter(|f| f.from.as_str() == "sgtm" && f.id.as_str() != target)
    {
        assert!(!serves(&after, f.id.as_str()), "{} is not upstream", f.id);
    }
    // One undo step takes it all back.
    run(&mut h, AppCommand::Undo);
    assert_eq!(h.state().doc.project, before);
}

#[test]
fn opening_a_path_finding_highlights_every_node_on_its_path() {
    let mut p = example();
    // The consent gate stops enforcing anything: data reaches the platforms without consent.
    for n in &mut p.nodes {
        if let NodeKind::ConsentGate(g) = &mut n.kind {
            g.enforces.clear();
        }
    }
    let mut h = harness(p);
    let finding = h
        .state()
        .doc
        .report
        .findings
        .iter()
        .find(|f| f.is_open() && f.path.len() >= 3)
        .cloned()
        .expect("a finding about a path");
    assert!(h.query_by_label_contains("(highlighted)").is_none());
    h.get_by_label_contains(&format!(
        "{} {} — {}",
        finding.target.kind, finding.target.name, finding.message
    ))
    .click_accesskit();
    h.run();
    for node in finding.path.clone() {
        let card = format!(" {node}: ");
        assert!(
            h.query_by(move |n| n
                .label()
                .is_some_and(|l| l.contains(&card) && l.ends_with("(highlighted)")))
                .is_some(),
            "{node} on the path is highlighted"
        );
    }
}

#[test]
fn the_path_prompt_has_the_keyboard_and_enter_opens_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.capimap.ron");
    let mut p = example();
    p.name = "Mine".to_owned();
    store::save(&path, &p).unwrap();
    let mut h = harness(example());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open…").click();
    h.run();
    h.get_by_label("Open a project");
    // No click into the field: typing goes there at once.
    assert!(h.get_by_label("Path of the file").is_focused());
    h.get_by_label("Path of the file")
        .type_text(&path.display().to_string());
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().doc.project.name, "Mine");
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
}

#[test]
fn renaming_a_node_rewrites_every_reference_and_undo_takes_it_back() {
    let before = example();
    let mut h = harness(before.clone());
    run(&mut h, AppCommand::Reveal(Element::Node("sgtm".into())));
    h.get_by_label("Rename id…").click();
    h.run();
    h.get_by_label("Rename id");
    let field = h.get_by_label("New id");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("New id").type_text("tag-manager");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let p = h.state().doc.project.clone();
    assert!(p.node("sgtm").is_none() && p.node("tag-manager").is_some());
    let ends = |p: &Project, id: &str| {
        p.flows
            .iter()
            .filter(|f| f.from.as_str() == id || f.to.as_str() == id)
            .count()
    };
    assert_eq!(
        ends(&p, "tag-manager"),
        ends(&before, "sgtm"),
        "every flow follows"
    );
    assert_eq!(ends(&p, "sgtm"), 0);
    assert_eq!(
        h.state().selection.primary(),
        Some(&Element::Node("tag-manager".into())),
        "the renamed node stays selected"
    );
    run(&mut h, AppCommand::Undo);
    assert_eq!(h.state().doc.project, before);
}

#[test]
fn the_light_theme_draws_a_light_canvas() {
    let app = CapimapApp::new(
        example(),
        None,
        Catalog::builtin().unwrap(),
        Prefs {
            theme: capimap::ui::Theme::Light,
            ..prefs()
        },
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    h.ctx.set_theme(egui::ThemePreference::Light);
    h.run_steps(4);
    let image = h.render().expect("rendered");
    // The canvas's empty corner, left of the first card: light, not the dark theme's grey.
    let px = image.get_pixel(260, 580);
    let luminance = 0.2126 * px[0] as f32 + 0.7152 * px[1] as f32 + 0.0722 * px[2] as f32;
    assert!(luminance > 200.0, "the canvas is light: {px:?}");
    h.snapshot("main_window_light");
}

#[test]
fn ctrl_d_duplicates_the_selected_card_beside_it_and_undo_removes_the_copy() {
    let before = example();
    let mut h = harness(before.clone());
    run(&mut h, AppCommand::Reveal(Element::Node("sgtm".into())));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    h.run();
    let app = h.state();
    assert_eq!(app.doc.project.nodes.len(), before.nodes.len() + 1);
    let copy = app.doc.project.nodes.last().unwrap();
    assert_eq!(copy.name, "Server-side tag manager (copy)");
    assert_eq!(
        app.selection.primary(),
        Some(&Element::Node(copy.id.clone()))
    );
    let at = app.canvas.node_screen_rect(&app.doc, copy.id.as_str());
    for n in &before.nodes {
        assert!(!at.intersects(app.canvas.node_screen_rect(&app.doc, n.id.as_str())));
    }
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.project, before);
}

#[test]
fn a_mouse_click_on_a_card_or_a_badge_selects_it() {
    let mut h = harness(example());
    h.get_by_label_contains("source web-shop: ").click();
    h.run_steps(12);
    assert_eq!(
        h.state().selection.primary(),
        Some(&Element::Node("web-shop".into()))
    );
    h.get_by_label_contains("Flow sgtm-to-meta from").click();
    h.run_steps(12);
    assert_eq!(
        h.state().selection.primary(),
        Some(&Element::Flow("sgtm-to-meta".into()))
    );
}

#[test]
fn a_cards_mark_counts_the_findings_of_the_flows_into_it() {
    let p = example();
    let h = harness(p.clone());
    let report = &h.state().doc.report;
    let open_on = |node: &str| {
        report
            .findings
            .iter()
            .filter(|f| f.is_open())
            .filter(|f| {
                let owner = f.target.element.owner();
                owner == Element::Node(node.into())
                    || owner
                        .flow()
                        .and_then(|id| p.flow(id.as_str()))
                        .is_some_and(|x| x.to.as_str() == node)
            })
            .count()
    };
    // TikTok has no finding of its own; the raw phone number on the flow into it is its mark.
    assert!(open_on("tiktok-events") >= 1);
    h.get_by_label_contains(&format!(
        "destination tiktok-events: TikTok Events API, TikTok Technology Limited, IE, {} open finding",
        open_on("tiktok-events")
    ));
}

#[test]
fn file_export_diagram_writes_an_svg_of_the_canvas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop-diagram.svg");
    let mut h = harness(example());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export diagram…").click();
    h.run();
    h.get_by_label("Export the diagram");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path of the file")
        .type_text(&path.display().to_string());
    h.key_press(egui::Key::Enter);
    h.run();
    let svg = std::fs::read_to_string(&path).expect("written");
    assert!(svg.contains(">Web shop<") && svg.contains("sgtm-to-meta: 16 fields"));
}
