//! CPU time of one full app frame at 1280x800: the UI pass (controls, engine, chart,
//! verdict) plus tessellation into triangles; only the GPU upload is left out.
//! Target: at most 1.0 ms on the 70B full-stack preset (issue 8).

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use egui_kittest::Harness;
use llm_cost_explorer::app::CostExplorerApp;

fn full_frame(c: &mut Criterion) {
    // The busiest presets: most crossovers, and most options.
    for preset in [
        "70b-full-stack-2xa100",
        "agent-fleet-mac-studio",
        "chat-10k-requests-a10g",
    ] {
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .build_eframe(|_| CostExplorerApp::on_preset(preset).expect("preset"));
        harness.run_steps(2);
        c.bench_function(&format!("frame-1280x800/{preset}"), |b| {
            b.iter(|| {
                harness.step();
                let output = harness.output();
                harness
                    .ctx
                    .tessellate(output.shapes.clone(), output.pixels_per_point)
            })
        });
    }
}

criterion_group!(benches, full_frame);
criterion_main!(benches);
