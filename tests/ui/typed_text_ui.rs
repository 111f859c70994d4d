//! Text typed into a number field that is not a number is said under the field, with the
//! value kept, until the field is next changed: never silently dropped or half-read.

use eframe::egui::{self, Key};
use egui_kittest::kittest::Queryable;

use crate::common;
use common::{app_on, settle};

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

#[test]
fn a_typed_rent_that_is_no_number_is_said_and_the_rent_kept() {
    let mut harness = app_on("70b-full-stack-2xa100", SIZE);
    let rent = |harness: &egui_kittest::Harness<'_, llm_cost_explorer::app::CostExplorerApp>| {
        match harness.state().scenario().deployments[0].compute {
            llm_cost_explorer::scenario::Compute::RentedMonthly { usd_per_month } => usd_per_month,
            _ => panic!("the preset rents by the month"),
        }
    };
    let type_rent = |harness: &mut egui_kittest::Harness<'_, _>, text: &str| {
        harness.get_by_label("Rent").scroll_to_me();
        harness.run_steps(2);
        harness.get_by_label("Rent").focus();
        harness.run_steps(1);
        harness.get_by_label("Rent").type_text(text);
        harness.key_press(Key::Enter);
        settle(harness);
    };
    type_rent(&mut harness, "12x");
    assert_eq!(rent(&harness), 3600.0, "the rent is kept, not read as $12");
    harness.get_by_label_contains(
        "\u{201c}12x\u{201d} is not an amount of dollars; the value was kept",
    );

    type_rent(&mut harness, "$4,000");
    assert_eq!(rent(&harness), 4000.0);
    assert!(
        harness
            .query_by_label_contains("is not an amount of dollars")
            .is_none(),
        "the message goes once the field is changed"
    );
}
