//! How the window is drawn: the renderer eframe is given.

/// How the window is drawn: a still chart needs one frame in flight, not two (each is a
/// full window of memory), OpenGL is only started where no Vulkan, Metal or DirectX
/// adapter exists (starting it beside Vulkan loads a second driver for nothing), and no
/// shaders are compiled to validate indirect draws egui never makes.
pub(super) fn renderer() -> egui_wgpu::WgpuConfiguration {
    let mut configuration = egui_wgpu::WgpuConfiguration {
        surface: egui_wgpu::SurfaceConfig::LOW_LATENCY,
        ..Default::default()
    };
    let mut primary = egui_wgpu::wgpu::Backends::PRIMARY;
    primary.remove(egui_wgpu::wgpu::Backends::BROWSER_WEBGPU);
    if let egui_wgpu::WgpuSetup::CreateNew(setup) = &mut configuration.wgpu_setup {
        crate::export::offscreen::skip_indirect_validation(setup);
        if has_adapter(primary) {
            setup.instance_descriptor.backends = primary;
        }
    }
    configuration
}

/// Whether any graphics adapter is available through `backends`.
fn has_adapter(backends: egui_wgpu::wgpu::Backends) -> bool {
    let instance = egui_wgpu::wgpu::Instance::new(egui_wgpu::wgpu::InstanceDescriptor {
        backends,
        ..egui_wgpu::wgpu::InstanceDescriptor::new_without_display_handle()
    });
    !pollster::block_on(instance.enumerate_adapters(backends)).is_empty()
}
