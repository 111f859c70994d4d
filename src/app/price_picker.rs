//! The price picker: search the catalogue (built-in, LiteLLM imports, custom entries),
//! pick a model to set an API option's prices, import LiteLLM's file, and keep custom
//! entries (negotiated prices) editable. Entries older than 90 days are marked stale.

use std::path::Path;

use eframe::egui::{self, RichText};

use super::CostExplorerApp;
use super::dialogs::Purpose;
use super::modal::Modal;
use crate::data_folder;
use crate::prices::{Catalogue, Origin, PriceEntry};
use crate::scenario::{OptionId, Source};
use crate::units::{count_of, format_price};

/// The most results listed at once; a narrower search shows the rest.
const MAX_ROWS: usize = 60;

/// The open picker: which API it sets, the search, and the catalogue as loaded.
pub(super) struct PricePicker {
    /// The API option whose prices a pick sets.
    api: OptionId,
    /// What the user typed.
    query: String,
    /// The stored catalogue (imports and custom entries).
    catalogue: Catalogue,
    /// The last search and its results, so typing does not search every frame.
    found: Option<(String, Vec<PriceEntry>)>,
    /// Why the stored catalogue could not be read or written, when it could not.
    problem: Option<String>,
    /// A custom entry being typed.
    draft: PriceEntry,
}

impl PricePicker {
    fn results(&mut self) -> &[PriceEntry] {
        let stale = self
            .found
            .as_ref()
            .is_none_or(|(query, _)| *query != self.query);
        if stale {
            let found = self.catalogue.search(&self.query);
            self.found = Some((self.query.clone(), found));
        }
        self.found.as_ref().map_or(&[], |(_, found)| found)
    }

    fn reload(&mut self, catalogue: Catalogue) {
        self.catalogue = catalogue;
        self.found = None;
    }
}

/// What the picker asked for this frame.
enum PickerAction {
    Use(PriceEntry),
    Remove(PriceEntry),
    /// A custom entry added or edited; `write` when the edit is done and the data folder
    /// should keep it (mid-drag it only changes the list).
    Save {
        entry: PriceEntry,
        write: bool,
    },
    Import,
}

impl CostExplorerApp {
    /// Opens the picker for the API with identifier `api`.
    pub(super) fn open_price_picker(&mut self, api: OptionId) {
        let (catalogue, problem) = match data_folder::load_catalogue() {
            Ok(catalogue) => (catalogue, None),
            Err(problem) => (Catalogue::default(), Some(problem)),
        };
        let today = crate::export::today();
        self.open_modal(Modal::Prices(Box::new(PricePicker {
            api,
            query: String::new(),
            catalogue,
            found: None,
            problem,
            draft: PriceEntry {
                name: String::new(),
                provider: "custom".to_owned(),
                input: 1.0,
                cached_input: None,
                output: 4.0,
                cache_write: None,
                cache_write_1h: None,
                reasoning: None,
                batch_input: None,
                batch_output: None,
                tool_fee_per_thousand: None,
                flex: None,
                priority: None,
                max_input_tokens: None,
                long_context: Vec::new(),
                origin: Origin::Custom,
                as_of: today,
                history: Vec::new(),
            },
        })));
    }

    /// Draws the picker while it is open.
    pub(super) fn price_picker_window(&mut self, ctx: &egui::Context) {
        let Some(mut picker) = self.take_modal(|modal| match modal {
            Modal::Prices(picker) => Ok(picker),
            other => Err(other),
        }) else {
            return;
        };
        let Some(api_name) = self
            .scenario()
            .apis
            .iter()
            .find(|api| api.id == picker.api)
            .map(|api| api.name.clone())
        else {
            return;
        };
        let mut open = true;
        let mut action = None;
        let warning = self.persisted.look.palette().warning;
        let today = crate::export::today();
        egui::Window::new(format!("Prices for {api_name}"))
            .id(egui::Id::unique("price-picker"))
            .open(&mut open)
            .collapsible(false)
            .default_width(720.0)
            .default_height(460.0)
            .show(ctx, |ui| {
                action = picker_contents(ui, &mut picker, &today, warning);
            });
        let mut keep = open;
        let mut import = false;
        match action {
            Some(PickerAction::Use(entry)) => {
                self.use_prices(picker.api, &entry);
                keep = false;
            }
            Some(PickerAction::Remove(entry)) => {
                let mut catalogue = picker.catalogue.clone();
                catalogue.remove_custom(&entry.name, &entry.provider);
                picker.problem = data_folder::save_catalogue(&catalogue).err();
                self.catalogue_changed(&catalogue);
                picker.reload(catalogue);
            }
            Some(PickerAction::Save { entry, write }) => {
                let mut catalogue = picker.catalogue.clone();
                catalogue.add_custom(entry);
                if write {
                    picker.problem = data_folder::save_catalogue(&catalogue).err();
                }
                self.catalogue_changed(&catalogue);
                picker.reload(catalogue);
            }
            Some(PickerAction::Import) => import = true,
            None => {}
        }
        if keep {
            self.modal = Some(Modal::Prices(picker));
        }
        if import {
            // The picker comes back when the dialog closes.
            self.start_dialog(ctx, Purpose::ImportPrices);
        }
    }

    /// Sets the API's prices from `entry`, says where they came from in the scenario's
    /// sources, and keeps the change undoable.
    pub(super) fn use_prices(&mut self, api: OptionId, entry: &PriceEntry) {
        let before = self.scenario().clone();
        let scenario = &mut self.persisted.document.scenario;
        let Some(option) = scenario.apis.iter_mut().find(|option| option.id == api) else {
            return;
        };
        entry.apply_to(option);
        let figure = format!("{} prices", option.name);
        let source = Source {
            figure: figure.clone(),
            source: format!(
                "{} ({}), {} price catalogue entry",
                entry.name,
                entry.provider,
                entry.origin.label()
            ),
            as_of: entry.as_of.clone(),
        };
        scenario.sources.retain(|known| known.figure != figure);
        scenario.sources.push(source);
        let name = option.name.clone();
        self.history.record(before);
        self.notify(
            format!(
                "{name} now costs {} in / {} out per 1M ({} {}, as of {})",
                format_price(entry.input),
                format_price(entry.output),
                entry.origin.label(),
                entry.name,
                entry.as_of
            ),
            false,
        );
    }

    /// Keeps the catalogue the scenario's prices are checked against as stored now, and
    /// checks them again.
    fn catalogue_changed(&mut self, catalogue: &Catalogue) {
        let entries = self.catalogue.insert(catalogue.all());
        self.derived = super::Derived::of(&self.model, entries);
    }

    /// Imports a LiteLLM price file chosen in the file dialog.
    pub(super) fn import_prices(&mut self, path: &Path) {
        match data_folder::import_prices(path, &crate::export::today()) {
            Ok((found, catalogue)) => {
                self.catalogue_changed(&catalogue);
                if let Some(picker) = self.price_picker_mut() {
                    picker.reload(catalogue);
                    picker.problem = None;
                }
                self.notify(
                    format!("{}: {}", path.display(), found.summary()),
                    found.entries.is_empty(),
                );
            }
            Err(problem) => self.notify(problem, true),
        }
    }
}

/// The search, the results and the custom-entry row; returns what was asked for.
fn picker_contents(
    ui: &mut egui::Ui,
    picker: &mut PricePicker,
    today: &str,
    warning: egui::Color32,
) -> Option<PickerAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut picker.query)
                .hint_text("sonnet, gpt-4o, bedrock…")
                .desired_width(260.0),
        )
        .labelled_by(label.id);
        if ui
            .button("Import LiteLLM file…")
            .on_hover_text(
                "LiteLLM's model_prices_and_context_window.json: its chat and completion models \
                 replace the previous import; your custom entries stay",
            )
            .clicked()
        {
            action = Some(PickerAction::Import);
        }
    });
    if let Some(problem) = &picker.problem {
        ui.colored_label(warning, problem);
    }
    let results = picker.results().to_vec();
    ui.label(
        RichText::new(format!(
            "{} · $ per 1M tokens · click a name to use its prices · stale: older than 90 days",
            count_of(results.len(), "entry", "entries")
        ))
        .weak(),
    );
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("price-results")
                .striped(true)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for header in [
                        "Model", "Provider", "Input", "Cached", "Output", "As of", "",
                    ] {
                        ui.label(RichText::new(header).weak());
                    }
                    ui.end_row();
                    for entry in results.iter().take(MAX_ROWS) {
                        if let Some(asked) = result_row(ui, entry, today, warning) {
                            action = Some(asked);
                        }
                    }
                });
            if results.len() > MAX_ROWS {
                ui.label(
                    RichText::new(format!(
                        "{} more: type more of the name to narrow the list",
                        results.len() - MAX_ROWS
                    ))
                    .weak(),
                );
            }
        });
    ui.separator();
    if let Some(asked) = custom_row(ui, &mut picker.draft) {
        action = Some(asked);
    }
    action
}

/// One catalogue entry: its name (a button that uses it), prices, date and source; a
/// custom entry's prices are editable in place.
fn result_row(
    ui: &mut egui::Ui,
    entry: &PriceEntry,
    today: &str,
    warning: egui::Color32,
) -> Option<PickerAction> {
    let mut action = None;
    if ui
        .button(&entry.name)
        .on_hover_text(format!(
            "Use these prices ({}; batch discount {:.0}%{})",
            entry.origin.label(),
            entry.batch_discount() * 100.0,
            entry
                .long_context
                .first()
                .map(|tier| format!(
                    "; above {}k prompt tokens {} / {}",
                    tier.above_input_tokens / 1000,
                    format_price(tier.usd_per_million_input),
                    format_price(tier.usd_per_million_output)
                ))
                .unwrap_or_default()
        ))
        .clicked()
    {
        action = Some(PickerAction::Use(entry.clone()));
    }
    ui.label(&entry.provider);
    if entry.origin == Origin::Custom {
        let mut edited = entry.clone();
        let input = ui.add(price_field(&mut edited.input));
        ui.label(
            edited
                .cached_input
                .map_or_else(|| "–".to_owned(), format_price),
        );
        let output = ui.add(price_field(&mut edited.output));
        let fields = [&input, &output];
        let changed = fields.iter().any(|field| field.changed());
        // Written to the data folder when an edit ends, not on every frame of a drag.
        let finished = fields
            .iter()
            .any(|field| field.drag_stopped() || field.lost_focus());
        let dragging = fields.iter().any(|field| field.dragged());
        if changed || finished {
            edited.as_of = today.to_owned();
            action = Some(PickerAction::Save {
                entry: edited,
                write: finished || !dragging,
            });
        }
    } else {
        ui.label(format_price(entry.input));
        ui.label(
            entry
                .cached_input
                .map_or_else(|| "–".to_owned(), format_price),
        );
        ui.label(format_price(entry.output));
    }
    if entry.is_stale(today) {
        ui.label(RichText::new(format!("{} (stale)", entry.as_of)).color(warning))
            .on_hover_text("More than 90 days old: prices change monthly; import a fresh list");
    } else {
        ui.label(&entry.as_of);
    }
    if entry.origin == Origin::Custom {
        if ui.small_button("Remove").clicked() {
            action = Some(PickerAction::Remove(entry.clone()));
        }
    } else {
        ui.label(RichText::new(entry.origin.label()).weak());
    }
    ui.end_row();
    action
}

/// A price per 1M tokens as an editable field.
fn price_field(value: &mut f64) -> egui::DragValue<'_> {
    egui::DragValue::new(value)
        .range(0.0..=10_000.0)
        .speed(0.01)
        .prefix("$")
        .max_decimals(4)
}

/// The row that adds a custom entry (a negotiated price, a private endpoint).
fn custom_row(ui: &mut egui::Ui, draft: &mut PriceEntry) -> Option<PickerAction> {
    let mut action = None;
    ui.label(RichText::new("Add your own price").strong());
    ui.horizontal_wrapped(|ui| {
        let name = ui.label("Name");
        ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(180.0))
            .labelled_by(name.id);
        let provider = ui.label("Provider");
        ui.add(egui::TextEdit::singleline(&mut draft.provider).desired_width(100.0))
            .labelled_by(provider.id);
        ui.label("Input");
        ui.add(price_field(&mut draft.input));
        ui.label("Output");
        ui.add(price_field(&mut draft.output));
        let named = !draft.name.trim().is_empty();
        if ui
            .add_enabled(named, egui::Button::new("Add"))
            .on_hover_text("Kept in your catalogue, dated today")
            .clicked()
        {
            let mut entry = draft.clone();
            entry.name = entry.name.trim().to_owned();
            action = Some(PickerAction::Save { entry, write: true });
            draft.name.clear();
        }
    });
    action
}
