//! Where users are, and what a field is used for, edited in the app as a user would: typed,
//! checked as typed, and only a valid value reaches the project and its findings.
#![cfg(feature = "gui")]

use capimap::catalog::Catalog;
use capimap::model::NodeKind;
use capimap::ui::{CapimapApp, Element, Prefs};
use capimap::{examples, store};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(select: Element) -> Harness<'static, CapimapApp> {
    let project = store::parse(examples::SHOP, "shop").unwrap().project;
    let prefs = Prefs {
        welcome_seen: true,
        in_app_file_prompt: true,
        ..Prefs::default()
    };
    let mut app = CapimapApp::new(project, None, Catalog::builtin().unwrap(), prefs);
    app.selection.set(select);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1300.0))
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

fn source_regions(app: &CapimapApp, id: &str) -> Vec<String> {
    match &app.doc.project.node(id).expect("the node").kind {
        NodeKind::Source(s) => s.regions.clone(),
        _ => panic!("{id} is not a source"),
    }
}

fn open_count(app: &CapimapApp, rule: &str) -> usize {
    app.doc
        .report
        .findings
        .iter()
        .filter(|f| f.is_open() && f.rule.id == rule)
        .count()
}

fn retype(h: &mut Harness<'static, CapimapApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

#[test]
fn a_sources_users_are_typed_checked_and_drive_the_regional_rules() {
    // The CRM's nightly upload to Google lacks the EEA consent signal: its customers are taken
    // to be where the company is established, in Germany.
    let mut h = harness(Element::Node("crm".into()));
    assert!(source_regions(h.state(), "crm").is_empty());
    assert_eq!(open_count(h.state(), "consent/signal-missing"), 1);

    // A country name is not a region: explained, and the project keeps its last valid list.
    retype(&mut h, "Where its users are", "California");
    h.get_by_label_contains("is not a region");
    assert!(source_regions(h.state(), "crm").is_empty());
    assert_eq!(open_count(h.state(), "consent/signal-missing"), 1);

    // A CRM of Californian customers only sends no EEA users' data: the EEA signal is moot.
    retype(&mut h, "Where its users are", "US-CA");
    assert!(h.query_by_label_contains("is not a region").is_none());
    assert_eq!(source_regions(h.state(), "crm"), ["US-CA"]);
    assert_eq!(open_count(h.state(), "consent/signal-missing"), 0);
}

#[test]
fn marking_an_activity_strictly_necessary_is_one_click_and_one_undo() {
    let mut h = harness(Element::Activity("act-analytics".into()));
    h.get_by_role_and_label(Role::CheckBox, "Strictly necessary")
        .click();
    h.run();
    let flagged = |h: &Harness<'static, CapimapApp>| {
        h.state()
            .doc
            .project
            .activity("act-analytics")
            .unwrap()
            .strictly_necessary
    };
    assert!(flagged(&h));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(!flagged(&h));
}

#[test]
fn a_field_sent_except_for_eea_users_clears_the_minimisation_warning() {
    let mut h = harness(Element::Flow("sgtm-to-google".into()));
    let before = open_count(h.state(), "minimise/not-used-in-region");
    assert_eq!(
        before, 1,
        "the example sends the IP address to Google for EEA users"
    );
    // The IP address is the flow's only mapping that Google does not use in the EEA; its
    // "Except users in" is the one with that field's position in the list of mappings.
    let flow = h
        .state()
        .doc
        .project
        .flow("sgtm-to-google")
        .unwrap()
        .clone();
    let at = flow
        .fields
        .iter()
        .position(|m| m.field.as_str() == "ip_address")
        .expect("the flow maps the IP address");
    let inputs = h.get_all_by_role_and_label(Role::TextInput, "Except users in");
    let input = inputs.into_iter().nth(at).expect("one input per mapping");
    input.focus();
    h.get_all_by_role_and_label(Role::TextInput, "Except users in")
        .nth(at)
        .unwrap()
        .type_text("EEA, UK, CH");
    h.run();
    let m = &h.state().doc.project.flow("sgtm-to-google").unwrap().fields[at];
    assert_eq!(m.except_for, ["EEA", "UK", "CH"]);
    assert_eq!(open_count(h.state(), "minimise/not-used-in-region"), 0);
}
