//! The currency results are shown in: every cost, crossover and range is the same as in US
//! dollars; only the words, tables and ticks are converted, at the scenario's rate.

use llm_cost_engine::engine::timeline::words;
use llm_cost_engine::engine::{evaluate, prepare, verdict};
use llm_cost_engine::figure::{
    Figure, TimelineMeasure, cost_grid_marks, default_bounds, grid_marks, timeline_figure,
};
use llm_cost_engine::report_text;
use llm_cost_engine::scenario::{Scenario, file, presets, validate};
use llm_cost_engine::units::{Currency, rate_text};

fn preset(name: &str) -> Scenario {
    presets::load(name).expect("preset loads")
}

fn euros(rate: f64) -> Currency {
    Currency {
        code: "EUR".to_owned(),
        symbol: "€".to_owned(),
        per_usd: rate,
    }
}

#[test]
fn amounts_are_written_in_the_currency() {
    let eur = euros(0.5);
    assert_eq!(eur.format(21.0), "€10.50");
    assert_eq!(eur.format(3_500.0), "€1,750");
    assert_eq!(eur.format(2_469_134.0), "€1.23M");
    assert_eq!(eur.format(-400.0), "-€200.00");
    assert_eq!(eur.format_axis(2_000.0), "€1k");
    assert_eq!(eur.format_price(0.15), "€0.075");
    let francs = Currency {
        code: "CHF".to_owned(),
        symbol: "CHF".to_owned(),
        per_usd: 0.8,
    };
    // A symbol of letters keeps a space from the digits.
    assert_eq!(francs.format(2_187.5), "CHF 1,750");
    assert_eq!(Currency::usd().format(1_750.0), "$1,750");
    assert_eq!(Currency::usd().statement(), None);
    assert_eq!(
        euros(0.92).statement().as_deref(),
        Some("Amounts in EUR (€) at 0.92 per US dollar; prices in US dollars")
    );
    assert_eq!(rate_text(0.92), "0.92");
    assert_eq!(rate_text(156.25), "156.25");
    assert_eq!(rate_text(0.000_061), "0.000061");
    assert_eq!(rate_text(16_250.0), "16250");
}

#[test]
fn costs_crossovers_and_ranges_do_not_move_with_the_currency() {
    for name in presets::names() {
        let dollars = preset(&name);
        let mut converted = dollars.clone();
        converted.currency = euros(0.92);
        let (a, b) = (evaluate(&dollars), evaluate(&converted));
        for (x, y) in a.options.iter().zip(&b.options) {
            assert_eq!(x.monthly_cost_usd, y.monthly_cost_usd, "{name}: {}", x.name);
            assert_eq!(x.usd_per_million_tokens, y.usd_per_million_tokens);
        }
        assert_eq!(a.crossovers, b.crossovers, "{name}");
        assert_eq!(a.cheaper_ranges, b.cheaper_ranges, "{name}");
        assert_eq!(b.currency, euros(0.92));
    }
}

#[test]
fn the_verdict_and_the_text_report_speak_the_currency() {
    let dollars = preset("gpt4o-vs-dedicated-server");
    let mut halved = dollars.clone();
    halved.currency = euros(0.5);
    let in_dollars = verdict::headline(&evaluate(&dollars));
    let in_euros = verdict::headline(&evaluate(&halved));
    assert!(in_dollars.contains('$'), "{in_dollars}");
    assert!(!in_euros.contains('$'), "{in_euros}");
    // Every amount of the sentence is half the dollar amount: the same sentence with each
    // "$x" replaced by "€x/2".
    let report = evaluate(&dollars);
    let api = report.options[0].monthly_cost_usd.expect("serves");
    let own = report.options[1].monthly_cost_usd.expect("serves");
    let gap = (api - own).abs();
    assert!(
        in_euros.contains(&euros(0.5).format(gap)),
        "{in_euros} should hold {}",
        euros(0.5).format(gap)
    );
    assert_eq!(
        in_dollars.replace(&Currency::usd().format(gap), &euros(0.5).format(gap)),
        in_euros
    );
    let text = report_text::render(&evaluate(&halved));
    assert!(text.contains("€/month"), "{text}");
    assert!(
        text.contains("Amounts in EUR (€) at 0.5 per US dollar"),
        "{text}"
    );
    assert!(!text.contains("$/month"), "{text}");
}

#[test]
fn the_timeline_speaks_the_currency() {
    let mut scenario = preset("gpt4o-vs-dedicated-server");
    scenario.timeline.growth_per_month = 0.15;
    let dollars = prepare(&scenario);
    scenario.currency = euros(0.5);
    let euros_model = prepare(&scenario);
    let (a, b) = (dollars.timeline(), euros_model.timeline());
    assert_eq!(a.totals(), b.totals());
    let (Some(in_dollars), Some(in_euros)) = (words::headline(a), words::headline(b)) else {
        panic!("a switch sentence");
    };
    assert!(
        in_dollars.contains('$') && !in_euros.contains('$'),
        "{in_euros}"
    );
    assert!(in_euros.contains('€'), "{in_euros}");
    let figure = timeline_figure(&euros_model, TimelineMeasure::Cumulative, None);
    assert_eq!(figure.titles.y, "Cash paid since month 1, EUR");
    // Ticks at round euro amounts, placed where those euros fall in dollars.
    for tick in &figure.y_ticks {
        let label = tick.label.as_deref().unwrap_or_default();
        assert_eq!(label, euros(0.5).format_axis(tick.value), "{label}");
        assert!(label.starts_with('€'), "{label}");
    }
    let top = figure.y_ticks.last().expect("ticks");
    assert!((top.value - figure.bounds.max[1]).abs() < 1e-6 * top.value);
}

#[test]
fn the_cost_axis_ticks_sit_at_round_amounts_of_the_currency() {
    let mut scenario = preset("gpt4o-vs-dedicated-server");
    scenario.currency = euros(0.92);
    let model = prepare(&scenario);
    let figure = Figure::new(&model, default_bounds(&model));
    assert_eq!(figure.titles.y, "Monthly cost, EUR (log scale)");
    let labelled: Vec<_> = figure
        .y_ticks
        .iter()
        .filter(|t| t.label.is_some())
        .collect();
    assert!(labelled.len() >= 2, "{labelled:?}");
    for tick in labelled {
        let euros_there = 0.92 * 10f64.powf(tick.value);
        let decade = 10f64.powf(euros_there.log10().round());
        let mantissa = euros_there / 10f64.powf(euros_there.log10().floor());
        // A decade, or 2× / 5× one, in euros.
        let round = [1.0, 2.0, 5.0]
            .iter()
            .any(|m| (mantissa - m).abs() < 1e-9 * m);
        assert!(round || (euros_there - decade).abs() < 1e-9 * decade);
        assert!(tick.label.as_deref().unwrap_or_default().starts_with('€'));
    }
    // In dollars the marks are exactly as they always were.
    for (low, high) in [(0.0, 5.0), (-2.3, 1.7), (2.0, 3.1)] {
        assert_eq!(
            cost_grid_marks(low, high, &Currency::usd()),
            grid_marks(low, high)
        );
    }
}

#[test]
fn the_currency_is_saved_only_when_it_is_not_us_dollars() {
    let mut scenario = preset("gpt4o-vs-dedicated-server");
    let text = file::to_ron(&scenario).expect("writes");
    assert!(!text.contains("currency"), "{text}");
    scenario.currency = euros(0.92);
    let text = file::to_ron(&scenario).expect("writes");
    assert!(text.contains("currency"), "{text}");
    let back = file::from_ron(&text, "round trip").expect("reads");
    assert_eq!(back.currency, euros(0.92));
}

#[test]
fn a_currency_that_cannot_be_shown_is_refused_by_field() {
    let mut scenario = preset("gpt4o-vs-dedicated-server");
    scenario.currency = Currency {
        code: "euro".to_owned(),
        symbol: " ".to_owned(),
        per_usd: 0.0,
    };
    let problems = validate::validate(&scenario);
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        ["currency.code", "currency.symbol", "currency.per_usd"],
        "{problems:?}"
    );
    for rate in [f64::NAN, f64::INFINITY, -1.0, 2e6, 0.001] {
        scenario.currency = euros(rate);
        let problems = validate::validate(&scenario);
        assert_eq!(problems.len(), 1, "{rate}: {problems:?}");
        assert_eq!(problems[0].field, "currency.per_usd");
    }
    scenario.currency = euros(16_250.0);
    assert!(validate::validate(&scenario).is_empty());
}

#[test]
fn a_symbol_that_reads_as_part_of_the_number_or_as_other_money_is_refused() {
    let mut scenario = preset("gpt4o-vs-dedicated-server");
    let refused = |scenario: &Scenario| {
        validate::validate(scenario)
            .into_iter()
            .map(|problem| format!("{}: {}", problem.field, problem.message))
            .collect::<Vec<_>>()
    };
    for symbol in ["-", "1", "E U R", "€.", "(€)"] {
        scenario.currency = Currency {
            symbol: symbol.to_owned(),
            ..euros(0.92)
        };
        let problems = refused(&scenario);
        assert_eq!(problems.len(), 1, "{symbol}: {problems:?}");
        assert!(problems[0].starts_with("currency.symbol: "), "{problems:?}");
    }
    scenario.currency = Currency {
        symbol: "$".to_owned(),
        ..euros(0.92)
    };
    assert_eq!(
        refused(&scenario),
        ["currency.symbol: a bare $ reads as US dollars; write CA$, A$ or the code"]
    );
    scenario.currency = Currency {
        code: "XYZ".to_owned(),
        ..euros(0.92)
    };
    assert_eq!(
        refused(&scenario),
        ["currency.symbol: € is the symbol of EUR; write the code or another symbol"]
    );
    // US dollars are US dollars.
    scenario.currency = Currency {
        per_usd: 2.0,
        ..Currency::usd()
    };
    assert_eq!(
        refused(&scenario),
        ["currency.per_usd: US dollars are shown at 1 per US dollar (it is 2)"]
    );
    // The command line says the same.
    assert_eq!(
        "USD=2".parse::<Currency>(),
        Err("USD: US dollars are shown at 1 per US dollar (it is 2)".to_owned())
    );
    assert_eq!(
        "krw=1400".parse::<Currency>().map(|c| c.symbol),
        Ok("KRW".to_owned())
    );
}

#[test]
fn a_file_gives_the_code_and_the_rate_and_may_leave_the_symbol_to_the_code() {
    let with = |currency: &str| {
        let text = file::to_ron(&preset("gpt4o-vs-dedicated-server")).expect("writes");
        let text = text.replacen("(\n", &format!("(\n    currency: {currency},\n"), 1);
        file::from_ron(&text, "edited.ron")
    };
    let read = with(r#"(code: "eur", per_usd: 0.92)"#).expect("reads");
    assert_eq!(read.currency, euros(0.92));
    for (currency, missing) in [
        (r#"(code: "EUR", symbol: "€")"#, "per_usd"),
        (r#"(symbol: "€", per_usd: 0.92)"#, "code"),
    ] {
        let error = with(currency).expect_err("refused").to_string();
        assert!(
            error.contains("edited.ron:2:") && error.contains(missing),
            "{error}"
        );
    }
}
