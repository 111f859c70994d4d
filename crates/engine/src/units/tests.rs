//! Formatting and parsing of volumes, dollars, shares and ranges as people read them.

use super::*;

#[test]
fn tokens_read_like_the_domain_brief() {
    assert_eq!(format_tokens(1.2e6), "1.20M");
    assert_eq!(format_tokens(157.142857e6), "157M");
    assert_eq!(format_tokens(3.0e9), "3.00B");
    assert_eq!(format_tokens(55e6), "55.0M");
    assert_eq!(format_tokens(250e3), "250k");
    assert_eq!(format_tokens(999.0), "999");
    assert_eq!(format_tokens(f64::INFINITY), "∞");
    assert_eq!(format_tokens(999_999_999.999_9), "1.00B");
    assert_eq!(format_tokens(999_499.0), "999k");
    assert_eq!(format_tokens(999.7), "1.00k");
}

#[test]
fn a_narrow_span_gets_the_digits_to_tell_its_ends_apart() {
    assert_eq!(
        format_token_span(16.62e9, 16.64e9),
        ("16.62B".to_owned(), "16.64B".to_owned())
    );
    assert_eq!(
        format_token_span(157e6, 300e6),
        ("157M".to_owned(), "300M".to_owned())
    );
    assert_eq!(
        format_token_span(274.1e9, 274.15e9),
        ("274.10B".to_owned(), "274.15B".to_owned())
    );
}

#[test]
fn plain_numbers_read_as_typed() {
    assert_eq!(format_plain(0.5), "0.5");
    assert_eq!(format_plain(150_000.0), "150,000");
    assert_eq!(format_plain(1.3), "1.3");
    assert_eq!(format_plain(3_600.4), "3,600");
    assert_eq!(format_plain_span(3_600.0, 5_040.0), "3,600 to 5,040");
    assert_eq!(format_plain_span(3_600.2, 3_600.4), "3600.2 to 3600.4");
    use crate::units::Unit;
    assert_eq!(format_input_span(1.3, 3.0, Unit::Dollars), "$1.30 to $3.00");
    assert_eq!(
        format_input_span(3_600.0, 5_040.0, Unit::Dollars),
        "$3,600 to $5,040"
    );
    assert_eq!(format_input_span(0.5, 0.8, Unit::Share), "50% to 80%");
    assert_eq!(
        format_input_span(250.0, 1_000.0, Unit::Dollars),
        "$250 to $1,000"
    );
    assert_eq!(
        format_input_span(800.0, 1_200.0, Unit::TokensPerSecond),
        "800 to 1,200 tok/s"
    );
}

#[test]
fn consecutive_boundaries_are_written_once_and_told_apart() {
    // The full-stack preset's ranges end at 4.67B, 4.73B, 5.49B, 6.307B and 6.314B.
    let ends = [4.6686e9, 4.7304e9, 5.4914e9, 6.3072e9, 6.3143e9];
    assert_eq!(
        format_token_boundaries(&ends),
        ["4.67B", "4.73B", "5.49B", "6.307B", "6.314B"]
    );
    assert!(format_token_boundaries(&[]).is_empty());
}

#[test]
fn money_has_cents_only_where_they_matter() {
    assert_eq!(format_usd(10.5), "$10.50");
    assert_eq!(format_usd(1750.0), "$1,750");
    assert_eq!(format_usd(1_234_567.0), "$1.23M");
    assert_eq!(format_usd(-200.0), "-$200.00");
    assert_eq!(format_usd(0.000255), "$0.0003");
    assert_eq!(format_usd(0.0), "$0.00");
}

#[test]
fn axis_money_is_short() {
    assert_eq!(format_usd_axis(1000.0), "$1k");
    assert_eq!(format_usd_axis(10_000.0), "$10k");
    assert_eq!(format_usd_axis(2_500_000.0), "$2.5M");
    assert_eq!(format_usd_axis(10.0), "$10");
    assert_eq!(format_usd_axis(0.1), "$0.1");
    assert_eq!(format_usd_axis(1.0), "$1");
    assert_eq!(format_usd_axis(0.01), "$0.01");
    assert_eq!(format_usd_axis(0.001), "$0.001");
    assert_eq!(format_usd_axis(0.05), "$0.05");
    assert_eq!(format_usd_axis(1e9), "$1B");
    assert_eq!(format_usd_axis(1e14), "$100T");
    assert_eq!(format_usd_axis(999_999.0), "$1M");
}

#[test]
fn axis_volumes_read_100k_1m_10m_1b() {
    let labels: Vec<String> = [1e5, 1e6, 2e6, 1e7, 1e8, 5e8, 1e9, 1e12, 500.0]
        .into_iter()
        .map(format_tokens_axis)
        .collect();
    assert_eq!(
        labels,
        ["100k", "1M", "2M", "10M", "100M", "500M", "1B", "1T", "500"]
    );
    // A tick computed as 10^6 by powf may land a hair below a million.
    assert_eq!(format_tokens_axis(10f64.powf(6.0) * (1.0 - 1e-15)), "1M");
}

#[test]
fn volumes_parse_with_suffixes_and_separators() {
    assert_eq!(parse_tokens("55M"), Ok(55e6));
    assert_eq!(parse_tokens("1.5B"), Ok(1.5e9));
    assert_eq!(parse_tokens("250k"), Ok(250e3));
    assert_eq!(parse_tokens(" 120,000,000 "), Ok(120e6));
    assert_eq!(parse_tokens("1e9"), Ok(1e9));
    assert_eq!(parse_tokens("2T"), Ok(2e12));
    assert!(parse_tokens("lots").is_err());
    assert!(parse_tokens("").is_err());
    assert!(parse_tokens("-5M").is_err());
    let message = parse_tokens("12X").unwrap_err().to_string();
    assert!(message.contains("\"12X\""), "{message}");
    // One number grammar: a comma groups thousands or is refused, never dropped.
    assert_eq!(parse_tokens("1,500M"), Ok(1.5e9));
    for text in ["1,5M", "0,5B", "1,5", "12,34k"] {
        let message = parse_tokens(text).unwrap_err().to_string();
        assert!(message.contains("point (1.5M)"), "{text}: {message}");
    }
    assert!(parse_tokens("NaN").is_err());
    // Below a token a month a volume is a fraction, never "0" beside a cost.
    assert_eq!(format_tokens(0.5), "0.50");
    assert_eq!(format_tokens(0.139), "0.14");
    assert_eq!(format_tokens(1e-200), "1.0e-200");
    assert_eq!(format_tokens(0.0), "0");
    assert!(parse_tokens("inf").is_err());
    assert_eq!(parse_tokens("150 000 tokens"), Ok(150_000.0));
}

#[test]
fn ratios_read_as_people_say_them() {
    assert_eq!(format_ratio(0.75), "3 : 1");
    assert_eq!(format_ratio(13.0 / 15.0), "13 : 2");
    assert_eq!(format_ratio(50.0 / 55.0), "10 : 1");
    assert_eq!(format_ratio(0.5), "1 : 1");
    assert_eq!(format_ratio(2.0 / 3.0), "2 : 1");
    assert_eq!(format_ratio(0.6667), "2 : 1");
    assert_eq!(format_ratio(0.7), "7 : 3");
    assert_eq!(format_ratio(0.71), "2.4 : 1");
}

#[test]
fn percentages_and_grouping() {
    assert_eq!(format_percent(0.6), "60%");
    assert_eq!(format_percent(0.0634), "6.3%");
    assert_eq!(group_thousands(1_234_567), "1,234,567");
    assert_eq!(group_thousands(999), "999");
    assert_eq!(format_months(18.44), "18.4 months");
}
