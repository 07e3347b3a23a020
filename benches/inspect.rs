//! `cargo bench --no-default-features --bench inspect`: 100,000 Meta request bodies as JSON
//! Lines (about 100 MB), inspected from a file, then again looking for 10 test identities
//! (every hashed value looked up among their forms). The file is generated once, in target/.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sha2::{Digest, Sha256};

use capimap::catalog::Catalog;
use capimap::inspect::identities::{Index, TestIdentity};
use capimap::inspect::{self, Inspector};

const BODIES: usize = 100_000;

fn hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One request body of about 1 KB, like the example's tag manager sends.
fn body(i: usize) -> String {
    format!(
        concat!(
            r#"{{"data":[{{"event_name":"Purchase","event_time":{t},"event_id":"ev-{i}","action_source":"website","#,
            r#""event_source_url":"https://shop.example/checkout/thanks?order=NO-{i}","#,
            r#""user_data":{{"em":["{em}"],"ph":["{ph}"],"fn":["{fname}"],"ln":["{lname}"],"ct":["{ct}"],"zp":["{zp}"],"country":["{co}"],"#,
            r#""external_id":["{ext}"],"client_ip_address":"203.0.{a}.{b}","client_user_agent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36","#,
            r#""fbp":"fb.1.1700000000000.{i}","fbc":"fb.1.1700000000000.IwAR{i}"}},"#,
            r#""custom_data":{{"currency":"EUR","value":{v}.95,"order_id":"NO-2026-{i:07}","content_ids":["SKU-{a}","SKU-{b}"]}}}}]}}"#
        ),
        t = 1_764_150_000 + i,
        i = i,
        em = hex(&format!("customer{i}@example.com")),
        ph = hex(&format!("49405550{i}")),
        fname = hex("jane"),
        lname = hex("doe"),
        ct = hex("hamburg"),
        zp = hex("20457"),
        co = hex("de"),
        ext = hex(&format!("cust-{i}")),
        a = i % 250,
        b = (i / 250) % 250,
        v = 20 + i % 180,
    )
}

fn input() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("meta-100k.jsonl");
    if !path.exists() {
        let mut w = BufWriter::new(std::fs::File::create(&path).expect("create the input"));
        for i in 0..BODIES {
            writeln!(w, "{}", body(i)).expect("write the input");
        }
        w.flush().expect("write the input");
    }
    path
}

fn bench(c: &mut Criterion) {
    let path = input();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let catalog = Catalog::builtin().expect("catalogue");
    let meta = catalog.get("meta").expect("meta");
    let mut group = c.benchmark_group("inspect");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(size));
    group.bench_function("100000 Meta bodies (JSON Lines)", |b| {
        b.iter(|| {
            let mut inspector = Inspector::new(meta);
            inspect::read_path(&path, &mut inspector).expect("reads");
            inspector.finish()
        })
    });
    // Ten test people, two of whom placed test orders among the generated ones.
    let ids: Vec<TestIdentity> = (0..10)
        .map(|k| TestIdentity {
            email: Some(format!(" Customer{}@Example.com", k * 7)),
            phone: Some(format!("040 5550{}", k * 7)),
            country: Some("DE".into()),
            first_name: Some("Jane".into()),
            last_name: Some("Doe".into()),
            city: Some("Hamburg".into()),
            postal_code: Some("20457".into()),
            date_of_birth: Some("1990-04-23".into()),
            external_id: Some(format!("cust-{}", k * 7)),
            withdrawn: false,
        })
        .collect();
    let index = Index::new(&ids);
    group.bench_function("100000 Meta bodies, 10 test identities", |b| {
        b.iter(|| {
            let mut inspector = Inspector::new(meta).with_identities(&index, &[3]);
            inspect::read_path(&path, &mut inspector).expect("reads");
            inspector.finish()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
