//! File ▸ Compare with… in the app, used as a reviewer would: compare the project with the
//! last commit of its file (or another file), read on the canvas what was added, removed and
//! changed, and open a change from the Changes tab.
#![cfg(feature = "gui")]

use std::path::Path;
use std::process::Command;

use capimap::catalog::Catalog;
use capimap::edit::{self, Item};
use capimap::model::{ElementRef, Project, Transform};
use capimap::ui::{AppCommand, BottomTab, CapimapApp, Prefs};
use capimap::{examples, store};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

use common::ui::has;

fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

/// The example changed: Google Ads moved to the US, TikTok (and its flow and rule) gone, a
/// flow from the CRM to Meta added, and Meta's phone number now sent raw.
fn edited() -> Project {
    let mut p = example();
    let g = p
        .nodes
        .iter_mut()
        .find(|n| n.id.as_str() == "google-ads")
        .unwrap();
    g.country = "US".into();
    p.nodes.retain(|n| n.id.as_str() != "tiktok-events");
    p.flows.retain(|f| f.to.as_str() != "tiktok-events");
    p.retention.retain(|r| r.node.as_str() != "tiktok-events");
    p.layout
        .positions
        .retain(|id, _| id.as_str() != "tiktok-events");
    let mut f = p
        .flows
        .iter()
        .find(|f| f.id.as_str() == "crm-to-export")
        .unwrap()
        .clone();
    f.id = "crm-to-meta".into();
    f.to = "meta-capi".into();
    p.flows.push(f);
    let meta = p
        .flows
        .iter_mut()
        .find(|f| f.id.as_str() == "sgtm-to-meta")
        .unwrap();
    let phone = meta
        .fields
        .iter_mut()
        .find(|m| m.field.as_str() == "phone")
        .unwrap();
    phone.transform = Transform::Raw;
    p
}

fn harness(project: Project, path: Option<&Path>) -> Harness<'static, CapimapApp> {
    let prefs = Prefs {
        welcome_seen: true,
        in_app_file_prompt: true,
        ..Prefs::default()
    };
    let app = CapimapApp::new(
        project,
        path.map(Path::to_path_buf),
        Catalog::builtin().unwrap(),
        prefs,
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1300.0))
        .build_ui_state(|ui, app: &mut CapimapApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

/// File ▸ Compare with…, the text typed over what is offered, Compare.
fn compare_with(h: &mut Harness<'static, CapimapApp>, what: &str) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Compare with…").click();
    h.run();
    assert!(
        has(h, &["Compare with another version"]),
        "the dialog opens"
    );
    let field = h.get_by_label("Revision or file");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Revision or file").type_text(what);
    h.run();
    h.get_by_label("Compare").click();
    h.run_steps(3);
}

fn marks_the_edits(h: &mut Harness<'static, CapimapApp>, since: &str) {
    // The cards say what happened to them; an untouched one says nothing.
    assert!(has(
        h,
        &[
            "destination google-ads: ",
            &format!("; changed since {since}: country: IE → US")
        ]
    ));
    assert!(!has(h, &["destination meta-capi: ", "since"]));
    // The flows: the new one added, Meta's changed by one field, the untouched not marked.
    assert!(has(
        h,
        &[
            "Flow crm-to-meta from crm to meta-capi",
            &format!("; added since {since}")
        ]
    ));
    assert!(has(
        h,
        &[
            "Flow sgtm-to-meta from sgtm to meta-capi",
            &format!("; changed since {since}"),
            "1 field changed"
        ]
    ));
    assert!(!has(h, &["Flow web-to-cmp from", "since"]));
    // The Changes tab lists them, the removed destination among them.
    assert_eq!(h.state().bottom_tab(), BottomTab::Changes);
    assert!(
        has(h, &["TikTok Events API"]),
        "the removed destination is listed"
    );
    assert!(has(
        h,
        &["Phone number as user_data.ph", "transform: Sha256"]
    ));
}

#[test]
fn comparing_with_another_file_marks_what_changed_and_a_change_selects_its_element() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("before.capimap.ron");
    std::fs::write(&old, store::to_string(&example())).unwrap();
    let mut h = harness(edited(), None);
    compare_with(&mut h, &old.display().to_string());
    let since = old.display().to_string();
    marks_the_edits(&mut h, &since);

    // A click on a change selects its element.
    h.get_by_label("Google Ads enhanced conversions — country: IE → US")
        .click();
    h.run_steps(2);
    assert_eq!(
        h.state().selection.primary(),
        Some(&ElementRef::Node("google-ads".into()))
    );

    // Setting the country back in the app takes the mark off at once; undoing puts it back.
    let at = h
        .state()
        .doc
        .project
        .nodes
        .iter()
        .position(|n| n.id.as_str() == "google-ads")
        .unwrap();
    let mut node = h.state().doc.project.nodes[at].clone();
    node.country = "IE".into();
    let ctx = h.ctx.clone();
    h.state_mut().run(
        &ctx,
        AppCommand::Edit {
            label: "Country".into(),
            command: Box::new(edit::Command::Replace {
                at,
                item: Item::Node(node),
            }),
            merge: None,
        },
    );
    h.run_steps(2);
    assert!(!has(&h, &["destination google-ads: ", "since"]));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert!(has(&h, &["destination google-ads: ", "changed since"]));

    // Stop comparing: no marks, no tab.
    h.get_by_label("Stop comparing").click();
    h.run_steps(2);
    assert!(!has(&h, &["since"]));
    assert!(!has(&h, &["Changes ("]));
}

#[test]
fn comparing_with_the_last_commit_of_the_project_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.capimap.ron");
    std::fs::write(&file, store::to_string(&example())).unwrap();
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["-c", "user.email=t@example.org", "-c", "user.name=t"])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "the example"]);
    std::fs::write(&file, store::to_string(&edited())).unwrap();

    let mut h = harness(edited(), Some(&file));
    compare_with(&mut h, "HEAD");
    marks_the_edits(&mut h, "HEAD:shop.capimap.ron");

    // A revision git does not know: the dialog stays, saying why, and nothing is compared.
    h.get_by_label("Stop comparing").click();
    h.run_steps(2);
    compare_with(&mut h, "no-such-branch");
    assert!(has(
        &h,
        &["no-such-branch: no such file, and not a git revision"]
    ));
    assert!(!has(&h, &["Changes ("]));
}
