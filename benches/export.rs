//! `cargo bench --no-default-features --bench export`: the record of processing of a generated
//! project with 200 processing activities and 2,000 flows, laid out and written as PDF.

use criterion::{Criterion, criterion_group, criterion_main};

use capimap::catalog::Catalog;
use capimap::model::{ActivityId, Project};
use capimap::report::document::{Edition, Meta, build};
use capimap::report::pdf::{Options, Paper, render};
use capimap::report::words::{Lang, Words};
use capimap::{check, synthetic};

/// 200 activities, each served by ten of the 2,000 flows.
fn project() -> Project {
    let mut p = synthetic::sized(200, 2_000, 5);
    let templates = p.activities.clone();
    p.activities = (0..200)
        .map(|i| {
            let mut a = templates[i % templates.len()].clone();
            a.id = ActivityId::new(format!("act-{i}"));
            a.name = format!("Processing activity {i}");
            a
        })
        .collect();
    for (i, f) in p.flows.iter_mut().enumerate() {
        f.activities = vec![ActivityId::new(format!("act-{}", i % 200))];
    }
    p
}

fn bench(c: &mut Criterion) {
    let p = project();
    let findings = check::check(&p, &Catalog::builtin().expect("catalogue"));
    let date = "2026-11-26".parse().expect("a date");
    let texts = Words::builtin(Lang::En).expect("the built-in words parse");
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("200 activities, 2000 flows", |b| {
        b.iter(|| {
            let meta = Meta {
                date,
                project_hash: None,
                edition: Edition::Internal,
                changes: None,
            };
            let record = build(&p, &findings, &meta, &texts);
            render(
                &record,
                &Options {
                    paper: Paper::A4,
                    date,
                },
            )
            .expect("renders")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
