//! The currency results are shown in: a code, a symbol and an exchange rate.
//!
//! Every price a scenario holds is in US dollars, as providers and vendors publish them, and
//! the engine computes in US dollars; only what is shown (verdict, chart ticks, hover,
//! tables, captions, the text report and the CSV) is converted, at the scenario's rate. The
//! JSON keeps its `_usd` numbers and says which currency its words use.

use serde::{Deserialize, Serialize};

/// Amounts shown as `symbol` + the dollar amount × `per_usd`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Currency {
    /// The ISO 4217 code, as a slide's footnote names it: "USD", "EUR", "GBP".
    pub code: String,
    /// What amounts are written with: "$", "€", "£", "CHF".
    pub symbol: String,
    /// How many units of this currency one US dollar buys (0.92 for euros at 0.92 € per $).
    pub per_usd: f64,
}

impl Default for Currency {
    fn default() -> Self {
        Self::usd()
    }
}

/// Currencies offered in the app's list: code, symbol and name. The rate is always the
/// user's to type (exchange rates change daily and this program has no feed of them).
pub const COMMON_CURRENCIES: [(&str, &str, &str); 10] = [
    ("USD", "$", "US dollar"),
    ("EUR", "€", "Euro"),
    ("GBP", "£", "Pound sterling"),
    ("JPY", "¥", "Japanese yen"),
    ("CHF", "CHF", "Swiss franc"),
    ("CAD", "CA$", "Canadian dollar"),
    ("AUD", "A$", "Australian dollar"),
    ("INR", "₹", "Indian rupee"),
    ("CNY", "CN¥", "Chinese yuan"),
    ("SEK", "kr", "Swedish krona"),
];

impl Currency {
    /// US dollars, the currency prices are entered in.
    pub fn usd() -> Self {
        Self {
            code: "USD".to_owned(),
            symbol: "$".to_owned(),
            per_usd: 1.0,
        }
    }

    /// True for US dollars at 1: nothing is converted and nothing needs saying.
    pub fn is_usd(&self) -> bool {
        *self == Self::usd()
    }

    /// An amount in US dollars in this currency, as a number.
    pub fn convert(&self, usd: f64) -> f64 {
        usd * self.per_usd
    }

    /// An amount the way a finance slide writes it: `€10.50`, `€1,750`, `€1.23M`.
    pub fn format(&self, usd: f64) -> String {
        super::money(self.convert(usd), self.prefix())
    }

    /// An amount for a chart axis: `€0.5`, `€10`, `€1k`, `€1.5M`.
    pub fn format_axis(&self, usd: f64) -> String {
        super::money_axis(self.convert(usd), self.prefix())
    }

    /// A price per 1M tokens, with the digits it has: `€2.30`, `€0.069`.
    pub fn format_price(&self, usd: f64) -> String {
        super::price(self.convert(usd), self.prefix())
    }

    /// "€/1M", "£/month": the symbol for unit labels.
    pub fn symbol(&self) -> &str {
        &self.symbol
    }

    /// What goes before an amount: the symbol, with a space after a symbol of letters
    /// ("CHF 1,750", "kr 200.00") so that it does not run into the digits.
    fn prefix(&self) -> String {
        let letters = self.symbol.chars().count() > 1
            && self.symbol.chars().last().is_some_and(char::is_alphabetic);
        if letters {
            format!("{} ", self.symbol)
        } else {
            self.symbol.clone()
        }
    }

    /// "Amounts in EUR (€) at 0.92 per US dollar; prices are entered in US dollars": what
    /// every export states when the currency is not US dollars.
    pub fn statement(&self) -> Option<String> {
        (!self.is_usd()).then(|| {
            format!(
                "Amounts in {} ({}) at {} per US dollar; prices are entered in US dollars",
                self.code,
                self.symbol,
                rate_text(self.per_usd)
            )
        })
    }
}

impl std::str::FromStr for Currency {
    type Err = String;

    /// "EUR=0.92": a three-letter code and how many units one US dollar buys, as the
    /// command line's `--currency` takes it. The symbol comes from the code (€ for EUR; the
    /// code itself for one not in [`COMMON_CURRENCIES`]).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let Some((code, rate)) = text.split_once('=') else {
            return Err(format!(
                "\"{text}\" is not CODE=RATE, e.g. EUR=0.92 (euros at 0.92 per US dollar)"
            ));
        };
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(format!(
                "\"{code}\" is not a three-letter currency code such as EUR or GBP"
            ));
        }
        let per_usd: f64 = rate
            .trim()
            .parse()
            .map_err(|_| format!("\"{}\" is not a rate, e.g. 0.92", rate.trim()))?;
        if !(1e-6..=1e6).contains(&per_usd) {
            return Err(format!(
                "a rate of {} {code} per US dollar is outside 0.000001 to 1000000",
                rate.trim()
            ));
        }
        let symbol = COMMON_CURRENCIES
            .iter()
            .find(|(known, _, _)| *known == code)
            .map_or_else(|| code.clone(), |(_, symbol, _)| (*symbol).to_owned());
        Ok(Self {
            code,
            symbol,
            per_usd,
        })
    }
}

/// A rate with the digits it was typed with, up to six significant ones: 0.92, 156.3,
/// 0.000061.
pub fn rate_text(rate: f64) -> String {
    if !rate.is_finite() {
        return "n/a".to_owned();
    }
    let decimals = if rate == 0.0 {
        0
    } else {
        (5 - rate.abs().log10().floor() as i32).clamp(0, 12) as usize
    };
    let text = format!("{rate:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}
