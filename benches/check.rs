//! `cargo bench --bench check`: checking generated projects of growing size (10 field
//! mappings a flow, 10 flows a node), to show that the checks grow linearly.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use capimap::catalog::Catalog;
use capimap::check;
use capimap::synthetic;

/// The allocator the `capimap` binary uses, so that the figures are what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("the built-in catalogue loads");
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for flows in [500, 5_000, 50_000] {
        let project = synthetic::project(flows, 10);
        group.throughput(Throughput::Elements(flows as u64));
        group.bench_with_input(BenchmarkId::from_parameter(flows), &project, |b, p| {
            b.iter(|| check::check(p, &catalog))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
