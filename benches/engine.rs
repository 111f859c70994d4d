//! Engine speed: the app re-runs the engine every frame, so a full report and the
//! chart's curves must each take well under a frame's budget (target: < 100 µs).

use criterion::{Criterion, criterion_group, criterion_main};
use llm_cost_explorer::engine::{curve::sample_curves, evaluate};
use llm_cost_explorer::scenario::presets;

fn full_report(c: &mut Criterion) {
    for name in [
        "70b-full-stack-2xa100",
        "agent-fleet-mac-studio",
        "chat-10k-requests-a10g",
    ] {
        let scenario = presets::load(name).expect("preset loads");
        c.bench_function(&format!("report/{name}"), |b| {
            b.iter(|| evaluate(std::hint::black_box(&scenario)))
        });
    }
}

fn curves(c: &mut Criterion) {
    for name in ["70b-full-stack-2xa100", "chat-10k-requests-a10g"] {
        let scenario = presets::load(name).expect("preset loads");
        c.bench_function(&format!("curves-512/{name}"), |b| {
            b.iter(|| sample_curves(std::hint::black_box(&scenario), 1e5, 1e11, 512))
        });
    }
}

criterion_group!(benches, full_report, curves);
criterion_main!(benches);
