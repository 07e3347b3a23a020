//! The consent simulator in the app, used as a privacy officer would: View ▸ Consent
//! simulator, untick a purpose, and read on the canvas which destinations still receive data
//! and which flows carry nothing; a gate that stops enforcing a purpose shows red badges.
#![cfg(feature = "gui")]

use capimap::model::NodeKind;
use capimap::ui::{AppCommand, BottomTab, CapimapApp};
use capimap::{examples, store};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

use common::ui::has;

fn harness(edit: impl FnOnce(&mut capimap::model::Project)) -> Harness<'static, CapimapApp> {
    let mut project = store::parse(examples::SHOP, "shop").unwrap().project;
    edit(&mut project);
    common::ui::app_on(project, 1300.0)
}

/// The simulator opened from the View menu.
fn open_simulator(h: &mut Harness<'static, CapimapApp>) {
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Consent simulator").click();
    h.run_steps(2);
}

/// Whether the destination's card says `what` ("receives data", "receives nothing").
fn card_says(h: &Harness<'static, CapimapApp>, id: &str, what: &str) -> bool {
    has(h, &[&format!("destination {id}: "), what])
}

#[test]
fn denying_a_purpose_shows_which_destinations_still_receive_data() {
    let mut h = harness(|_| {});
    open_simulator(&mut h);
    // Everything granted at first: every destination receives.
    for id in ["meta-capi", "google-ads", "tiktok-events"] {
        assert!(card_says(&h, id, "; receives data"), "{id}");
    }
    // Personalised advertising denied: the gate stops Meta's and TikTok's events (they are
    // sent for retargeting too), Google Ads still gets its conversions.
    h.get_by_label("Personalised advertising").click();
    h.run_steps(2);
    assert!(card_says(&h, "meta-capi", "; receives nothing"));
    assert!(card_says(&h, "tiktok-events", "; receives nothing"));
    assert!(card_says(&h, "google-ads", "; receives data"));
    assert!(has(
        &h,
        &[
            "Flow sgtm-to-meta from sgtm to meta-capi",
            "carries nothing in the simulated consent state"
        ]
    ));
    // Into the request log, before any gate for it, events still flow.
    assert!(has(
        &h,
        &["Flow sgtm-to-log from sgtm to event-log", "; carries "]
    ));
    assert!(!has(
        &h,
        &["Flow sgtm-to-log from sgtm to event-log", "carries nothing"]
    ));
    assert!(
        has(&h, &["Receiving data: Google Ads"]),
        "the bar names who receives"
    );

    // Measurement denied too: nobody receives anything.
    h.get_by_label("Advertising measurement").click();
    h.run_steps(2);
    for id in ["meta-capi", "google-ads", "tiktok-events"] {
        assert!(card_says(&h, id, "; receives nothing"), "{id}");
    }
    assert!(has(&h, &["No destination receives anything."]));
    // The inventory shows the same: Meta's e-mail cell is struck through.
    let ctx = h.ctx.clone();
    h.state_mut()
        .run(&ctx, AppCommand::ShowTab(BottomTab::Inventory));
    h.run_steps(2);
    assert!(has(
        &h,
        &[
            "E-mail address to Meta Conversions API: ",
            "not sent in the simulated consent state"
        ]
    ));

    // Closing the simulator brings the plain canvas back, and the project never changed.
    h.get_by_label("Close").click();
    h.run_steps(2);
    assert!(!has(&h, &["simulated consent state"]));
    assert!(!h.state().doc.is_modified());
}

#[test]
fn a_gate_that_does_not_enforce_a_purpose_shows_data_sent_without_consent() {
    // The banner's check stops enforcing personalised advertising.
    let mut h = harness(|p| {
        let gate = p.nodes.iter_mut().find(|n| n.id.as_str() == "cmp").unwrap();
        if let NodeKind::ConsentGate(g) = &mut gate.kind {
            g.enforces.retain(|e| e.as_str() != "cp-marketing");
        }
    });
    open_simulator(&mut h);
    h.get_by_label("Personalised advertising").click();
    h.run_steps(2);
    assert!(has(
        &h,
        &[
            "Flow sgtm-to-meta from sgtm to meta-capi",
            "without the consent needed"
        ]
    ));
    assert!(card_says(&h, "meta-capi", "; receives data"));
    assert!(has(&h, &["sent without the consent needed (red badges)"]));
}

#[test]
fn a_capture_checked_from_a_destination_is_judged_against_the_simulated_state() {
    let dir = tempfile::tempdir().unwrap();
    let capture = dir.path().join("meta.jsonl");
    let event = |i: usize| {
        serde_json::json!({"data": [{
            "event_name": "Purchase", "event_time": 1_764_000_000 + i, "action_source": "website",
            "user_data": {"em": [format!("{:064x}", i + 1)], "client_user_agent": "Mozilla/5.0"}
        }]})
        .to_string()
    };
    std::fs::write(&capture, format!("{}\n{}\n", event(1), event(2))).unwrap();
    let mut h = harness(|_| {});
    open_simulator(&mut h);
    h.get_by_label("Personalised advertising").click();
    h.run_steps(2);
    let ctx = h.ctx.clone();
    h.state_mut().run(
        &ctx,
        AppCommand::InspectFiles {
            destination: "meta-capi".into(),
            files: vec![capture.clone()],
        },
    );
    h.run_steps(2);
    // The simulator's state is the plan's case 3: both events carried data Meta must not get.
    let p = h.state().payloads.as_ref().expect("inspected");
    assert_eq!(p.case, Some(3));
    assert_eq!(
        p.result
            .consent
            .as_ref()
            .map(|k| k.events_sent_without_consent),
        Some(2)
    );
    assert!(has(
        &h,
        &["2 events carried data that must not reach this destination in case 3"]
    ));
    assert!(has(&h, &["inspect/sent-without-consent"]));

    // Another case chosen in the panel: everything granted, nothing is wrong.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Consent case")
        .click();
    h.run();
    h.get_by_label("Case 1 (EEA, UK, CH): grant all").click();
    h.run_steps(2);
    let p = h.state().payloads.as_ref().expect("inspected");
    assert_eq!(p.case, Some(1));
    assert_eq!(
        p.result
            .consent
            .as_ref()
            .map(|k| k.events_sent_without_consent),
        Some(0)
    );
    assert!(!has(&h, &["inspect/sent-without-consent"]));
    // No value from the capture is shown anywhere.
    assert!(!has(&h, &[&format!("{:064x}", 2)]));
}
