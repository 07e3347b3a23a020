//! `cargo bench --bench diff`: comparing two generated 50,000-flow projects (10 field
//! mappings a flow) where one attribute changed in each of 1,000 flows: the record's changes
//! alone, the whole review `capimap diff` makes (with the checks run on both sides), and the
//! element-by-element comparison the app's Compare with… marks the canvas from.

use criterion::{Criterion, criterion_group, criterion_main};

use capimap::catalog::Catalog;
use capimap::diff::{changes, elements::compare, review::review};
use capimap::model::Transform;
use capimap::synthetic;

/// The allocator the `capimap` binary uses, so that the figures are what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("the built-in catalogue loads");
    let old = synthetic::project(50_000, 10);
    let mut new = old.clone();
    // Every 50th flow sends its first field raw: 1,000 flows changed.
    for f in new.flows.iter_mut().step_by(50) {
        if let Some(m) = f.fields.first_mut() {
            m.transform = match m.transform {
                Transform::Raw => Transform::Dropped,
                _ => Transform::Raw,
            };
        }
    }
    let mut group = c.benchmark_group("diff");
    group.sample_size(10);
    group.bench_function("changes/50000", |b| b.iter(|| changes(&old, &new)));
    group.bench_function("review/50000", |b| b.iter(|| review(&old, &new, &catalog)));
    // What the app's Compare with… works out again after each edit.
    group.bench_function("elements/50000", |b| b.iter(|| compare(&old, &new)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
