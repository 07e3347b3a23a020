//! The consent test plan as text for the terminal, or as a Markdown checklist for QA.

use std::fmt::Write as _;

use crate::check::plan::{Case, DestinationCase, Plan, Verdict, WithdrawalCase};
use crate::model::Project;
use crate::model::shown::plural;

/// How the plan is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Text,
    /// Headings and check boxes, to paste into a ticket or a test-management tool.
    Markdown,
}

/// The plan, written for a person.
pub fn write(plan: &Plan, project: &Project, style: Style) -> String {
    let md = style == Style::Markdown;
    let name = |id: &str| plan.purpose_name(project, id).to_owned();
    let names = |ids: &[String]| -> String {
        ids.iter()
            .map(|i| format!("'{}'", name(i)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}Consent test plan: {}",
        if md { "# " } else { "" },
        plan.project
    );
    let _ = writeln!(
        o,
        "\n{} and {}. Run each case in the test shop with a test identity, capture what the servers send, and check the capture with `capimap inspect CAPTURE --against PROJECT --destination NODE --case N` (a HAR file of a whole test order is checked for every destination when --destination is left out).",
        plural(plan.cases.len(), "consent case", "consent cases"),
        plural(
            plan.withdrawals.len(),
            "withdrawal case",
            "withdrawal cases"
        ),
    );
    for s in &plan.scopes {
        let _ = writeln!(
            o,
            "\n{}{}: {} asked{}; {} of choices, {}.",
            if md { "- " } else { "" },
            capitalised(&s.label),
            plural(s.purposes.len(), "consent purpose", "consent purposes"),
            if s.purposes.is_empty() {
                String::new()
            } else {
                format!(" ({})", names(&s.purposes))
            },
            plural(s.combinations, "combination", "combinations"),
            plural(s.cases, "case", "cases"),
        );
    }
    for c in &plan.cases {
        case(&mut o, plan, c, &name, &names, md);
    }
    for w in &plan.withdrawals {
        withdrawal(&mut o, w, &names, md);
    }
    if !plan.notes.is_empty() {
        let _ = writeln!(o, "\n{}Not covered", if md { "## " } else { "" });
        for n in &plan.notes {
            let _ = writeln!(o, "{}{n}", if md { "- " } else { "  " });
        }
    }
    o
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        _ => s.to_owned(),
    }
}

fn case(
    o: &mut String,
    plan: &Plan,
    c: &Case,
    name: &dyn Fn(&str) -> String,
    names: &dyn Fn(&[String]) -> String,
    md: bool,
) {
    let scope = plan.scopes.get(c.scope).map_or("", |s| s.label.as_str());
    let choice = match (c.granted.is_empty(), c.denied.is_empty()) {
        (true, true) => "no consent purpose is asked".to_owned(),
        (false, true) => format!("grant {}", names(&c.granted)),
        (true, false) => format!("deny {}", names(&c.denied)),
        (false, false) => format!("grant {}; deny {}", names(&c.granted), names(&c.denied)),
    };
    let _ = writeln!(
        o,
        "\n{}Case {} ({scope}): {choice}",
        if md { "## " } else { "" },
        c.number
    );
    if !c.same_as_this.is_empty() {
        let others: Vec<String> = c
            .same_as_this
            .iter()
            .map(|d| {
                if d.is_empty() {
                    "granting all".to_owned()
                } else {
                    format!("denying {}", names(d))
                }
            })
            .collect();
        let _ = writeln!(
            o,
            "{}Also stands for {}: the same is expected.",
            if md { "" } else { "  " },
            others.join("; ")
        );
    }
    for d in &c.destinations {
        destination(o, d, name, md);
    }
}

fn destination(o: &mut String, d: &DestinationCase, name: &dyn Fn(&str) -> String, md: bool) {
    let (item, sub) = if md {
        ("- [ ] ", "  ")
    } else {
        ("    ", "      ")
    };
    let _ = writeln!(
        o,
        "{}{}{}",
        if md { "\n### " } else { "  " },
        d.name,
        d.platform
            .as_ref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default()
    );
    // With several flows into the destination, each flow's fields are listed under it: the
    // same field may be allowed on one and not on the other.
    let several = d.flows.len() > 1;
    for f in &d.flows {
        let (item, sub) = if several && !md {
            let _ = writeln!(o, "    via {}:", f.name);
            ("      ", "        ")
        } else if several {
            let _ = writeln!(o, "- via {}:", f.name);
            ("  - [ ] ", "    ")
        } else {
            (item, sub)
        };
        let fields = |pick: &dyn Fn(&Verdict) -> bool| -> Vec<String> {
            f.fields
                .iter()
                .filter(|x| pick(&x.verdict))
                .map(|x| format!("{} ({})", x.wire_name, x.label))
                .collect()
        };
        let must_not = fields(&|v| matches!(v, Verdict::MustNot { .. }));
        if !must_not.is_empty() {
            let mut why: Vec<String> = f
                .fields
                .iter()
                .filter_map(|x| match &x.verdict {
                    Verdict::MustNot { denied } => Some(denied.iter().map(|p| name(p))),
                    _ => None,
                })
                .flatten()
                .collect();
            why.sort();
            why.dedup();
            let _ = writeln!(
                o,
                "{item}no request carries: {} ('{}' denied: no consent, no processing, GDPR Art. 6(1)(a))",
                must_not.join(", "),
                why.join("', '")
            );
        }
        let may = fields(&|v| *v == Verdict::May);
        let stopped = fields(&|v| *v == Verdict::NotReached);
        if !may.is_empty() {
            let _ = writeln!(o, "{item}may receive: {}", may.join(", "));
            if !stopped.is_empty() {
                let _ = writeln!(
                    o,
                    "{sub}but not (the model's gates stop it): {}",
                    stopped.join(", ")
                );
            }
        } else if !stopped.is_empty() {
            let _ = writeln!(
                o,
                "{item}no request at all: the model's gates stop every event, {} included",
                stopped.join(", ")
            );
        }
        for x in &f.fields {
            if let Verdict::Unknown { why } = &x.verdict {
                let _ = writeln!(o, "{sub}cannot say for {}: {why}", x.wire_name);
            }
        }
        for s in &f.signals {
            let follows = if s.follows.is_empty() {
                String::new()
            } else {
                format!(
                    " (follows '{}')",
                    s.follows
                        .iter()
                        .map(|p| name(p))
                        .collect::<Vec<_>>()
                        .join("', '")
                )
            };
            let required = if s.required { ", required" } else { "" };
            match &s.expected {
                Some(v) => {
                    let _ = writeln!(
                        o,
                        "{item}{} carries {} = {v}{follows}{required}",
                        if may.is_empty() {
                            "any request sent anyway"
                        } else {
                            "every request"
                        },
                        s.wire_name
                    );
                }
                None => {
                    let _ = writeln!(
                        o,
                        "{item}{}: capimap cannot tell which value it must carry: {}{required}",
                        s.wire_name, s.why
                    );
                }
            }
            if !s.forwarded {
                let _ = writeln!(
                    o,
                    "{sub}the model says flow {} does not forward it (see `capimap check`)",
                    f.flow
                );
            }
        }
    }
}

fn withdrawal(o: &mut String, w: &WithdrawalCase, names: &dyn Fn(&[String]) -> String, md: bool) {
    let step = |n: usize| {
        if md {
            format!("{n}. ")
        } else {
            format!("    {n}. ")
        }
    };
    let _ = writeln!(
        o,
        "\n{}Case {} (withdrawal): {} {}",
        if md { "## " } else { "" },
        w.number,
        w.name,
        w.how
    );
    let _ = writeln!(
        o,
        "{}Grant {} with a test identity and create events (an order).",
        step(1),
        names(&w.purposes)
    );
    let _ = writeln!(
        o,
        "{}Withdraw {} before the flow sends.",
        step(2),
        names(&w.purposes)
    );
    let _ = writeln!(
        o,
        "{}Let flow {} run, and capture what it sends.",
        step(3),
        w.flow
    );
    let _ = writeln!(
        o,
        "{}None of the identity's events may reach {}: check with `capimap inspect CAPTURE --against PROJECT --destination {} --case {} --test-identities IDS.ron`.",
        step(4),
        w.destinations.join(", "),
        w.destinations.first().map_or("NODE", String::as_str),
        w.number
    );
    let expect = match w.model_passes {
        Some(true) => format!("The model expects this to pass ({}).", w.handling),
        Some(false) => format!(
            "The model expects this to fail ({}): see consent/withdrawal-unhandled in `capimap check`.",
            w.handling
        ),
        None if w.handling.is_empty() => {
            "The model does not say what happens to pending events on withdrawal.".to_owned()
        }
        None => format!("The model says: {}.", w.handling),
    };
    let _ = writeln!(o, "{}{expect}", if md { "\n" } else { "  " });
}
