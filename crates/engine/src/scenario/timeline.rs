//! How volume moves over the months the timeline covers: a monthly growth from the
//! scenario's volume, or a list of monthly volumes (pasted, or read from a usage export).

use serde::{Deserialize, Serialize};

/// Months the timeline covers unless the scenario says otherwise: three years, the
/// write-off period of most hardware.
pub const DEFAULT_MONTHS: u32 = 36;

/// Largest file of monthly volumes read (120 months of a usage export fit many times).
pub const MAX_VOLUMES_FILE_BYTES: u64 = 1 << 20;

/// The months the timeline covers and how volume changes from one to the next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimelineSettings {
    /// Months covered, 1 to 120; ignored when `volumes` is given (its length counts).
    pub months: u32,
    /// Growth of volume per month as a share (0.15 is 15% a month; negative shrinks):
    /// month m has the scenario's volume × (1 + g)^(m − 1).
    pub growth_per_month: f64,
    /// Tokens per month for each month, month 1 first; when given, it replaces the
    /// scenario's volume and growth on the timeline.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<f64>,
}

impl Default for TimelineSettings {
    fn default() -> Self {
        Self {
            months: DEFAULT_MONTHS,
            growth_per_month: 0.0,
            volumes: Vec::new(),
        }
    }
}

impl TimelineSettings {
    /// Whether these are the defaults (a file without a timeline section).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Months covered.
    pub fn month_count(&self) -> u32 {
        if self.volumes.is_empty() {
            self.months
        } else {
            u32::try_from(self.volumes.len()).unwrap_or(u32::MAX)
        }
    }

    /// Tokens per month in each month, month 1 first, starting from `first` (the
    /// scenario's volume) unless a list of volumes is given.
    pub fn volumes_from(&self, first: f64) -> Vec<f64> {
        if !self.volumes.is_empty() {
            return self.volumes.clone();
        }
        let factor = 1.0 + self.growth_per_month;
        (0..self.months)
            .scan(first, |volume, _| {
                let this = *volume;
                *volume *= factor;
                Some(this)
            })
            .collect()
    }
}

/// Monthly volumes read from text: one per line or separated by commas, semicolons or
/// tabs, each in the volume syntax ("50M", "1.2B", "250000"). A line of a usage export
/// (`2026-01,52000000`) counts its last field; a header line without a number is skipped;
/// a single line lists the months across ("50M, 60M, 70M").
///
/// # Errors
/// The first field that is neither a volume nor a header, with its line (1-based).
pub fn parse_volumes(text: &str) -> Result<Vec<f64>, VolumesParseError> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .map(str::trim)
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .collect();
    // One line pasted ("50M, 60M, 70M") lists the months across; otherwise each line is
    // a month, its volume in the last field.
    let across = lines.len() == 1;
    let mut volumes = Vec::new();
    for (index, line) in lines {
        let fields = fields_of(line);
        if across && fields.len() > 1 && comma_between_digits(line) {
            // "1,5M" or "50,60": a decimal comma, a thousands group gone wrong, or two
            // months? The one number grammar refuses to guess.
            return Err(VolumesParseError {
                line: index + 1,
                message: format!(
                    "\"{line}\" is not a list of volumes: a comma only groups thousands \
                     (1,500M); write a decimal with a point (1.5M), and separate months with \
                     a comma and a space, a semicolon or a new line"
                ),
            });
        }
        let last = last_value(&fields);
        let chosen: Vec<&str> = if across { fields } else { vec![last.as_str()] };
        for field in chosen {
            match crate::units::parse_tokens(field) {
                Ok(volume) => volumes.push(volume),
                // A header ("month,tokens") before the first volume is skipped.
                Err(_) if volumes.is_empty() && !field.chars().any(|c| c.is_ascii_digit()) => {}
                Err(error) => {
                    return Err(VolumesParseError {
                        line: index + 1,
                        message: format!("\"{field}\" is not a volume: {error}"),
                    });
                }
            }
        }
    }
    if volumes.is_empty() {
        return Err(VolumesParseError {
            line: 1,
            message: "no monthly volumes found (one per line, e.g. 50M)".to_owned(),
        });
    }
    Ok(volumes)
}

/// The fields of one line: split at commas, semicolons and tabs, unless the line is one
/// volume in the one number grammar ("120,000,000", "1,500M").
fn fields_of(line: &str) -> Vec<&str> {
    if is_grouped_number(line) || crate::units::parse_tokens(line).is_ok() {
        vec![line]
    } else {
        line.split([',', ';', '\t']).map(str::trim).collect()
    }
}

/// A usage export's tokens: the last field, joined with the fields before it that make
/// it one number written with thousands separators ("2026-01,1,500,000" is 1,500,000,
/// not 000).
fn last_value(fields: &[&str]) -> String {
    let digits = |field: &str| !field.is_empty() && field.bytes().all(|b| b.is_ascii_digit());
    let Some(mut start) = fields.len().checked_sub(1) else {
        return String::new();
    };
    while start > 0
        && fields[start].len() == 3
        && digits(fields[start])
        && digits(fields[start - 1])
        && fields[start - 1].len() <= 3
    {
        start -= 1;
    }
    fields[start..].join(",")
}

/// Whether a comma stands between two digits ("1,5", "50,60").
fn comma_between_digits(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b',' && w[2].is_ascii_digit())
}

/// "120,000,000": one number written with thousands separators, not three fields.
fn is_grouped_number(line: &str) -> bool {
    let mut parts = line.split(',');
    let first = parts.next().unwrap_or_default();
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && digits(first)
        && rest.iter().all(|part| part.len() == 3 && digits(part))
}

/// A monthly-volume list that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct VolumesParseError {
    /// Line of the text, 1-based.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_compounds_from_the_first_month() {
        let settings = TimelineSettings {
            months: 3,
            growth_per_month: 0.5,
            volumes: Vec::new(),
        };
        assert_eq!(settings.volumes_from(100.0), vec![100.0, 150.0, 225.0]);
        assert_eq!(settings.month_count(), 3);
    }

    #[test]
    fn a_list_replaces_volume_and_growth() {
        let settings = TimelineSettings {
            months: 36,
            growth_per_month: 0.5,
            volumes: vec![1.0, 2.0],
        };
        assert_eq!(settings.volumes_from(100.0), vec![1.0, 2.0]);
        assert_eq!(settings.month_count(), 2);
    }

    #[test]
    fn volumes_read_from_a_usage_export() {
        let text = "month,tokens\n2026-01,50M\n2026-02, 55000000\n\n2026-03,1.2B\n";
        assert_eq!(parse_volumes(text), Ok(vec![50e6, 55e6, 1.2e9]));
        assert_eq!(parse_volumes("50M\n60M"), Ok(vec![50e6, 60e6]));
        assert_eq!(parse_volumes("50M, 60M"), Ok(vec![50e6, 60e6]));
        assert_eq!(parse_volumes("120,000,000\n1,500"), Ok(vec![120e6, 1500.0]));
        assert_eq!(
            parse_volumes("a,b\n1,50000000\n2,55000000"),
            Ok(vec![50e6, 55e6])
        );
        // One number grammar: a line that is one volume is read whole, a usage export's
        // tokens with thousands separators are joined, and a comma that is neither a
        // thousands separator nor a separator between months is refused.
        assert_eq!(parse_volumes("1,500M\n2,000M"), Ok(vec![1.5e9, 2e9]));
        assert_eq!(parse_volumes("1,500M"), Ok(vec![1.5e9]));
        assert_eq!(
            parse_volumes("month,tokens\n2025-01,1,500,000\n2025-02,2,000,000"),
            Ok(vec![1.5e6, 2e6])
        );
        let refused = parse_volumes("1,5M").expect_err("a decimal comma");
        assert!(refused.message.contains("point (1.5M)"), "{refused}");
        assert!(parse_volumes("50,60").is_err());
    }

    #[test]
    fn a_bad_volume_names_its_line() {
        let error = parse_volumes("50M\n60 apples\n").expect_err("refused");
        assert_eq!(error.line, 2);
        assert!(error.message.contains("60 apples"), "{error}");
        assert!(parse_volumes("").is_err());
        assert!(parse_volumes("tokens\n").is_err());
    }
}
