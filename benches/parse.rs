//! Parsing throughput on a large synthetic corpus (over 10 MB): the seed
//! texts and paragraphs in other phrasings, with the numbers varied so no
//! two paragraphs are alike; and on punctuation-free noise (words of the
//! sources and numbers, no full stop: one endless sentence). Also the cost
//! of the whole seed corpus (parse, merge, conflicts, checks, dataset).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use soviets::seeds::SEEDS;
use soviets::{parse, Corpus};
use std::hint::black_box;

/// About `bytes` of congress prose.
fn synthetic(bytes: usize) -> String {
    let ordinals = [
        "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
        "Tenth",
    ];
    let months = ["January", "March", "May", "July", "October", "December"];
    let mut out = String::with_capacity(bytes + 8192);
    let mut n: u32 = 0;
    while out.len() < bytes {
        for (_, seed) in SEEDS {
            out.push_str(seed);
            out.push_str("\n\n");
        }
        for _ in 0..20 {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let o = ordinals[(n % 10) as usize];
            let m = months[(n / 10 % 6) as usize];
            let (a, b, c) = (n % 900 + 100, n % 300 + 10, n % 70 + 1);
            out.push_str(&format!(
                "{o} Congress\n{m} {d1}-{d2}, 1918\n\nThe {o} All-Russian Congress of Soviets was held from {d1} to {d2} {m} 1918. \
                 It was attended by {t} delegates, of whom {a} had a decisive vote and {c} a consultative voice. \
                 Of these, {a} were Bolsheviks, {b} Left S.R.s (about {c} were Maximalists), and {c} Menshevik-Internationalists. \
                 The congress approved the Declaration by {a} votes to {b}, with {c} abstentions; the Decree on Land passed (unanimously). \
                 It elected a Central Executive Committee of {t2} members, including {b} Bolsheviks and {c} Left SRs.\n\n",
                d1 = n % 10 + 1,
                d2 = n % 10 + 12,
                t = a + b + c,
                t2 = b + c + 5,
            ));
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    for mb in [1usize, 12] {
        let text = synthetic(mb << 20);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(10);
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}MB")),
            &text,
            |b, t| b.iter(|| parse(black_box(t), soviets::DocId(0))),
        );
    }
    let text = soviets::seeds::noise(12 << 20);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_with_input(BenchmarkId::from_parameter("noise 12MB"), &text, |b, t| {
        b.iter(|| parse(black_box(t), soviets::DocId(0)))
    });
    g.finish();
    c.bench_function("seed corpus: parse, merge, dataset", |b| {
        b.iter(|| black_box(Corpus::seeds()).dataset())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
