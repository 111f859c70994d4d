//! The full cost and the real traffic, hand-checked on the presets: fixed costs on the
//! API side, the two lenses, a peak given in requests per second, one-off costs in the
//! timeline, and constraints that change the recommendation but never a cost.

use llm_cost_engine::engine::timeline::timeline;
use llm_cost_engine::engine::{OptionKind, Report, evaluate, evaluate_at, verdict};
use llm_cost_engine::scenario::{
    Compute, Lens, Overheads, Owning, Scenario, TimelineSettings, presets,
};

fn preset(name: &str) -> Scenario {
    presets::load(name).expect("preset loads")
}

fn cost(report: &Report, index: usize) -> f64 {
    report.options[index].monthly_cost_usd.expect("serves")
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "{what}: {got} vs {want}"
    );
}

#[test]
fn an_apis_people_fee_and_implementation_are_part_of_its_cost() {
    let mut scenario = preset("gpt4o-vs-dedicated-server");
    let api = &mut scenario.apis[0];
    api.engineering_fte = 0.1;
    api.engineer_usd_per_year = 120_000.0;
    api.overheads = Overheads {
        one_off_usd: 3_600.0,
        monthly_fee_usd: 50.0,
    };
    let report = evaluate(&scenario);
    // 100M at $3.50/M = $350 usage, + 0.1 · $120,000 / 12 = $1,000 engineering, + $50
    // fee, + $3,600 / 36 months = $100 implementation: $1,500.
    close(cost(&report, 0), 1_500.0, "GPT-4o");
    let layers = report.options[0].layers.expect("layers");
    close(layers.api.expect("usage"), 350.0, "usage");
    close(layers.engineering, 1_000.0, "engineering");
    assert_eq!(layers.fees, 50.0);
    close(layers.one_off, 100.0, "one-off");
    // Fully loaded: $1,500 over 100M tokens = $15 per 1M, against the list's $3.50.
    let loaded = report.options[0]
        .fully_loaded_usd_per_million_tokens
        .expect("a volume");
    close(loaded, 15.0, "fully loaded $/1M");
    // The crossover with the $550 server moves from 157M to below zero volume: the
    // server is cheaper at every volume its first node serves.
    assert!(
        report
            .crossovers
            .iter()
            .all(|c| c.volume_tokens_per_month > 946e6)
    );
    // A $100 fee alone moves it to ($550 − $100) / $3.50 per 1M = 128.571M.
    let mut fee_only = preset("gpt4o-vs-dedicated-server");
    fee_only.apis[0].overheads.monthly_fee_usd = 100.0;
    let first = evaluate(&fee_only).crossovers[0].volume_tokens_per_month;
    close(first, 450.0 / 3.5e-6, "crossover with a fee");
}

#[test]
fn the_marginal_lens_drops_the_write_off_of_a_bought_node_and_its_payback() {
    let mut scenario = preset("gpt5-nano-vs-rtx4060ti");
    let full = evaluate(&scenario);
    scenario.accounting.lens = Lens::Marginal;
    // The preset owns its card; with nothing owned the marginal cost of buying is the
    // full cost.
    scenario.deployments[0].owned_nodes = 0;
    assert_eq!(
        cost(&evaluate(&scenario), 1),
        cost(&full, 1),
        "a node still to buy is priced in full"
    );
    scenario.deployments[0].owned_nodes = 1;
    let marginal = evaluate(&scenario);
    assert_eq!(marginal.lens, Lens::Marginal);
    let own = 1;
    assert_eq!(full.options[own].kind, OptionKind::SelfHosted);
    let nodes = full.options[own]
        .self_hosted
        .as_ref()
        .expect("figures")
        .nodes as f64;
    // The $400 card written off over 36 months is the only difference.
    close(
        cost(&full, own) - cost(&marginal, own),
        nodes * 400.0 / 36.0,
        "write-off",
    );
    assert_eq!(cost(&full, 0), cost(&marginal, 0), "an API is the same");
    let figures = marginal.options[own].self_hosted.as_ref().expect("figures");
    assert_eq!(figures.purchase_usd, None, "nothing to buy: it is owned");
    assert_eq!(figures.payback_months, None);
    // The fully-loaded $/1M is the full cost's, whatever the lens.
    assert_eq!(
        marginal.options[own].fully_loaded_usd_per_million_tokens,
        full.options[own].usd_per_million_tokens
    );
}

#[test]
fn a_peak_in_requests_per_second_sets_the_peak_to_average_ratio() {
    let mut scenario = preset("chat-10k-requests-a10g");
    scenario.workload.active_hours_per_day = 10.0;
    scenario.workload.peak_requests_per_second = Some(1.0);
    // 10,000 requests a day over 10 hours average 0.2778/s; a 1/s peak is 3.6 times that.
    close(scenario.workload.peak_to_average(), 3.6, "P");
    let report = evaluate(&scenario);
    let own = |report: &Report| {
        report
            .options
            .iter()
            .find(|o| o.kind == OptionKind::SelfHosted)
            .and_then(|o| o.self_hosted.clone())
            .expect("a deployment")
    };
    let figures = own(&report);
    // C = 2000 · 3600 · 720 h · (10/24) · 0.6 / 3.6 = 360M tokens a month (this preset's
    // month has 720 hours).
    assert_eq!(scenario.hours_per_month, 720.0);
    close(
        figures.capacity_tokens_per_month_per_node,
        2000.0 * 3600.0 * 720.0 * (10.0 / 24.0) * 0.6 / 3.6,
        "capacity",
    );
    // The same peak given as a ratio gives the same report.
    let mut as_ratio = scenario.clone();
    as_ratio.workload.peak_requests_per_second = None;
    as_ratio.workload.peak_to_average = 3.6;
    let again = evaluate(&as_ratio);
    close(
        own(&again).capacity_tokens_per_month_per_node,
        figures.capacity_tokens_per_month_per_node,
        "capacity from the ratio",
    );
}

#[test]
fn one_off_costs_are_paid_in_the_first_month_of_the_timeline() {
    let mut scenario = preset("gpt4o-vs-dedicated-server");
    scenario.deployments[0].overheads.one_off_usd = 7_200.0;
    scenario.timeline = TimelineSettings {
        months: 12,
        ..TimelineSettings::default()
    };
    // The chart spreads it: $550 + $7,200 / 36 = $750 a month.
    close(cost(&evaluate(&scenario), 1), 750.0, "monthly view");
    let months = timeline(&scenario);
    let server = |month: usize| months.rows[month].costs[1].monthly_usd;
    close(server(0), 550.0 + 7_200.0, "month 1 pays it");
    close(server(11), 550.0, "month 12 does not");
    // Under the marginal lens the implementation is paid again unless it is already paid.
    scenario.accounting.lens = Lens::Marginal;
    close(
        timeline(&scenario).rows[0].costs[1].monthly_usd,
        550.0 + 7_200.0,
        "marginal month 1, implementation not yet paid",
    );
    scenario.accounting.one_offs_paid = true;
    let marginal = timeline(&scenario);
    close(
        marginal.rows[0].costs[1].monthly_usd,
        550.0,
        "marginal month 1",
    );
}

#[test]
fn a_bought_node_pays_its_setup_when_bought_and_its_upkeep_every_month() {
    let mut scenario = preset("gpt5-nano-vs-rtx4060ti");
    scenario.deployments[0].owning = Owning {
        capital_rate_per_year: 0.12,
        maintenance_rate_per_year: 0.06,
        facilities_usd_per_node_month: 10.0,
        setup_usd_per_node: 100.0,
    };
    scenario.timeline = TimelineSettings {
        months: 6,
        ..TimelineSettings::default()
    };
    let report = evaluate(&scenario);
    let layers = report.options[1].layers.expect("layers");
    let electricity = layers.electricity;
    let months = timeline(&scenario);
    let card = |month: usize| &months.rows[month].costs[1];
    // Month 1: $400 card + $100 setup, then $400 · 6% / 12 = $2 maintenance and $10
    // facilities every month with the power; the cost of capital is not cash.
    assert_eq!(card(0).purchase_usd, Some(500.0));
    close(
        card(0).monthly_usd,
        500.0 + 2.0 + 10.0 + electricity,
        "month 1",
    );
    close(card(5).monthly_usd, 2.0 + 10.0 + electricity, "month 6");
    // The monthly chart has the capital charge on (400 + 0) / 2 · 12% / 12 = $2.
    close(layers.capital, 2.0, "capital");
}

#[test]
fn data_that_must_stay_requires_self_hosting_without_changing_a_cost() {
    let mut scenario = preset("gpt4o-vs-dedicated-server");
    let before = evaluate(&scenario);
    scenario.constraints.data_must_stay = true;
    let after = evaluate(&scenario);
    for (old, new) in before.options.iter().zip(&after.options) {
        assert_eq!(old.monthly_cost_usd, new.monthly_cost_usd, "{}", old.name);
    }
    assert_eq!(before.cheaper_ranges, after.cheaper_ranges);
    assert!(after.options[0].ruled_out.is_some(), "the API is ruled out");
    assert_eq!(after.constraints_applied[0].rule, "self_hosting_required");
    assert_eq!(after.constraints_applied[0].rules_out, ["GPT-4o"]);
    // At 100M the API is cheaper ($350 against $550), but the verdict follows the rule
    // and says what it costs.
    assert_eq!(
        verdict::headline(&after),
        "Self-hosting is required: data must stay in your environment. Llama 3.1 70B on a \
         dedicated A100 is the self-hosted option at 100M tokens/month ($550.00/month); the \
         cheapest API (GPT-4o) would cost $200.00/month less."
    );
    assert!(verdict::headline(&before).starts_with("At 100M tokens/month the API (GPT-4o)"));
    // The chart draws the same curves; its legend (screen and every export) says which
    // option is not one.
    let model = llm_cost_engine::engine::prepare(&scenario);
    let figure = llm_cost_engine::figure::Figure::new(
        &model,
        llm_cost_engine::figure::default_bounds(&model),
    );
    assert_eq!(figure.legend[0].name, "GPT-4o (ruled out)");
    assert_eq!(figure.legend[1].name, "Llama 3.1 70B on a dedicated A100");
}

#[test]
fn an_api_bought_in_region_is_kept_when_data_must_stay() {
    // 70B full stack with a second API: GPT-4o and Claude against 2x A100. GPT-4o bought
    // in-region at +10%.
    let mut scenario = preset("70b-full-stack-2xa100");
    let mut claude = scenario.apis[0].clone();
    claude.id = Default::default();
    claude.name = "Claude Sonnet 4.5".to_owned();
    claude.usd_per_million_input = 3.0;
    claude.usd_per_million_output = 15.0;
    scenario.apis.push(claude);
    scenario.constraints.data_must_stay = true;
    let global = evaluate_at(&scenario, 1e9);
    scenario.apis[0].in_region_uplift = Some(0.1);
    let report = evaluate_at(&scenario, 1e9);
    // The uplift is on every token price: 1.1 times the global usage, fixed costs as they
    // were.
    let usage = |report: &Report| {
        report.options[0]
            .layers
            .expect("layers")
            .api
            .expect("usage")
    };
    close(usage(&report), usage(&global) * 1.1, "in-region usage");
    assert!(report.options[0].ruled_out.is_none(), "GPT-4o is kept");
    let applied = &report.constraints_applied[0];
    assert_eq!(applied.rule, "data_residency");
    assert_eq!(
        applied.rules_out,
        ["Claude Sonnet 4.5"],
        "the global API is ruled out"
    );
    let headline = verdict::headline(&report);
    assert!(
        headline.starts_with(
            "Data must stay in your region, and only GPT-4o (at +10%) is bought in-region: \
             Claude Sonnet 4.5 has no in-region endpoint, so it is left out. At 1.00B \
             tokens/month the API (GPT-4o) is cheaper"
        ),
        "{headline}"
    );
    // Fine-tuning rules out every API, in-region or not.
    scenario.constraints.fine_tuning = true;
    let tuned = evaluate_at(&scenario, 1e9);
    assert_eq!(tuned.constraints_applied[0].rule, "self_hosting_required");
    assert!(tuned.options[0].ruled_out.is_some());
}

#[test]
fn too_few_engineers_leave_the_api_as_the_choice() {
    let mut scenario = preset("70b-full-stack-2xa100");
    scenario.constraints.mlops_fte_available = Some(0.25);
    let report = evaluate_at(&scenario, 10e9);
    let headline = verdict::headline(&report);
    assert!(
        headline.starts_with(
            "Not enough MLOps capacity for Llama 3.1 70B on 2x A100 (it needs 0.75 FTE to \
             run; you have 0.25), so the API is the choice: GPT-4o costs"
        ),
        "{headline}"
    );
    assert!(headline.contains("self-hosting (Llama 3.1 70B on 2x A100) would cost"));
    // With the engineers it needs, the same report compares on cost alone.
    scenario.constraints.mlops_fte_available = Some(1.0);
    let enough = verdict::headline(&evaluate_at(&scenario, 10e9));
    assert!(
        enough.ends_with("Every self-hosted option can be run with the 1 FTE you have."),
        "{enough}"
    );
}

#[test]
fn constraints_that_cannot_all_be_met_say_so() {
    let mut scenario = preset("70b-full-stack-2xa100");
    scenario.constraints.data_must_stay = true;
    scenario.constraints.mlops_fte_available = Some(0.0);
    let headline = verdict::headline(&evaluate(&scenario));
    assert_eq!(
        headline,
        "No option meets every constraint. Self-hosting is required: data must stay in your \
         environment, but there is not enough MLOps capacity for Llama 3.1 70B on 2x A100 (it \
         needs 0.75 FTE to run; you have 0)."
    );
}

#[test]
fn mostly_batch_traffic_is_told_whether_it_gets_the_batch_price() {
    let mut scenario = preset("gpt4o-vs-dedicated-server");
    scenario.constraints.mostly_batch = true;
    let headline = verdict::headline(&evaluate(&scenario));
    assert!(
        headline.ends_with(
            "Traffic is mostly batch, but none of it is sent through the batch API; raise the \
             batch share to compare at batch prices (up to 50% off)."
        ),
        "{headline}"
    );
    scenario.workload.batch_share = 0.8;
    let headline = verdict::headline(&evaluate(&scenario));
    assert!(
        headline.ends_with("the APIs are compared with 80% of it at batch prices."),
        "{headline}"
    );
}

#[test]
fn active_hours_rent_is_cheaper_than_always_on_for_business_hours() {
    let mut scenario = preset("sonnet-vs-rented-a100");
    scenario.workload.active_hours_per_day = 10.0;
    let always_on = cost(&evaluate(&scenario), 1);
    if let Compute::RentedHourly { billing, .. } = &mut scenario.deployments[0].compute {
        *billing = llm_cost_engine::scenario::HourlyBilling::ActiveHours;
    }
    let active = evaluate(&scenario);
    let nodes = active.options[1]
        .self_hosted
        .as_ref()
        .expect("figures")
        .nodes as f64;
    // $1.30/h for 730 · 10/24 hours a node instead of 730.
    close(
        always_on - cost(&active, 1),
        nodes * 1.30 * 730.0 * (1.0 - 10.0 / 24.0),
        "saving",
    );
}

#[test]
fn the_timeline_recommends_only_what_the_constraints_allow() {
    let mut scenario = preset("gpt5-nano-vs-rtx4060ti");
    scenario.constraints.data_must_stay = true;
    let over_time = timeline(&scenario);
    let headline = llm_cost_engine::engine::timeline::words::headline(&over_time).expect("words");
    assert!(
        headline.starts_with(
            "Self-hosting is required: data must stay in your environment. Over 36 months \
             Llama 3.1 8B on an RTX 4060 Ti costs $"
        ),
        "{headline}"
    );
    assert!(!headline.contains("Staying on"), "{headline}");
    // No switch is marked on the chart: there is no API to switch from.
    assert_eq!(over_time.headline_index(), None);
    // Too few engineers for the only deployment: the API is the plan over the months.
    let mut scenario = preset("70b-full-stack-2xa100").with_tokens_per_month(8e9);
    scenario.constraints.mlops_fte_available = Some(0.5);
    let headline =
        llm_cost_engine::engine::timeline::words::headline(&timeline(&scenario)).expect("words");
    assert!(
        headline.starts_with(
            "Not enough MLOps capacity for Llama 3.1 70B on 2x A100 (it needs 0.75 FTE to run; \
             you have 0.5), so staying on GPT-4o is the plan over 36 months ($"
        ),
        "{headline}"
    );
}

#[test]
fn a_hybrid_switched_to_from_its_own_api_pays_that_apis_implementation_once() {
    let plan = |api_one_off: f64| {
        let mut scenario = preset("gpt4o-vs-dedicated-server");
        scenario.hybrid = Some(llm_cost_engine::scenario::Hybrid {
            local_share: 0.5,
            deployment: "Llama 3.1 70B on a dedicated A100".into(),
            api: "GPT-4o".into(),
        });
        scenario.apis[0].overheads.one_off_usd = api_one_off;
        scenario.timeline = TimelineSettings {
            months: 24,
            growth_per_month: 0.2,
            ..TimelineSettings::default()
        };
        let over_time = timeline(&scenario);
        over_time
            .best_switch
            .iter()
            .find(|switch| switch.self_hosted.starts_with("Hybrid"))
            .cloned()
            .expect("the hybrid's switch")
    };
    let (without, with) = (plan(0.0), plan(10_000.0));
    // Staying pays the $10,000 in month 1, and so does every plan: once, whenever the
    // switch comes, so the best month and the saving do not move.
    close(with.stay_usd - without.stay_usd, 10_000.0, "stay");
    close(with.total_usd - without.total_usd, 10_000.0, "plan");
    assert_eq!(with.month, without.month);
    close(with.saving_usd, without.saving_usd, "saving");
}

#[test]
fn a_peak_in_requests_per_second_keeps_its_ratio_at_any_volume() {
    let mut scenario = preset("chat-10k-requests-a10g");
    scenario.workload.active_hours_per_day = 10.0;
    scenario.workload.peak_requests_per_second = Some(1.0);
    let at = scenario.with_tokens_per_month(scenario.tokens_per_month() * 2.0);
    close(at.workload.peak_to_average(), 3.6, "P at twice the volume");
    close(
        at.workload.peak_requests_per_second.expect("kept"),
        2.0,
        "peak",
    );
}

#[test]
fn the_range_sentence_is_not_said_of_a_ruled_out_pair() {
    let mut scenario = preset("gpt4o-vs-dedicated-server");
    assert!(verdict::range_sentence(&evaluate(&scenario)).is_some());
    scenario.constraints.data_must_stay = true;
    assert!(verdict::range_sentence(&evaluate(&scenario)).is_none());
}

/// The marginal lens counts only what the decision changes: 141 Mac Studios needed at 10B
/// tokens a month, 2 owned. Each Studio is $6,000 written off over 36 months ($166.67 a
/// month); the 2 owned write nothing off, the other 139 are priced in full, so marginal
/// is full less 2 × $166.67 = $333.33, and the purchase still to make is 139 × $6,000.
#[test]
fn the_marginal_lens_prices_nodes_beyond_those_owned_in_full() {
    let mut scenario = preset("agent-fleet-mac-studio").with_tokens_per_month(10e9);
    let full = evaluate(&scenario);
    let own = full
        .options
        .iter()
        .position(|option| option.kind == OptionKind::SelfHosted)
        .expect("a deployment");
    let nodes = full.options[own]
        .self_hosted
        .as_ref()
        .expect("figures")
        .nodes;
    assert_eq!(nodes, 141, "as the issue measured");
    let Compute::Bought {
        price_usd,
        amortization_months,
        resale_usd,
    } = scenario.deployments[0].compute
    else {
        panic!("bought Mac Studios");
    };
    let write_off = (price_usd - resale_usd) / amortization_months;
    scenario.accounting.lens = Lens::Marginal;
    // Nothing owned: the marginal lens no longer prices 141 machines at power alone.
    close(
        cost(&evaluate(&scenario), own),
        cost(&full, own),
        "none owned",
    );
    scenario.deployments[0].owned_nodes = 2;
    let marginal = evaluate(&scenario);
    let capital = scenario.deployments[0].owning.capital_rate_per_year * (price_usd + resale_usd)
        / 2.0
        / 12.0;
    let setup =
        scenario.deployments[0].owning.setup_usd_per_node / scenario.accounting.horizon_months;
    close(
        cost(&full, own) - cost(&marginal, own),
        2.0 * (write_off + capital + setup),
        "two owned nodes",
    );
    let figures = marginal.options[own].self_hosted.as_ref().expect("figures");
    assert_eq!(figures.owned_nodes, 2);
    close(
        figures.purchase_usd.expect("139 still to buy"),
        139.0 * (price_usd + scenario.deployments[0].owning.setup_usd_per_node),
        "purchase",
    );
    let note = marginal.lens_note.as_deref().expect("a note");
    assert!(
        note.contains("2 of its 141 nodes owned, 139 counted in full"),
        "{note}"
    );
    assert!(
        note.contains("one-off costs counted (not yet paid)"),
        "{note}"
    );
    // A rented deployment's marginal cost is its full cost, and the note says so.
    let mut rented = preset("sonnet-vs-rented-a100");
    let full_rented = evaluate(&rented);
    rented.accounting.lens = Lens::Marginal;
    rented.deployments[0].owned_nodes = 3;
    let marginal_rented = evaluate(&rented);
    assert_eq!(cost(&marginal_rented, 1), cost(&full_rented, 1));
    assert!(
        marginal_rented
            .lens_note
            .as_deref()
            .is_some_and(|note| note.contains("is rented, so its marginal cost is its full cost")),
        "{:?}",
        marginal_rented.lens_note
    );
}

/// A time between tokens allowed rules out a self-hosted option whose node cannot give the
/// throughput its costs count on within it. Hand-checked on the 70B preset (Llama 3.1 70B
/// FP16 on 2x A100, 1,000 tok/s; its volume in tokens, so requests of 2,048 tokens, 1,536
/// of them prompt, held as paged attention holds them: 1,536 + 512 / 2 = 1,792 tokens,
/// 0.5872 GB): one copy split 2 ways holds (154.62 − 141.1 − 2.37) / 0.5872 = 18.99 → 18
/// requests; a step of 18 reads 141.1 + 18 · 0.5872 = 151.67 GB at 60% of 4,078 GB/s =
/// 61.99 ms, plus 160 all-reduces of 8.98 µs = 1.44 ms: 283.8 decode tok/s. With prefill at
/// 624 TFLOPS · 45% / 141.1 GFLOPs = 1,990 tok/s for 3 prompt tokens per output token, the
/// node gives 1 / (1 / 283.8 + 3 / 1,990) · 4 = 795 tok/s, 962 at the band's high end
/// (1.21×): less than 1,000.
#[test]
fn a_time_between_tokens_rules_out_a_node_too_slow_for_its_throughput() {
    let mut scenario = preset("70b-full-stack-2xa100");
    scenario.constraints.inter_token_ms = Some(200.0);
    let report = evaluate_at(&scenario, 10e9);
    let applied = &report.constraints_applied[0];
    assert_eq!(applied.rule, "latency_target");
    assert_eq!(applied.rules_out, ["Llama 3.1 70B on 2x A100"]);
    assert!(
        applied.says.contains(
            "Llama 3.1 70B on 2x A100's node gives about 795 tok/s within it (18 requests at \
             once, one copy split 2 ways; at most 962 by published figures), less than the \
             1,000 its costs count on"
        ),
        "{}",
        applied.says
    );
    assert!(applied.says.contains("requests of 2,048 tokens assumed"));
    let headline = verdict::headline(&report);
    assert!(
        headline.contains("so the API is the choice: GPT-4o costs $43,750/month"),
        "{headline}"
    );
    // Costs never change.
    let free = evaluate_at(&preset("70b-full-stack-2xa100"), 10e9);
    assert_eq!(cost(&report, 1), cost(&free, 1));
    // 20 ms is faster than one request alone (141.1 GB at 2,446.8 GB/s + 1.3 ms = 59 ms).
    scenario.constraints.inter_token_ms = Some(20.0);
    let report = evaluate_at(&scenario, 10e9);
    assert!(
        report.constraints_applied[0]
            .says
            .contains("node takes 59 ms between tokens for one request alone"),
        "{}",
        report.constraints_applied[0].says
    );
    // Counting on 500 tok/s, the node gives enough: nothing is ruled out, and the verdict
    // says so after the cost comparison.
    scenario.constraints.inter_token_ms = Some(200.0);
    scenario.deployments[0].throughput_tokens_per_second = 500.0;
    let report = evaluate_at(&scenario, 10e9);
    assert!(report.constraints_applied[0].rules_out.is_empty());
    let headline = verdict::headline(&report);
    assert!(
        headline.ends_with(
            "every checked self-hosted node gives the throughput its costs count on (Llama \
             3.1 70B on 2x A100: about 795 tok/s within it, counting on 500)."
        ),
        "{headline}"
    );
    // Counting on 800, more than the middle but within the band's high end: kept, and
    // said so.
    scenario.deployments[0].throughput_tokens_per_second = 800.0;
    let report = evaluate_at(&scenario, 10e9);
    assert!(report.constraints_applied[0].rules_out.is_empty());
    assert!(
        report.constraints_applied[0]
            .says
            .contains("counting on 800, within the 962 published figures allow"),
        "{}",
        report.constraints_applied[0].says
    );
    // A model the estimate does not know is named as not checked.
    scenario.deployments[0].model.name = "Our fine-tune".to_owned();
    let report = evaluate_at(&scenario, 10e9);
    assert!(
        report.constraints_applied[0]
            .says
            .ends_with("Llama 3.1 70B on 2x A100 is not checked (its model is not a listed one)"),
        "{}",
        report.constraints_applied[0].says
    );
}
