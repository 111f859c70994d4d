//! Draws egui frames into an image without a window, with egui's own wgpu renderer.
//!
//! The command line asks wgpu for an adapter (Mesa's lavapipe on a machine without a
//! GPU) and gets an error, not a panic, when there is none. The app passes the device
//! eframe already opened, so an export never starts a second GPU device.

use std::sync::mpsc::channel;
use std::time::Duration;

use eframe::egui;
use egui_wgpu::wgpu;

use super::ExportError;

/// Longest wait for the GPU; a software rasteriser on a large image is still far faster.
const WAIT: Duration = Duration::from_secs(20);

/// The format images are rendered in: 8-bit RGBA holding sRGB-encoded values, what a PNG
/// holds. Not the `…Srgb` view format: egui blends in gamma space on the window's
/// non-sRGB framebuffer, and an export must blend translucent shading the same way.
const FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

/// A GPU device and queue to render with.
#[derive(Clone)]
pub struct Gpu {
    device: wgpu::Device,
    queue: wgpu::Queue,
}

impl std::fmt::Debug for Gpu {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Gpu")
    }
}

impl Gpu {
    /// The device eframe renders the window with.
    pub fn shared(render_state: &egui_wgpu::RenderState) -> Self {
        Self {
            device: render_state.device.clone(),
            queue: render_state.queue.clone(),
        }
    }

    /// Opens a device of its own, preferring a software rasteriser (deterministic output
    /// and no GPU to wake) and taking any adapter otherwise. Vulkan, Metal or DirectX come
    /// first: starting OpenGL as well costs a headless export a large share of its time,
    /// so it is only asked for when none of those has an adapter.
    pub fn open() -> Result<Self, ExportError> {
        let mut primary = wgpu::Backends::PRIMARY;
        primary.remove(wgpu::Backends::BROWSER_WEBGPU);
        Self::open_with(primary).or_else(|_| Self::open_with(wgpu::Backends::GL))
    }

    fn open_with(backends: wgpu::Backends) -> Result<Self, ExportError> {
        let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        setup.instance_descriptor.backends = backends;
        skip_indirect_validation(&mut setup);
        setup.native_adapter_selector = Some(std::sync::Arc::new(|adapters, _surface| {
            adapters
                .iter()
                .min_by_key(|adapter| match adapter.get_info().device_type {
                    wgpu::DeviceType::Cpu => 0,
                    wgpu::DeviceType::DiscreteGpu => 1,
                    _ => 2,
                })
                .cloned()
                .ok_or_else(|| "no graphics adapter found".to_owned())
        }));
        let setup = egui_wgpu::WgpuSetup::CreateNew(setup);
        let instance = pollster::block_on(setup.new_instance());
        let state = pollster::block_on(egui_wgpu::RenderState::create(
            &egui_wgpu::WgpuConfiguration {
                wgpu_setup: setup,
                ..Default::default()
            },
            &instance,
            None,
            egui_wgpu::RendererOptions::PREDICTABLE,
        ))
        .map_err(|error| {
            ExportError::Render(format!(
                "{error}. PNG export draws with Vulkan; on a machine without a GPU install \
                 Mesa's software driver (apt-get install mesa-vulkan-drivers)"
            ))
        })?;
        Ok(Self::shared(&state))
    }
}

/// An egui frame laid out and tessellated without a GPU: what [`Painter::draw`] renders.
pub struct Frame {
    primitives: Vec<egui::ClippedPrimitive>,
    /// Every texture the passes created or changed (the font atlas), in order.
    textures: egui::TexturesDelta,
    screen: egui_wgpu::ScreenDescriptor,
    background: egui::Color32,
}

/// Runs `draw` for a few passes on a fresh context of `size` points and tessellates the
/// last pass for an image of `size × pixels_per_point` pixels on a `background` that the
/// render pass clears to (so the drawing need not fill the canvas: a software rasteriser
/// pays for every full-canvas fill). Needs no GPU, so it can run while one opens.
pub fn lay_out(
    size: egui::Vec2,
    pixels_per_point: f32,
    background: egui::Color32,
    setup: impl FnOnce(&egui::Context),
    draw: impl FnMut(&mut egui::Ui),
) -> Result<Frame, ExportError> {
    let (ctx, output, textures) = passes(size, pixels_per_point, setup, draw)?;
    let size_in_pixels = [
        (size.x * pixels_per_point).round().max(1.0) as u32,
        (size.y * pixels_per_point).round().max(1.0) as u32,
    ];
    Ok(Frame {
        primitives: ctx.tessellate(output.shapes, pixels_per_point),
        textures,
        screen: egui_wgpu::ScreenDescriptor {
            size_in_pixels,
            pixels_per_point,
        },
        background,
    })
}

/// The shapes the last of [`lay_out`]'s passes draws, in points, before tessellation:
/// what a test reads the picture's geometry from (curve points, text and where it is).
pub fn shapes(
    size: egui::Vec2,
    pixels_per_point: f32,
    setup: impl FnOnce(&egui::Context),
    draw: impl FnMut(&mut egui::Ui),
) -> Result<Vec<egui::epaint::ClippedShape>, ExportError> {
    let (_, output, mut textures) = passes(size, pixels_per_point, setup, draw)?;
    // No renderer takes the font atlas: dropped on purpose.
    textures.clear();
    Ok(output.shapes)
}

/// Runs `draw` for a few passes on a fresh context of `size` points.
fn passes(
    size: egui::Vec2,
    pixels_per_point: f32,
    setup: impl FnOnce(&egui::Context),
    mut draw: impl FnMut(&mut egui::Ui),
) -> Result<(egui::Context, egui::FullOutput, egui::TexturesDelta), ExportError> {
    let ctx = egui::Context::default();
    setup(&ctx);
    let mut textures = egui::TexturesDelta::default();
    let mut output = None;
    // The first pass measures the caption panel, the second lays the plot out around it
    // (and puts its legend inside, beside or under it), the third measures the axes of
    // the plot's new size, the fourth draws with the plot's final size (a plot reports its
    // frame a pass late).
    for _ in 0..4 {
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
            ..Default::default()
        };
        if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(pixels_per_point);
        }
        let mut pass = ctx.run_ui(input, &mut draw);
        textures.append(std::mem::take(&mut pass.textures_delta));
        output = Some(pass);
    }
    let output = output.ok_or_else(|| ExportError::Render("nothing was drawn".to_owned()))?;
    Ok((ctx, output, textures))
}

/// egui's renderer on a device: its shaders compiled and its pipeline built, which on a
/// software rasteriser is a large part of an export.
pub struct Painter {
    gpu: Gpu,
    renderer: egui_wgpu::Renderer,
}

impl Painter {
    /// Builds egui's renderer on `gpu`.
    pub fn new(gpu: Gpu) -> Self {
        let renderer =
            egui_wgpu::Renderer::new(&gpu.device, FORMAT, egui_wgpu::RendererOptions::PREDICTABLE);
        Self { gpu, renderer }
    }

    /// Renders `frame` into an image and copies it into memory.
    pub fn draw(mut self, frame: Frame) -> Result<image::RgbaImage, ExportError> {
        let Self { gpu, renderer } = &mut self;
        let Frame {
            primitives,
            mut textures,
            screen,
            background,
        } = frame;
        upload_textures(gpu, renderer, &mut textures);
        let [width, height] = screen.size_in_pixels;
        let texture = gpu.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("export"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let mut encoder = gpu
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: None });
        let user_buffers =
            renderer.update_buffers(&gpu.device, &gpu.queue, &mut encoder, &primitives, &screen);
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("export"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(clear_color(background)),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, &primitives, &screen);
        }
        gpu.queue
            .submit(user_buffers.into_iter().chain([encoder.finish()]));
        let image = read_back(gpu, &texture);
        for id in &textures.free {
            renderer.free_texture(id);
        }
        image
    }
}

/// The clear colour for a texture that holds sRGB-encoded bytes as they are.
fn clear_color(color: egui::Color32) -> wgpu::Color {
    let [r, g, b, a] = color.to_array();
    let channel = |value: u8| f64::from(value) / 255.0;
    wgpu::Color {
        r: channel(r),
        g: channel(g),
        b: channel(b),
        a: channel(a),
    }
}

/// Hands the pass's new and changed textures (the font atlas) to the renderer; egui
/// insists that every delta is consumed.
fn upload_textures(gpu: &Gpu, renderer: &mut egui_wgpu::Renderer, delta: &mut egui::TexturesDelta) {
    for (id, images) in delta.set.drain() {
        for image in &images {
            renderer.update_texture(&gpu.device, &gpu.queue, id, image);
        }
    }
}

/// Copies the texture into memory. wgpu copies whole rows padded to 256 bytes; the
/// padding is dropped here.
fn read_back(gpu: &Gpu, texture: &wgpu::Texture) -> Result<image::RgbaImage, ExportError> {
    let (width, height) = (texture.width(), texture.height());
    let row = width as usize * 4;
    let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
    let padded_row = row.div_ceil(align) * align;
    let buffer = gpu.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("export read-back"),
        size: (padded_row * height as usize) as u64,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    let mut encoder = gpu
        .device
        .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: None });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded_row as u32),
                rows_per_image: None,
            },
        },
        wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
    );
    let submission = gpu.queue.submit([encoder.finish()]);
    let (sender, receiver) = channel();
    buffer
        .slice(..)
        .map_async(wgpu::MapMode::Read, move |result| drop(sender.send(result)));
    let failed = |what: &str| ExportError::Render(format!("the GPU did not {what}"));
    gpu.device
        .poll(wgpu::PollType::Wait {
            submission_index: Some(submission),
            timeout: Some(WAIT),
        })
        .map_err(|error| ExportError::Render(format!("the GPU did not finish: {error}")))?;
    receiver
        .recv()
        .map_err(|_| failed("hand the image back"))?
        .map_err(|error| ExportError::Render(format!("could not read the image: {error}")))?;
    let mapped = buffer
        .slice(..)
        .get_mapped_range()
        .map_err(|error| ExportError::Render(format!("could not read the image: {error}")))?;
    let mut pixels = Vec::with_capacity(row * height as usize);
    for padded in mapped.chunks_exact(padded_row) {
        pixels.extend_from_slice(&padded[..row]);
    }
    image::RgbaImage::from_raw(width, height, pixels).ok_or_else(|| failed("fill the image"))
}

/// egui draws nothing indirectly, so wgpu's validation of indirect draws and dispatches
/// (on by default in release builds) only compiles two compute shaders as the device opens:
/// on the software renderer that is LLVM work and about 1 MB kept for nothing.
pub(crate) fn skip_indirect_validation(setup: &mut egui_wgpu::WgpuSetupCreateNew) {
    setup
        .instance_descriptor
        .flags
        .remove(wgpu::InstanceFlags::VALIDATION_INDIRECT_CALL);
}
