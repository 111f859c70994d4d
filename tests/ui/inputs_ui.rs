//! The inputs users know least and the costs that decide, as a user sets them: the price
//! picker (open it from an API, search "sonnet", pick a model; the prices, the verdict and
//! the chart follow), the estimate from the hardware and the model, the lens (marginal
//! cost and back) and a constraint that changes the verdict.

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use llm_cost_explorer::engine::prepare;
use llm_cost_explorer::figure::{Figure, default_bounds};
use llm_cost_explorer::scenario::{Lens, Volume};

use crate::common;
use common::{app_on, expected_headline, scroll_into_view, settle};

#[test]
fn searching_the_picker_and_picking_a_model_sets_the_apis_prices() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", egui::vec2(1280.0, 800.0));
    let before = prepare(harness.state().scenario());
    harness.get_by_label("Prices from the catalogue…").click();
    settle(&mut harness);
    harness.get_by_label("Search").focus();
    harness.run_steps(1);
    harness.get_by_label("Search").type_text("sonnet");
    harness.key_press(Key::Enter);
    settle(&mut harness);
    // The built-in list always has it, whatever the user imported.
    harness.get_by_label("Claude Sonnet 4.5").click();
    settle(&mut harness);
    let scenario = harness.state().scenario().clone();
    let api = &scenario.apis[0];
    assert_eq!(api.name, "GPT-4o", "the option keeps its name");
    assert_eq!(
        (api.usd_per_million_input, api.usd_per_million_output),
        (3.0, 15.0)
    );
    assert!(
        scenario
            .sources
            .iter()
            .any(|source| source.figure == "GPT-4o prices"
                && source.source.contains("Claude Sonnet 4.5")),
        "the scenario says where the prices came from"
    );
    // The picker closed; the verdict and the chart are the new prices'. By hand: 100M
    // tokens at 13 : 2 cost 86.67M × $3 + 13.33M × $15 = $260 + $200 = $460.00 a month, $90
    // less than the $550 server, which wins above 550 / 4.60 = 119.6M tokens.
    assert!(harness.query_by_label("Search").is_none());
    let headline = expected_headline(&harness);
    assert!(
        headline.starts_with(
            "At 100M tokens/month the API (GPT-4o) is cheaper by $90.00/month; self-hosting wins above 120M"
        ),
        "{headline}"
    );
    harness.get_by_label(&headline);
    assert!(harness.query_all_by_label("$460.00").count() > 0);
    let after = prepare(&scenario);
    let curve = |model: &llm_cost_explorer::engine::Model| {
        Figure::new(model, default_bounds(model)).curves[0]
            .points
            .clone()
    };
    assert_ne!(curve(&before), curve(&after), "the API's curve moved");
    // Undo puts the old prices back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert_eq!(
        harness.state().scenario().apis[0].usd_per_million_input,
        2.5
    );
}

#[test]
fn the_estimate_says_a_model_does_not_fit_and_sets_prefill_and_decode_rates() {
    let mut harness = app_on("70b-full-stack-2xa100", egui::vec2(1280.0, 800.0));
    scroll_into_view(&mut harness, "Estimate from the hardware and model");
    harness
        .get_by_label("Estimate from the hardware and model")
        .click();
    settle(&mut harness);
    // Llama 3.1 70B FP16 with 16 requests of 8k: 141.1 + 42.9 + 2.4 GB against 90% of
    // 160 GiB.
    assert!(
        harness
            .query_all_by_label_contains(
                "= 186 GB of the 155 GB usable (of the node's 160 GiB): does not fit"
            )
            .next()
            .is_some(),
        "the memory line"
    );
    assert!(
        harness
            .query_all_by_label_contains("smallest listed node that fits is 8x H100 80GB")
            .next()
            .is_some()
    );
    // An FP8 KV cache halves the 42.9 GB: 141.1 + 21.5 + 2.4 = 165 GB, still too much.
    scroll_into_view(&mut harness, "FP8");
    harness.get_by_label("FP8").click();
    settle(&mut harness);
    assert!(
        harness
            .query_all_by_label_contains("= 165 GB of the 155 GB usable")
            .next()
            .is_some(),
        "the memory line with an FP8 KV cache"
    );
    scroll_into_view(&mut harness, "Use the estimate");
    harness.get_by_label("Use the estimate").click();
    settle(&mut harness);
    let phases = harness.state().scenario().deployments[0]
        .phases
        .clone()
        .expect("prefill and decode rates set");
    assert!(phases.prefill_tokens_per_second > phases.decode_tokens_per_second);
    // The controls now show the two rates, and the costs use them.
    assert!(harness.query_by_label("Prefill").is_some());
    harness.get_by_label(&expected_headline(&harness));
}

#[test]
fn your_own_node_is_named_and_estimated_from_the_figures_typed() {
    let mut harness = app_on("gpt5-nano-vs-rtx4060ti", egui::vec2(1280.0, 800.0));
    scroll_into_view(&mut harness, "Hardware");
    harness.get_by_label("Hardware").click();
    settle(&mut harness);
    // At the foot of the list, below the listed nodes.
    harness.get_by_label("Your own node…").scroll_to_me();
    settle(&mut harness);
    harness.get_by_label("Your own node…").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().scenario().deployments[0].hardware.name,
        "My node"
    );
    assert!(harness.query_by_label("Node name").is_some());
    scroll_into_view(&mut harness, "Estimate from the hardware and model");
    harness
        .get_by_label("Estimate from the hardware and model")
        .click();
    settle(&mut harness);
    harness.get_by_label("This node is not listed: give its memory bandwidth and compute.");
    assert!(
        harness
            .query_all_by_label_contains("Estimate at")
            .next()
            .is_none(),
        "no estimate without a bandwidth"
    );
    // The bandwidth typed (as the field would set it) gives the estimate: 7 requests of
    // 8k (1.07 GB each) fit in the 15.46 GB usable of 16 GiB beside 5.71 GB of 4-bit
    // weights and 1.18 GB of overhead.
    harness.state_mut().scenario_mut().deployments[0]
        .hardware
        .memory_bandwidth_gb_s = Some(500.0);
    settle(&mut harness);
    assert!(
        harness
            .query_all_by_label_contains("Estimate at 7 requests")
            .next()
            .is_some()
    );
}

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

#[test]
fn the_lens_toggle_counts_an_owned_card_at_its_running_cost_and_undo_puts_it_back() {
    let mut harness = app_on("gpt5-nano-vs-rtx4060ti", SIZE);
    let shown = |harness: &egui_kittest::Harness<'_, _>, text: &str| {
        harness.query_all_by_label(text).count() > 0
    };
    // Full cost: the $400 card written off over 36 months plus $5 of power.
    assert!(shown(&harness, "$16.11"));
    harness.get_by_label("Marginal").click();
    settle(&mut harness);
    assert_eq!(harness.state().scenario().accounting.lens, Lens::Marginal);
    // Marginal: the preset's one card is already owned; only its power counts.
    assert!(shown(&harness, "$5.00"));
    assert!(!shown(&harness, "$16.11"));
    harness.get_by_label(&expected_headline(&harness));
    harness.get_by_label("– (owned)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert_eq!(harness.state().scenario().accounting.lens, Lens::Full);
    assert!(shown(&harness, "$16.11"));
}

#[test]
fn a_constraint_changes_the_verdict_but_not_a_cost() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", SIZE);
    let before = expected_headline(&harness);
    assert!(
        before.starts_with("At 100M tokens/month the API (GPT-4o)"),
        "{before}"
    );
    // The group is at the foot of the controls: scroll to it, open it, tick the box.
    scroll_into_view(&mut harness, "Costs counted and constraints");
    harness
        .get_by_label("Costs counted and constraints")
        .click();
    settle(&mut harness);
    scroll_into_view(&mut harness, "Data must stay in our environment or region");
    harness
        .get_by_label("Data must stay in our environment or region")
        .click();
    settle(&mut harness);
    assert!(harness.state().scenario().constraints.data_must_stay);
    let after = expected_headline(&harness);
    assert!(
        after.starts_with("Self-hosting is required: data must stay in your environment."),
        "{after}"
    );
    // The sentence on screen is the engine's; the API is marked, its cost unchanged.
    harness.get_by_label(&after);
    harness.get_by_label("ruled out");
    assert!(harness.query_all_by_label("$350.00").count() > 0);
}

/// "At most 200 ms between tokens" on the 70B preset: the node gives 795 tok/s within it
/// (the engine's hand check, `full_cost.rs`), less than the 1,000 its costs count on, so the
/// deployment is ruled out and the verdict says why.
#[test]
fn a_time_between_tokens_rules_out_a_node_too_slow_for_it() {
    let mut harness = app_on("70b-full-stack-2xa100", SIZE);
    scroll_into_view(&mut harness, "Costs counted and constraints");
    harness
        .get_by_label("Costs counted and constraints")
        .click();
    settle(&mut harness);
    scroll_into_view(&mut harness, "At most");
    harness.get_by_label("At most").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().scenario().constraints.inter_token_ms,
        Some(50.0)
    );
    // As a typed 200 would set it.
    harness
        .state_mut()
        .scenario_mut()
        .constraints
        .inter_token_ms = Some(200.0);
    settle(&mut harness);
    let headline = expected_headline(&harness);
    assert!(
        headline.starts_with("At most 200 ms between tokens (requests of 2,048 tokens assumed"),
        "{headline}"
    );
    assert!(
        headline.contains("gives about 795 tok/s within it"),
        "{headline}"
    );
    harness.get_by_label(&headline);
    harness.get_by_label("ruled out");
}

/// The bill's extras fold under the workload and each API: ticking "Cache write price"
/// starts it at Anthropic's 1.25× the input ($2.50 → $3.125), and a reasoning share moves
/// no cost while the API has no reasoning price.
#[test]
fn cache_writes_reasoning_and_tools_fold_under_the_workload_and_the_api() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", SIZE);
    assert!(
        harness.query_by_label("Cache write price").is_none(),
        "folded away"
    );
    scroll_into_view(&mut harness, "Cache writes, reasoning, tools");
    harness
        .get_by_label("Cache writes, reasoning, tools")
        .click();
    settle(&mut harness);
    scroll_into_view(&mut harness, "Cache write price");
    harness.get_by_label("Cache write price").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().scenario().apis[0].usd_per_million_cache_write,
        Some(3.125)
    );
    let before = prepare(harness.state().scenario()).report().options[0].monthly_cost_usd;
    scroll_into_view(&mut harness, "Cache writes, reasoning, tool calls");
    harness
        .get_by_label("Cache writes, reasoning, tool calls")
        .click();
    settle(&mut harness);
    assert!(harness.query_all_by_label("Reasoning").next().is_some());
    harness.state_mut().scenario_mut().workload.reasoning_share = 0.5;
    settle(&mut harness);
    let after = prepare(harness.state().scenario()).report().options[0].monthly_cost_usd;
    assert_eq!(before, after, "reasoning billed as output costs the same");
}

/// A workload in requests splits into classes: one class first (the current size), then
/// a second; the request size shown and saved is their mean, and each is priced at its
/// own size (GPT-4o at $2.50 / $10: 3 requests of 1,000 / 300 for each of 12,000 / 400,
/// mean 3,750 / 325).
#[test]
fn request_classes_set_the_mean_request_and_are_priced_one_by_one() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", SIZE);
    harness.get_by_label("Requests per day").click();
    settle(&mut harness);
    scroll_into_view(&mut harness, "Request classes");
    harness.get_by_label("Request classes").click();
    settle(&mut harness);
    harness.get_by_label("Split into classes").click();
    settle(&mut harness);
    assert_eq!(harness.state().scenario().workload.classes.len(), 1);
    harness.get_by_label("Add a class").click();
    settle(&mut harness);
    {
        let classes = &mut harness.state_mut().scenario_mut().workload.classes;
        assert_eq!(classes.len(), 2);
        (
            classes[0].share,
            classes[0].input_tokens,
            classes[0].output_tokens,
        ) = (0.75, 1_000.0, 300.0);
        (
            classes[1].share,
            classes[1].input_tokens,
            classes[1].output_tokens,
        ) = (0.25, 12_000.0, 400.0);
    }
    settle(&mut harness);
    let scenario = harness.state().scenario().clone();
    let Volume::Requests {
        input_tokens_per_request,
        output_tokens_per_request,
        ..
    } = scenario.workload.volume
    else {
        panic!("in requests");
    };
    assert_eq!(
        (input_tokens_per_request, output_tokens_per_request),
        (3_750.0, 325.0)
    );
    harness.get_by_label("mean request: 3,750 in, 325 out");
    // $ per 1M tokens: 0.75 · 1,300 · $5.769… + 0.25 · 12,400 · $2.742… over 4,075 tokens;
    // a request costs 0.75 · $0.0055 + 0.25 · $0.034 = $0.012625, $3.098/1M.
    let report = prepare(&scenario).report().clone();
    let per_million = report.options[0].usd_per_million_tokens.expect("priced");
    assert!(
        (per_million - 0.012_625 / 4_075.0 * 1e6).abs() < 1e-9,
        "{per_million}"
    );
}

/// Flex, priority and region fold under the workload and each API: ticking "Flex prices"
/// starts them at half the standard ones (GPT-4o $2.50 / $10 → $1.25 / $5), so half the
/// traffic at flex costs three quarters; ticking "In-region endpoint" adds 10% to every
/// token price.
#[test]
fn flex_priority_and_region_fold_under_the_workload_and_the_api() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", SIZE);
    let cost = |harness: &egui_kittest::Harness<'_, llm_cost_explorer::app::CostExplorerApp>| {
        prepare(harness.state().scenario()).report().options[0]
            .monthly_cost_usd
            .expect("priced")
    };
    let standard = cost(&harness);
    scroll_into_view(&mut harness, "Flex, priority, region");
    harness.get_by_label("Flex, priority, region").click();
    settle(&mut harness);
    scroll_into_view(&mut harness, "Flex prices");
    // The tick box is labelled by its row.
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Flex prices")
        .click();
    settle(&mut harness);
    let flex = harness.state().scenario().apis[0]
        .flex
        .clone()
        .expect("ticked");
    assert_eq!(
        (flex.usd_per_million_input, flex.usd_per_million_output),
        (1.25, 5.0)
    );
    scroll_into_view(&mut harness, "Flex and priority tiers");
    harness.get_by_label("Flex and priority tiers").click();
    settle(&mut harness);
    assert!(harness.query_all_by_label("Flex share").next().is_some());
    harness.state_mut().scenario_mut().workload.flex_share = 0.5;
    settle(&mut harness);
    let half_at_flex = cost(&harness);
    assert!(
        (half_at_flex - standard * 0.75).abs() < 1e-9,
        "{half_at_flex}"
    );
    scroll_into_view(&mut harness, "In-region endpoint");
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "In-region endpoint")
        .click();
    settle(&mut harness);
    assert_eq!(
        harness.state().scenario().apis[0].in_region_uplift,
        Some(0.1)
    );
    assert!((cost(&harness) - half_at_flex * 1.1).abs() < 1e-9);
}

#[test]
fn a_pinned_scenario_is_counted_with_the_lens_now_chosen() {
    let mut harness = app_on("gpt5-nano-vs-rtx4060ti", SIZE);
    harness.get_by_label("Pin to compare").click();
    settle(&mut harness);
    harness.get_by_label("Marginal").click();
    settle(&mut harness);
    let pinned = harness.state().pinned().expect("pinned");
    assert_eq!(pinned.scenario().accounting.lens, Lens::Marginal);
    // Both sides count the card at its power alone: the same scenario, no difference.
    let card = |report: &llm_cost_explorer::engine::Report| report.options[1].monthly_cost_usd;
    assert_eq!(card(pinned.report()), Some(5.0));
    assert_eq!(
        card(&llm_cost_explorer::engine::evaluate(
            harness.state().scenario()
        )),
        Some(5.0)
    );
}

#[test]
fn the_lens_toggle_wraps_rather_than_widening_the_column_at_1024x640() {
    // A long title leaves too little of the tabs' line for the pair: it must start the next
    // line, or it runs past the window and the chart beside it is cut off.
    let mut harness = app_on("gpt5-nano-vs-rtx4060ti", egui::vec2(1024.0, 640.0));
    harness.run_steps(6);
    for label in ["Full cost", "Marginal", "Pin to compare"] {
        let rect = harness.get_by_label(label).rect();
        assert!(rect.right() <= 1024.0, "{label} at {rect:?}");
    }
}

#[test]
fn results_in_another_currency_convert_every_amount_shown_but_no_cost() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", SIZE);
    let before = prepare(harness.state().scenario());
    assert!(harness.query_all_by_label("$350.00").count() > 0);
    harness.get_by_label("Results in").click();
    settle(&mut harness);
    harness.get_by_label("EUR (€), Euro").scroll_to_me();
    harness.run_steps(2);
    harness.get_by_label("EUR (€), Euro").click();
    settle(&mut harness);
    // Until the rate is typed, the panel asks for it, and every amount stays in dollars,
    // labelled so: no euro sign on a dollar figure.
    harness.get_by_label_contains("Type the rate you use");
    harness.get_by_label_contains("amounts stay in US dollars");
    assert!(harness.state().scenario().currency.is_usd());
    assert!(harness.query_all_by_label("$350.00").count() > 0);
    assert_eq!(harness.query_all_by_label("€175.00").count(), 0);
    assert_eq!(
        harness.query_all_by_label("€350.00").count(),
        0,
        "no € on a dollar figure"
    );
    harness.get_by_label("Exchange rate").focus();
    harness.run_steps(1);
    harness.get_by_label("Exchange rate").type_text("0.5");
    harness.key_press(Key::Enter);
    settle(&mut harness);
    let scenario = harness.state().scenario().clone();
    assert_eq!(
        (
            scenario.currency.code.as_str(),
            scenario.currency.symbol.as_str()
        ),
        ("EUR", "€")
    );
    assert_eq!(scenario.currency.per_usd, 0.5);
    assert!(
        harness
            .query_by_label_contains("Type the rate you use")
            .is_none()
    );
    // The verdict on screen is the engine's, in euros ($200 less is €100 less); the
    // table's $350 is €175 now.
    let headline = expected_headline(&harness);
    assert!(
        headline.starts_with("At 100M tokens/month the API (GPT-4o) is cheaper by €100.00/month")
            && !headline.contains('$'),
        "{headline}"
    );
    harness.get_by_label(&headline);
    assert!(harness.query_all_by_label("€175.00").count() > 0);
    assert_eq!(harness.query_all_by_label("$350.00").count(), 0);
    // No cost moved.
    let after = prepare(&scenario);
    assert_eq!(
        before.report().options[0].monthly_cost_usd,
        after.report().options[0].monthly_cost_usd
    );
    // Back to US dollars: the rate goes with the currency.
    harness.get_by_label("Results in").click();
    settle(&mut harness);
    harness.get_by_label("USD ($), US dollar").click();
    settle(&mut harness);
    assert!(harness.state().scenario().currency.is_usd());
    assert!(harness.query_by_label("Exchange rate").is_none());
}

/// The estimate names the largest batch within the time between tokens allowed (50 ms by
/// default) and can set the decode rate to its throughput. Hand-checked: Llama 3.1 70B
/// INT4 (39.76 GB) on an A100 at 8k of context (2.684 GB of KV cache each): a step of b
/// requests reads 39.76 + 2.684 · b GB at 2,039 × 60% = 1,223.4 GB/s, so 50 ms allows
/// 39.76 + 2.684 · b ≤ 61.17: 7 requests, 7 / 47.86 ms = 146 tok/s.
#[test]
fn the_estimate_at_a_latency_target_sets_the_decode_rate() {
    let mut harness = app_on("sonnet-vs-rented-a100", egui::vec2(1280.0, 800.0));
    scroll_into_view(&mut harness, "Estimate from the hardware and model");
    harness
        .get_by_label("Estimate from the hardware and model")
        .click();
    settle(&mut harness);
    assert!(
        harness
            .query_all_by_label_contains(
                "Within 50 ms between tokens: up to 7 requests (one copy), about 146 output tok/s"
            )
            .next()
            .is_some(),
        "the batch within 50 ms"
    );
    scroll_into_view(&mut harness, "Use the estimate at 50 ms");
    harness.get_by_label("Use the estimate at 50 ms").click();
    settle(&mut harness);
    let phases = harness.state().scenario().deployments[0]
        .phases
        .clone()
        .expect("prefill and decode rates set");
    assert_eq!(phases.decode_tokens_per_second, 146.0);
    // The throughput by batch size opens below, one row a batch: 1, 2, 4, 8 and the 13
    // that fit.
    scroll_into_view(&mut harness, "By batch size");
    harness.get_by_label("By batch size").click();
    settle(&mut harness);
    harness.get_by_label("Output tok/s");
    assert!(
        harness.query_by_label("13").is_some(),
        "the last batch's row"
    );
    // A first token within 2 s cannot be had for an 8k prompt: reading it takes 8,192 /
    // (312 TFLOPS · 45% / 141.1 GFLOPs) = 8.23 s on an idle node.
    scroll_into_view(&mut harness, "First token within");
    harness.get_by_label("First token within").click();
    settle(&mut harness);
    assert!(
        harness
            .query_by_label(
                "Within 50 ms between tokens and 2 s to the first token: not even one request \
                 alone (35 ms between tokens, the first token after 8.23 s of prefill)"
            )
            .is_some(),
        "the first-token target"
    );
    harness.get_by_label(&expected_headline(&harness));
}
