//! The catalogue: the LiteLLM fixture's counts, conversion, skipped entries with reasons
//! and tiers; malformed files with line and column; merging, search and staleness.

use super::litellm::import;
use super::*;

const FIXTURE: &str = include_str!("../../tests/fixtures/litellm-sample.json");

fn imported() -> super::litellm::Import {
    import(FIXTURE, "model_prices.json", "2026-12-01").expect("the fixture parses")
}

fn entry<'a>(entries: &'a [PriceEntry], name: &str) -> &'a PriceEntry {
    entries
        .iter()
        .find(|entry| entry.name == name)
        .unwrap_or_else(|| panic!("{name} imported"))
}

fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() < 1e-9 * want.abs().max(1.0),
        "{got} vs {want}"
    );
}

#[test]
fn the_fixture_imports_its_chat_and_completion_models_and_counts_the_rest() {
    let found = imported();
    // 16 keys: sample_spec is the schema; 2 are not chat or completion (embedding,
    // image); 4 have a missing, negative or non-numeric price and 1 is free on both
    // sides; 8 are imported, one of them without its long-context tier (priced below the
    // model's own prices: a catalogue error).
    assert_eq!(found.entries.len(), 8);
    assert_eq!(found.other_modes, 2);
    assert_eq!(found.skipped_count(), 5);
    let reasons: Vec<(&str, usize)> = found
        .skipped
        .iter()
        .map(|(reason, skipped)| (reason.as_str(), skipped.count))
        .collect();
    assert_eq!(
        reasons,
        [
            ("priced at zero for input and output", 1),
            ("with a negative input_cost_per_token", 1),
            ("with input_cost_per_token not a number", 1),
            ("without input_cost_per_token", 1),
            ("without output_cost_per_token", 1),
        ]
    );
    assert_eq!(
        found.summary(),
        "imported 8 models, skipped 5 (1 priced at zero for input and output: \
         text-completion-codestral/codestral-2405; 1 with a negative input_cost_per_token: \
         broken-negative; 1 with input_cost_per_token not a number: priced-in-words; 1 without \
         input_cost_per_token: mystery-model-without-prices; 1 without output_cost_per_token: \
         no-output-price); left out 1 long-context tier priced below the model's own prices \
         (wrong-tier-model); left out 2 that are not chat or completion models"
    );
}

#[test]
fn prices_per_token_become_prices_per_million_with_cache_and_batch() {
    let found = imported();
    let gpt = entry(&found.entries, "gpt-4o");
    assert_eq!(gpt.provider, "openai");
    close(gpt.input, 2.5);
    close(gpt.output, 10.0);
    close(gpt.cached_input.expect("cached"), 1.25);
    close(gpt.batch_input.expect("batch"), 1.25);
    close(gpt.batch_output.expect("batch"), 5.0);
    close(gpt.batch_discount(), 0.5);
    assert_eq!(gpt.max_input_tokens, Some(128_000));
    assert_eq!(gpt.as_of, "2026-12-01");
    assert_eq!(
        gpt.origin,
        Origin::Imported {
            file: "model_prices.json".into()
        }
    );
    // No batch price listed: the usual half price is assumed.
    close(entry(&found.entries, "gpt-4o-mini").batch_discount(), 0.5);
    // A model free on both sides is skipped, as a scenario refuses an API that charges
    // nothing (it would win everywhere).
    assert!(
        !found
            .entries
            .iter()
            .any(|entry| entry.name == "text-completion-codestral/codestral-2405")
    );
}

#[test]
fn long_context_tiers_are_read_with_their_threshold() {
    let found = imported();
    let sonnet = entry(&found.entries, "claude-sonnet-4-5");
    assert_eq!(sonnet.long_context.len(), 1);
    let tier = &sonnet.long_context[0];
    assert_eq!(tier.above_input_tokens, 200_000);
    close(tier.usd_per_million_input, 6.0);
    close(tier.usd_per_million_output, 22.5);
    close(tier.usd_per_million_cached_input.expect("cached"), 0.6);
    let gemini = entry(&found.entries, "gemini-2.5-pro");
    assert_eq!(gemini.long_context[0].usd_per_million_cached_input, None);
    // Applied to an API option: prices and the tier move over, the name stays.
    let mut api = ApiOption {
        name: "Claude Sonnet 4.5".into(),
        ..ApiOption::default()
    };
    sonnet.apply_to(&mut api);
    assert_eq!(api.name, "Claude Sonnet 4.5");
    close(api.usd_per_million_input, 3.0);
    close(api.usd_per_million_cached_input.expect("cached"), 0.3);
    assert_eq!(api.long_context.as_ref(), Some(tier));
}

#[test]
fn a_malformed_file_gives_line_and_column() {
    let broken = "{\n  \"gpt-4o\": {\n    \"input_cost_per_token\": 2.5e-06,,\n  }\n}";
    let error = import(broken, "bad.json", "2026-12-01").expect_err("malformed");
    assert_eq!((error.line, error.column), (3, 37));
    assert!(
        error.to_string().starts_with("line 3, column 37: "),
        "{error}"
    );
    let not_an_object = import("[1, 2]", "list.json", "2026-12-01").expect_err("a list");
    assert!(not_an_object.message.contains("expected an object"));
}

#[test]
fn the_catalogue_keeps_custom_prices_over_imports_over_the_built_in_list() {
    let mut catalogue = Catalogue::default();
    catalogue.replace_imports(imported().entries);
    let custom = PriceEntry {
        input: 2.0,
        ..entry(&imported().entries, "gpt-4o").clone()
    };
    catalogue.add_custom(custom);
    let all = catalogue.all();
    let gpt: Vec<&PriceEntry> = all.iter().filter(|e| e.name == "gpt-4o").collect();
    assert_eq!(gpt.len(), 1, "one entry per name and provider");
    assert_eq!(gpt[0].origin, Origin::Custom);
    close(gpt[0].input, 2.0);
    // The import's gpt-4o (openai) replaces the built-in GPT-4o; other built-ins stay.
    assert!(
        !all.iter()
            .any(|e| e.origin == Origin::BuiltIn && e.name == "GPT-4o")
    );
    assert!(
        all.iter()
            .any(|e| e.origin == Origin::BuiltIn && e.name == "Claude Opus 4.6")
    );
    // A second import replaces the first; the custom entry stays.
    catalogue.replace_imports(Vec::new());
    assert_eq!(catalogue.entries.len(), 1);
    assert_eq!(catalogue.remove("gpt-4o", Some("openai")), 1);
    assert!(catalogue.entries.is_empty());
    // Stored and read back unchanged.
    catalogue.replace_imports(imported().entries);
    let again = Catalogue::from_json(&catalogue.to_json()).expect("reads back");
    assert_eq!(again.entries, catalogue.entries);
}

#[test]
fn search_ranks_the_exact_name_first_then_names_that_start_with_it() {
    let mut catalogue = Catalogue::default();
    catalogue.replace_imports(imported().entries);
    let names: Vec<String> = catalogue
        .search("GPT-4o")
        .into_iter()
        .map(|entry| entry.name)
        .collect();
    // The import's "gpt-4o" stands for the built-in GPT-4o: named exactly, it leads.
    assert_eq!(
        names.first().map(|name| name.to_lowercase()).as_deref(),
        Some("gpt-4o"),
        "{names:?}"
    );
    assert!(names.len() > 1, "{names:?}");
    let starting = names
        .iter()
        .position(|name| !name.to_lowercase().starts_with("gpt-4o"));
    let rest = starting.map_or(&[][..], |at| &names[at..]);
    assert!(
        rest.iter()
            .all(|name| !name.to_lowercase().starts_with("gpt-4o")),
        "names that start with the query come before the rest: {names:?}"
    );
}

#[test]
fn search_matches_every_word_in_name_or_provider() {
    let mut catalogue = Catalogue::default();
    catalogue.replace_imports(imported().entries);
    let names = |query: &str| -> Vec<String> {
        catalogue
            .search(query)
            .into_iter()
            .map(|entry| entry.name)
            .collect()
    };
    assert_eq!(
        names("sonnet"),
        [
            "Claude Sonnet 4.5",
            "bedrock/anthropic.claude-sonnet-4-5",
            "claude-sonnet-4-5"
        ]
    );
    assert_eq!(
        names("SONNET bedrock"),
        ["bedrock/anthropic.claude-sonnet-4-5"]
    );
    assert_eq!(names("anthropic 4-5").len(), 2, "provider words match too");
    assert!(names("no such model").is_empty());
}

#[test]
fn entries_older_than_ninety_days_are_stale() {
    let mut price = entry(&imported().entries, "gpt-4o").clone();
    price.as_of = "2026-09-02".into();
    assert!(!price.is_stale("2026-12-01"), "90 days");
    price.as_of = "2026-09-01".into();
    assert!(price.is_stale("2026-12-01"), "91 days");
    price.as_of = "2026".into();
    assert!(
        price.is_stale("2026-12-01"),
        "the built-in list, from January 1st"
    );
    price.as_of = "2024-02-29".into();
    assert!(!price.is_stale("2024-05-29"), "leap day: 90 days");
    price.as_of = "someday".into();
    assert!(
        !price.is_stale("2026-12-01"),
        "an unreadable date is not called stale"
    );
}

#[test]
fn prices_past_the_models_limit_names_and_marks_are_cleaned_or_skipped() {
    let text = "\u{feff}{\"huge\": {\"mode\": \"chat\", \"input_cost_per_token\": 1e303, \
        \"output_cost_per_token\": 1e-6},\n\"bell\\u0007 model\": {\"mode\": \"chat\", \
        \"litellm_provider\": \"x\\u001b[31m\", \"input_cost_per_token\": 1e-6, \
        \"output_cost_per_token\": 2e-6, \"cache_read_input_token_cost\": 5e-6, \
        \"input_cost_per_token_above_0k_tokens\": 9e-6}, \"  \": {\"mode\": \"chat\", \
        \"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 2e-6}}";
    let found = import(text, "odd.json", "2026-12-01").expect("a byte-order mark is allowed");
    assert_eq!(found.entries.len(), 1);
    let kept = &found.entries[0];
    assert_eq!(kept.name, "bell model", "control characters dropped");
    assert_eq!(kept.provider, "x[31m");
    assert_eq!(
        kept.cached_input, None,
        "a cache price above the list price is no discount"
    );
    assert!(
        kept.long_context.is_empty(),
        "a tier above 0 tokens is no tier"
    );
    let reasons: Vec<&str> = found.skipped.keys().map(String::as_str).collect();
    assert_eq!(
        reasons,
        [
            "with an empty name",
            "with input_cost_per_token above $10,000 per 1M tokens"
        ]
    );
    // What is stored reads back: no price can become infinite on the way.
    let mut catalogue = Catalogue::default();
    catalogue.replace_imports(found.entries);
    assert!(Catalogue::from_json(&catalogue.to_json()).is_ok());
    // The position is said once.
    let error = import("{\"a\": ", "cut.json", "2026-12-01").expect_err("truncated");
    assert_eq!(
        error.to_string(),
        "line 1, column 6: EOF while parsing a value"
    );
}

#[test]
fn free_entries_absurd_contexts_and_invisible_characters_are_not_imported() {
    let text = "{\"free\": {\"mode\": \"chat\", \"input_cost_per_token\": 0, \
        \"output_cost_per_token\": 0}, \"gpt\\u202e4o\": {\"mode\": \"chat\", \
        \"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 2e-6, \
        \"max_input_tokens\": 1e300}, \"wide\": {\"mode\": \"chat\", \
        \"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 2e-6, \
        \"max_input_tokens\": 1000000}}";
    let found = import(text, "odd.json", "2026-12-01").expect("imports");
    let reasons: Vec<&str> = found.skipped.keys().map(String::as_str).collect();
    assert_eq!(reasons, ["priced at zero for input and output"]);
    let reversed = entry(&found.entries, "gpt4o");
    assert_eq!(
        reversed.max_input_tokens, None,
        "1e300 is no context window"
    );
    assert_eq!(
        entry(&found.entries, "wide").max_input_tokens,
        Some(1_000_000)
    );
}

/// LiteLLM's cache-write and reasoning prices are read and set on the API picked; an entry
/// without them keeps writes at the input price and reasoning at the output price.
#[test]
fn cache_write_and_reasoning_prices_are_imported_and_applied() {
    let text = "{\"claude-x\": {\"mode\": \"chat\", \"litellm_provider\": \"anthropic\", \
        \"input_cost_per_token\": 3e-6, \"output_cost_per_token\": 1.5e-5, \
        \"cache_creation_input_token_cost\": 3.75e-6, \"cache_read_input_token_cost\": 3e-7}, \
        \"thinker\": {\"mode\": \"chat\", \"input_cost_per_token\": 1e-6, \
        \"output_cost_per_token\": 4e-6, \"output_cost_per_reasoning_token\": 8e-6}}";
    let found = import(text, "fields.json", "2026-12-04").expect("parses");
    let claude = entry(&found.entries, "claude-x");
    assert!((claude.cache_write.expect("listed") - 3.75).abs() < 1e-9);
    assert_eq!(claude.reasoning, None);
    let thinker = entry(&found.entries, "thinker");
    assert!((thinker.reasoning.expect("listed") - 8.0).abs() < 1e-9);
    let mut api = ApiOption::default();
    claude.apply_to(&mut api);
    assert!((api.usd_per_million_cache_write.expect("set") - 3.75).abs() < 1e-9);
    thinker.apply_to(&mut api);
    assert_eq!(
        api.usd_per_million_cache_write, None,
        "the other entry's write price goes"
    );
    assert!((api.usd_per_million_reasoning.expect("set") - 8.0).abs() < 1e-9);
    // The built-in Claude models carry Anthropic's 5-minute write price, 1.25× input.
    let sonnet = built_in()
        .into_iter()
        .find(|entry| entry.name == "Claude Sonnet 4.5")
        .expect("listed");
    assert_eq!(sonnet.cache_write, Some(3.75));
}

#[test]
fn flex_and_priority_prices_are_imported_and_a_wrong_tier_is_left_out() {
    let found = imported();
    let gpt = entry(&found.entries, "gpt-5");
    let flex = gpt.flex.as_ref().expect("flex listed");
    close(flex.usd_per_million_input, 0.625);
    close(flex.usd_per_million_cached_input.expect("cached"), 0.0625);
    close(flex.usd_per_million_output, 5.0);
    let priority = gpt.priority.as_ref().expect("priority listed");
    close(priority.usd_per_million_output, 20.0);
    // An entry without them has none, so its flex traffic pays standard (and says so).
    assert!(entry(&found.entries, "gpt-4o").flex.is_none());
    let mut api = crate::scenario::ApiOption {
        usd_per_thousand_tool_calls: 25.0,
        ..crate::scenario::ApiOption::default()
    };
    entry(&found.entries, "gpt-4o").apply_to(&mut api);
    assert_eq!(
        api.usd_per_thousand_tool_calls, 25.0,
        "no fee listed: the API's own stays"
    );
    gpt.apply_to(&mut api);
    assert_eq!(api.flex.as_ref(), Some(flex));
    // $0.01 a search is $10 per 1,000 calls.
    close(api.usd_per_thousand_tool_calls, 10.0);
    // A tier cheaper than the model itself is a catalogue error: left out, counted.
    assert!(
        entry(&found.entries, "wrong-tier-model")
            .long_context
            .is_empty()
    );
    assert_eq!(found.tiers_left_out.len(), 1);
    // A tier the model's context never reaches is left out too.
    let past = r#"{"m": {"mode": "chat", "max_input_tokens": 128000,
        "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
        "input_cost_per_token_above_200k_tokens": 2e-06}}"#;
    let found = import(past, "past.json", "2026-12-01").expect("parses");
    assert!(found.entries[0].long_context.is_empty());
    assert!(
        found
            .summary()
            .contains("1 long-context tier past the model's context (m)")
    );
}

#[test]
fn a_later_import_keeps_the_earlier_prices_and_a_scenario_hears_what_changed() {
    let mut catalogue = Catalogue::default();
    catalogue.replace_imports(
        import(FIXTURE, "model_prices.json", "2026-10-01")
            .expect("parses")
            .entries,
    );
    // A scenario takes GPT-4o's prices in October.
    let mut api = crate::scenario::ApiOption::default();
    entry(&catalogue.entries, "gpt-4o").apply_to(&mut api);
    let from = api.prices_from.clone().expect("recorded");
    assert_eq!(
        (from.entry.as_str(), from.as_of.as_str()),
        ("gpt-4o", "2026-10-01")
    );
    // December's catalogue lowers the input price to $2.00.
    let cheaper = FIXTURE.replacen(
        "\"input_cost_per_token\": 2.5e-06",
        "\"input_cost_per_token\": 2e-06",
        1,
    );
    assert_ne!(cheaper, FIXTURE);
    catalogue.replace_imports(
        import(&cheaper, "model_prices.json", "2026-12-01")
            .expect("parses")
            .entries,
    );
    let gpt = entry(&catalogue.entries, "gpt-4o");
    close(gpt.input, 2.0);
    assert_eq!(gpt.history.len(), 1, "{:?}", gpt.history);
    assert_eq!(gpt.history[0].from, "2026-10-01");
    assert_eq!(gpt.history[0].until, "2026-12-01");
    close(gpt.prices_on("2026-11-15").0, 2.5);
    close(gpt.prices_on("2026-12-02").0, 2.0);
    // Entries whose prices did not change keep no history.
    assert!(entry(&catalogue.entries, "gpt-4o-mini").history.is_empty());
    api.name = "GPT-4o".to_owned();
    let change = history::changed_since(&api, &catalogue.all()).expect("changed");
    assert_eq!(
        change.says,
        "Prices changed since this scenario's (2026-10-01): GPT-4o input $2.50, now $2.00; \
         catalogue of 2026-12-01"
    );
    // Taking the new prices records their date: nothing has changed since.
    change.entry.apply_to(&mut api);
    assert!(history::changed_since(&api, &catalogue.all()).is_none());
    // The history survives the catalogue's round trip through its file.
    let stored = Catalogue::from_json(&catalogue.to_json()).expect("reads back");
    assert_eq!(stored.entries, catalogue.entries);
}
