//! `cargo bench --bench import`: importing a generated server container with 500 tags, 200
//! custom templates (about 8 KB of template data each) and 2,000 variables: reading the
//! export, working out what each tag does and planning the project (target: under 1 s), and
//! the same container planned into the example project.

use criterion::{Criterion, criterion_group, criterion_main};

use capimap::catalog::Catalog;
use capimap::import::gtm;
use capimap::model::Project;

/// The allocator the `capimap` binary uses, so that the figures are what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("the built-in catalogue loads");
    let export = gtm::synthetic::container(500, 200, 2_000, 8);
    let example = capimap::store::parse(capimap::examples::SHOP, "example")
        .expect("the example loads")
        .project;
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("500 tags, 200 templates, 2000 variables", |b| {
        b.iter(|| {
            let a = gtm::analyse(gtm::parse(export.as_bytes(), "bench.json").expect("parses"));
            let plan = gtm::plan(&a, &Project::empty("bench"), &catalog);
            gtm::findings(&a, &plan.result, &catalog)
        })
    });
    let a = gtm::analyse(gtm::parse(export.as_bytes(), "bench.json").expect("parses"));
    group.bench_function("the same, planned into the example", |b| {
        b.iter(|| gtm::plan(&a, &example, &catalog))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
