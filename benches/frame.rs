//! CPU time of one full app frame at 1280x800: the UI pass (controls, engine, chart,
//! verdict) plus tessellation into triangles; only the GPU upload is left out.
//! Target: at most 1.0 ms on the 70B full-stack preset (issue 8).
//!
//! The frame runs on a plain egui context, as in the window: egui builds the AccessKit
//! tree only while a screen reader asks for it, so it is not part of an ordinary frame
//! (the kittest harness always builds and reads it, which would measure the harness).

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::App as _;
use eframe::egui;
use llm_cost_explorer::app::{ChartTab, CostExplorerApp};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

/// eframe's own stand-in frame for running an app outside a window, after three frames
/// have laid the app out.
fn settled(ctx: &egui::Context, app: &mut CostExplorerApp) -> eframe::Frame {
    let mut frame = eframe::Frame::_new_kittest();
    for _ in 0..3 {
        // No GPU takes the font atlas here; egui insists that is said.
        ctx.run_ui(input(), |ui| app.ui(ui, &mut frame))
            .textures_delta
            .clear();
    }
    frame
}

fn full_frame(c: &mut Criterion) {
    // The busiest presets: most crossovers, and most options.
    for preset in [
        "70b-full-stack-2xa100",
        "agent-fleet-mac-studio",
        "chat-10k-requests-a10g",
    ] {
        let ctx = egui::Context::default();
        let mut app = CostExplorerApp::on_preset(preset).expect("preset");
        let mut frame = settled(&ctx, &mut app);
        c.bench_function(&format!("frame-1280x800/{preset}"), |b| {
            b.iter(|| {
                let mut output = ctx.run_ui(input(), |ui| app.ui(ui, &mut frame));
                output.textures_delta.clear();
                ctx.tessellate(output.shapes, output.pixels_per_point)
            })
        });
    }
}

/// A frame while a slider is dragged on the full-stack preset (five ranged inputs): the
/// scenario changes every frame, so the model (bands, interval, tornado bars) is prepared
/// and the chart's figure described again. Target: within 1 ms.
fn dragging_frame(c: &mut Criterion) {
    for ranged in [true, false] {
        let ctx = egui::Context::default();
        let mut app = CostExplorerApp::on_preset("70b-full-stack-2xa100").expect("preset");
        if !ranged {
            app.scenario_mut().deployments[0].ranges.clear();
        }
        let mut frame = settled(&ctx, &mut app);
        let mut step = 0u32;
        let name = if ranged { "five-ranges" } else { "no-ranges" };
        c.bench_function(
            &format!("frame-1280x800-dragging/70b-full-stack-2xa100/{name}"),
            |b| {
                b.iter(|| {
                    // A different volume each frame, as under a moving slider.
                    step = (step + 1) % 1000;
                    let days = app.scenario().days_per_month;
                    let volume = 1e9 * (1.0 + f64::from(step) * 1e-4);
                    app.scenario_mut()
                        .workload
                        .set_tokens_per_month(volume, days);
                    let mut output = ctx.run_ui(input(), |ui| app.ui(ui, &mut frame));
                    output.textures_delta.clear();
                    ctx.tessellate(output.shapes, output.pixels_per_point)
                })
            },
        );
    }
}

/// A frame on the "Over time" tab while the growth is dragged on the bought Mac fleet:
/// the model, its timeline with every best switch, and the timeline's figure, each frame.
/// Target: within 1 ms.
fn timeline_dragging_frame(c: &mut Criterion) {
    let ctx = egui::Context::default();
    let mut app = CostExplorerApp::on_preset("agent-fleet-mac-studio").expect("preset");
    app.set_chart_tab(ChartTab::Timeline);
    let mut frame = settled(&ctx, &mut app);
    let mut step = 0u32;
    c.bench_function(
        "frame-1280x800-timeline-dragging/agent-fleet-mac-studio",
        |b| {
            b.iter(|| {
                step = (step + 1) % 1000;
                app.scenario_mut().timeline.growth_per_month = 0.05 + f64::from(step) * 1e-4;
                let mut output = ctx.run_ui(input(), |ui| app.ui(ui, &mut frame));
                output.textures_delta.clear();
                ctx.tessellate(output.shapes, output.pixels_per_point)
            })
        },
    );
}

criterion_group!(benches, full_frame, dragging_frame, timeline_dragging_frame);
criterion_main!(benches);
