//! The currency results are shown in: a code, a symbol and an exchange rate.
//!
//! Every price a scenario holds is in US dollars, as providers and vendors publish them, and
//! the engine computes in US dollars; only what is shown (verdict, chart ticks, hover,
//! tables, captions, the text report and the CSV) is converted, at the scenario's rate. The
//! JSON keeps its `_usd` numbers and says which currency its words use.

use serde::{Deserialize, Serialize};

/// Units of a currency one US dollar buys, from 0.01 (a currency worth a hundred dollars,
/// beyond the strongest traded today) to 10⁶ (beyond the weakest).
pub const RATE_LIMITS: (f64, f64) = (0.01, 1e6);

/// Amounts shown as `symbol` + the dollar amount × `per_usd`.
///
/// In a file the code and the rate are required (a rate left out would show dollar
/// amounts as euros); the symbol may be left out for a code of [`COMMON_CURRENCIES`],
/// whose symbol it then takes, and the code is read in capitals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "CurrencyFields")]
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

/// A currency as a file writes it.
#[derive(Deserialize)]
#[serde(rename = "Currency", deny_unknown_fields)]
struct CurrencyFields {
    code: String,
    /// Left out (or empty): the code's own symbol.
    #[serde(default)]
    symbol: String,
    per_usd: f64,
}

impl From<CurrencyFields> for Currency {
    fn from(fields: CurrencyFields) -> Self {
        let code = fields.code.to_ascii_uppercase();
        let symbol = if fields.symbol.is_empty() {
            symbol_for(&code)
        } else {
            fields.symbol
        };
        Self {
            code,
            symbol,
            per_usd: fields.per_usd,
        }
    }
}

/// The symbol of `code` in [`COMMON_CURRENCIES`], or the code itself.
pub fn symbol_for(code: &str) -> String {
    COMMON_CURRENCIES
        .iter()
        .find(|(known, _, _)| *known == code)
        .map_or_else(|| code.to_owned(), |(_, symbol, _)| (*symbol).to_owned())
}

/// Why `currency` cannot be shown, field by field: a three-letter code, a symbol that
/// cannot be read as part of the number (no digits, signs or inner spaces; a bare "$" or
/// another listed currency's symbol would name the wrong money), a rate within `limits`,
/// and US dollars at exactly 1.
pub fn currency_problems(currency: &Currency, limits: (f64, f64)) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    let code = &currency.code;
    let code_ok = code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase());
    if !code_ok {
        problems.push((
            "currency.code",
            format!("must be a three-letter code such as EUR or GBP (it is \"{code}\")"),
        ));
    }
    let symbol = &currency.symbol;
    let owner = COMMON_CURRENCIES
        .iter()
        .find(|(_, known, _)| known == symbol)
        .map(|(owner, _, _)| *owner);
    if symbol.is_empty() || symbol.chars().count() > 6 {
        problems.push((
            "currency.symbol",
            "must be 1 to 6 characters, such as €, £ or CHF".to_owned(),
        ));
    } else if symbol
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c.is_ascii_digit() || "+-.,()%".contains(c))
    {
        problems.push((
            "currency.symbol",
            format!(
                "\"{symbol}\" would be read as part of the number: no digits, signs, points or \
                 spaces"
            ),
        ));
    } else if let Some(owner) = owner.filter(|owner| code_ok && owner != code) {
        let hint = if owner == "USD" {
            "a bare $ reads as US dollars; write CA$, A$ or the code".to_owned()
        } else {
            format!("{symbol} is the symbol of {owner}; write the code or another symbol")
        };
        problems.push(("currency.symbol", hint));
    }
    let (min, max) = limits;
    if !currency.per_usd.is_finite() || currency.per_usd < min || currency.per_usd > max {
        problems.push((
            "currency.per_usd",
            format!(
                "must be between {} and {} units of the currency per US dollar (it is {})",
                rate_text(min),
                rate_text(max),
                typed_rate(currency.per_usd)
            ),
        ));
    } else if code == "USD" && currency.per_usd != 1.0 {
        problems.push((
            "currency.per_usd",
            format!(
                "US dollars are shown at 1 per US dollar (it is {})",
                rate_text(currency.per_usd)
            ),
        ));
    }
    problems
}

/// Currencies offered in the app's list: code, symbol and name. The rate is always the
/// user's to type (exchange rates change daily and this program has no feed of them).
pub const COMMON_CURRENCIES: [(&str, &str, &str); 13] = [
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
    // The bundled font has no ₩: the code is the symbol.
    ("KRW", "KRW", "South Korean won"),
    ("BRL", "R$", "Brazilian real"),
    ("MXN", "MX$", "Mexican peso"),
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

    /// "Amounts in EUR (€) at 0.92 per US dollar; prices in US dollars": what every export
    /// states when the currency is not US dollars.
    pub fn statement(&self) -> Option<String> {
        (!self.is_usd()).then(|| {
            format!(
                "Amounts in {} ({}) at {} per US dollar; prices in US dollars",
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
        let per_usd: f64 = rate
            .trim()
            .parse()
            .map_err(|_| format!("\"{}\" is not a rate, e.g. 0.92", rate.trim()))?;
        let currency = Self {
            symbol: symbol_for(&code),
            code,
            per_usd,
        };
        match currency_problems(&currency, RATE_LIMITS).first() {
            Some((_, problem)) => Err(format!("{}: {problem}", currency.code)),
            None => Ok(currency),
        }
    }
}

/// A rate as it was given, in a message that says it is out of range: "1e300", "1e-300",
/// "not a number", never 300 digits or a "0" for a rate that is not zero.
fn typed_rate(rate: f64) -> String {
    if rate.is_nan() {
        "not a number".to_owned()
    } else if rate != 0.0 && rate.is_finite() && !(1e-4..1e7).contains(&rate.abs()) {
        format!("{rate:e}")
    } else {
        rate_text(rate)
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
