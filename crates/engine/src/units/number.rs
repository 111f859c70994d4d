//! The one grammar for numbers a person types, in the app's fields, on the command line
//! and in the price catalogue: `1500`, `1,500`, `1 500`, `1_500.25`, `-0.5`, `2e9`.
//!
//! A comma only ever groups thousands, so it must be followed by exactly three digits:
//! `1,5` is refused with a hint rather than read as 15 (or as 1.5 in some locales and 15
//! in others, which is worse). Spaces, no-break spaces and underscores group digits
//! freely. `NaN`, `inf` and other words Rust's float parser accepts are not numbers here.

/// Why typed text is not a number; the reason is written to be shown as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// Nothing was typed.
    #[error("it is empty")]
    Empty,
    /// A comma not followed by exactly three digits (`1,5`, `0,25`).
    #[error("a comma only groups thousands (1,500,000); write a decimal with a point (1.5)")]
    Comma,
    /// Anything else: letters, two points, a sign in the middle.
    #[error("it is not a number")]
    NotANumber,
}

/// Reads `text` as a number under the one grammar; see the module's documentation.
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    let chars: Vec<char> = trimmed.chars().collect();
    let mut kept = String::with_capacity(chars.len());
    let mut seen_point_or_exponent = false;
    for (index, &c) in chars.iter().enumerate() {
        match c {
            '0'..='9' | '+' | '-' => kept.push(c),
            '.' | 'e' | 'E' => {
                seen_point_or_exponent = true;
                kept.push(c);
            }
            ',' => {
                // Exactly three digits, then no further digit, and only in the whole part.
                let after = &chars[index + 1..];
                let three = after.len() >= 3 && after[..3].iter().all(char::is_ascii_digit);
                let then_stops = after.get(3).is_none_or(|next| !next.is_ascii_digit());
                let before_digit = index > 0 && chars[index - 1].is_ascii_digit();
                if !(three && then_stops && before_digit) || seen_point_or_exponent {
                    return Err(NumberError::Comma);
                }
            }
            '_' | ' ' | '\u{a0}' | '\u{202f}' => {}
            _ => return Err(NumberError::NotANumber),
        }
    }
    if !kept.chars().any(|c| c.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    let value: f64 = kept.parse().map_err(|_| NumberError::NotANumber)?;
    if value.is_finite() {
        Ok(value)
    } else {
        // "1e999": a number, but none this tool can hold.
        Err(NumberError::NotANumber)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_is_read_and_decimals_take_a_point() {
        assert_eq!(parse_number("1,500"), Ok(1500.0));
        assert_eq!(parse_number("120,000,000"), Ok(120e6));
        assert_eq!(parse_number("1,500.25"), Ok(1500.25));
        assert_eq!(parse_number("150 000"), Ok(150_000.0));
        assert_eq!(parse_number("1_000"), Ok(1000.0));
        assert_eq!(parse_number(" -0.5 "), Ok(-0.5));
        assert_eq!(parse_number("2e9"), Ok(2e9));
        assert_eq!(parse_number("1.5"), Ok(1.5));
    }

    #[test]
    fn a_comma_that_is_not_a_thousands_separator_is_refused_with_a_hint() {
        for text in [
            "1,5", "0,5", "1,50", "1,5000", ",500", "1.5,000", "1,500,00",
        ] {
            assert_eq!(parse_number(text), Err(NumberError::Comma), "{text}");
        }
        assert!(NumberError::Comma.to_string().contains("point"));
    }

    #[test]
    fn words_the_float_parser_accepts_are_not_numbers() {
        for text in ["NaN", "nan", "inf", "-infinity", "1e999", "12x", "$5", "."] {
            assert!(parse_number(text).is_err(), "{text}");
        }
        assert_eq!(parse_number("  "), Err(NumberError::Empty));
    }
}
