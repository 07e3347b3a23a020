//! `cargo bench --no-default-features --bench export`: the record of processing of generated
//! projects with 200 processing activities (2,000 flows, and 20,000 flows over 2,000 nodes),
//! laid out and written as PDF.

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};

use capimap::catalog::Catalog;
use capimap::model::Project;
use capimap::report::document::{Edition, Meta, build};
use capimap::report::pdf::{Options, Paper, render};
use capimap::report::words::{Lang, Words};
use capimap::{check, synthetic};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    // 200 activities, each served by ten of the 2,000 flows; then the size ladder's export
    // rung, 200 activities over 2,000 nodes and 20,000 flows.
    for (nodes, flows, mappings) in [(200, 2_000, 5), (2_000, 20_000, 10)] {
        let p = synthetic::with_activities(200, nodes, flows, mappings);
        record(
            &mut group,
            &p,
            &format!("200 activities, {flows} flows, {nodes} nodes"),
        );
    }
    group.finish();
}

fn record(group: &mut BenchmarkGroup<'_, WallTime>, p: &Project, name: &str) {
    let findings = check::check(p, &Catalog::builtin().expect("catalogue"));
    let date = "2026-11-26".parse().expect("a date");
    let texts = Words::builtin(Lang::En).expect("the built-in words parse");
    group.bench_function(name, |b| {
        b.iter(|| {
            let meta = Meta {
                date,
                project_hash: None,
                edition: Edition::Internal,
                changes: None,
            };
            let record = build(p, &findings, &meta, &texts);
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
