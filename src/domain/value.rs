//! Typed answers: reading what the user typed, and judging it against the item's rule.

use super::checklist::AnswerKind;
use super::date::{DATE_HINT, Date};

/// How a recorded value measures up to the item's rule.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueCheck {
    /// The item asks for no value.
    NotAsked,
    /// The item asks for a value and none is recorded.
    Missing,
    Meets,
    /// Recorded, but does not meet the rule; the reason is for the user.
    Falls(String),
}

/// Reads a value typed for an item, returning it in canonical form or a message saying what
/// was expected. Values that parse but miss a threshold are accepted (and shown as not
/// meeting it), because an honest 80% is worth recording.
pub fn parse_value(kind: &AnswerKind, input: &str, today: Date) -> Result<String, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err("the value is empty".to_owned());
    }
    match kind {
        AnswerKind::Status => Err("this item takes no value, only a status".to_owned()),
        AnswerKind::Text { label } => Ok(match known_shape(label) {
            // A number that has the shape is kept in its usual form (no spaces, capitals);
            // anything else is kept as typed, and judged below.
            Some(shape) if (shape.fits)(&shape.normalise(input)) => shape.normalise(input),
            _ => input.to_owned(),
        }),
        AnswerKind::WholeNumber { min, max, .. } => {
            let n: i64 = input
                .replace(',', "")
                .parse()
                .map_err(|_| format!("`{input}` is not a whole number"))?;
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                return Err(format!(
                    "{n} is outside the allowed range{}",
                    range_text(*min, *max)
                ));
            }
            Ok(n.to_string())
        }
        AnswerKind::Percentage { .. } => {
            let number = input.trim_end_matches('%').trim();
            let p: f64 = number
                .parse()
                .map_err(|_| format!("`{input}` is not a percentage (a number from 0 to 100)"))?;
            if !(0.0..=100.0).contains(&p) {
                return Err(format!("{input} is not between 0 and 100"));
            }
            Ok(format_number(p))
        }
        AnswerKind::Date { .. } => {
            let date = Date::parse_input(input).ok_or_else(|| {
                format!("`{input}` is not a date; write it as {DATE_HINT}, e.g. 15/09/2025")
            })?;
            if date > today {
                return Err(format!("{} is in the future", date.uk()));
            }
            Ok(date.to_string())
        }
    }
}

/// Judges a recorded value against the item's rule on `today`.
pub fn check_value(kind: &AnswerKind, value: Option<&str>, today: Date) -> ValueCheck {
    if matches!(kind, AnswerKind::Status) {
        return ValueCheck::NotAsked;
    }
    let Some(value) = value else {
        return ValueCheck::Missing;
    };
    match kind {
        AnswerKind::Percentage { threshold, .. } => match value.parse::<f64>() {
            Ok(p) if p >= *threshold => ValueCheck::Meets,
            Ok(p) => ValueCheck::Falls(format!(
                "{}% is below the {}% required",
                format_number(p),
                format_number(*threshold)
            )),
            Err(_) => ValueCheck::Falls(format!("`{value}` is not a percentage")),
        },
        AnswerKind::Date { max_age_months, .. } => match Date::parse(value) {
            Some(date) => match max_age_months {
                Some(months) if date.add_months(*months) < today => {
                    ValueCheck::Falls(format!("{} is more than {months} months ago", date.uk()))
                }
                _ => ValueCheck::Meets,
            },
            None => ValueCheck::Falls(format!("`{value}` is not a date")),
        },
        AnswerKind::WholeNumber { min, max, .. } => match value.parse::<i64>() {
            Ok(n) if min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m) => ValueCheck::Meets,
            _ => ValueCheck::Falls(format!(
                "`{value}` is outside the allowed range{}",
                range_text(*min, *max)
            )),
        },
        AnswerKind::Text { label } => match known_shape(label) {
            Some(shape) if !(shape.fits)(&shape.normalise(value)) => ValueCheck::Falls(format!(
                "`{value}` does not look like {} ({})",
                shape.what, shape.form
            )),
            _ => ValueCheck::Meets,
        },
        AnswerKind::Status => ValueCheck::Meets,
    }
}

/// The shape a kind of text answer must have, where it is known.
///
/// The checklist format has no pattern field for text answers yet, so the shapes carecheck
/// knows are recognised by the answer's label. (The register's own format is the authority:
/// ICO registration numbers are a Z followed by seven letters or digits, e.g. ZA123456.)
pub struct TextShape {
    /// What the value is, mid-sentence ("an ICO registration number").
    pub what: &'static str,
    /// How it is written, for the user.
    pub form: &'static str,
    pub fits: fn(&str) -> bool,
}

impl TextShape {
    /// The value as the register writes it: no spaces, capital letters.
    fn normalise(&self, value: &str) -> String {
        value
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect()
    }
}

/// The shape of the text answer labelled `label`, when carecheck knows one.
pub fn known_shape(label: &str) -> Option<TextShape> {
    super::identifiers::Identifier::asked_by(label)
        .is_some()
        .then_some(TextShape {
            what: super::identifiers::Identifier::Ico.what(),
            form: super::identifiers::Identifier::Ico.form(),
            fits: super::identifiers::ico_fits,
        })
}

fn range_text(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) => format!(" ({lo} to {hi})"),
        (Some(lo), None) => format!(" (at least {lo})"),
        (None, Some(hi)) => format!(" (at most {hi})"),
        (None, None) => String::new(),
    }
}

/// 95 rather than 95.0; 97.5 stays 97.5.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-11-28").expect("valid")
    }

    fn percentage() -> AnswerKind {
        AnswerKind::Percentage {
            label: "Trained".into(),
            threshold: 95.0,
        }
    }

    #[test]
    fn percentages_accept_a_sign_and_judge_the_threshold() {
        assert_eq!(
            parse_value(&percentage(), " 96% ", today()),
            Ok("96".into())
        );
        assert_eq!(
            parse_value(&percentage(), "97.5", today()),
            Ok("97.5".into())
        );
        assert!(parse_value(&percentage(), "101", today()).is_err());
        assert!(parse_value(&percentage(), "most", today()).is_err());
        assert_eq!(
            check_value(&percentage(), Some("95"), today()),
            ValueCheck::Meets
        );
        assert_eq!(
            check_value(&percentage(), Some("80"), today()),
            ValueCheck::Falls("80% is below the 95% required".into())
        );
        assert_eq!(
            check_value(&percentage(), None, today()),
            ValueCheck::Missing
        );
    }

    #[test]
    fn each_threshold_is_met_at_its_value_and_not_a_hair_below() {
        let with = |threshold: f64| AnswerKind::Percentage {
            label: "Trained".into(),
            threshold,
        };
        for (threshold, at, under, over) in [
            (100.0, "100", "99.99", None),
            (95.0, "95", "94.6", Some("95.4")),
            (80.0, "80", "79.9", Some("96")),
            (97.5, "97.5", "97.4", Some("97.6")),
        ] {
            let kind = with(threshold);
            assert_eq!(
                check_value(&kind, Some(at), today()),
                ValueCheck::Meets,
                "{at} for {threshold}"
            );
            assert!(
                matches!(
                    check_value(&kind, Some(under), today()),
                    ValueCheck::Falls(_)
                ),
                "{under} must fall short of {threshold}"
            );
            if let Some(over) = over {
                assert_eq!(
                    check_value(&kind, Some(over), today()),
                    ValueCheck::Meets,
                    "{over} for {threshold}"
                );
            }
        }
        assert_eq!(
            check_value(&with(100.0), Some("96"), today()),
            ValueCheck::Falls("96% is below the 100% required".into())
        );
        assert_eq!(
            check_value(&with(95.0), Some("94.6"), today()),
            ValueCheck::Falls("94.6% is below the 95% required".into())
        );
    }

    #[test]
    fn dates_must_be_past_and_recent_enough() {
        let kind = AnswerKind::Date {
            label: "Last restore".into(),
            max_age_months: Some(12),
        };
        assert!(parse_value(&kind, "2026-12-01", today()).is_err());
        // Typed the UK way, stored the ISO way.
        assert_eq!(
            parse_value(&kind, "28/11/2026", today()).as_deref(),
            Ok("2026-11-28")
        );
        assert_eq!(
            parse_value(&kind, "1 Dec 2026", today()),
            Err("01/12/2026 is in the future".to_owned())
        );
        let refused = parse_value(&kind, "28/11/26", today()).expect_err("a two-digit year");
        assert!(refused.contains("DD/MM/YYYY"), "{refused}");
        assert_eq!(
            check_value(&kind, Some("2025-11-28"), today()),
            ValueCheck::Meets
        );
        assert!(matches!(
            check_value(&kind, Some("2025-11-27"), today()),
            ValueCheck::Falls(_)
        ));
    }

    #[test]
    fn an_ico_registration_number_is_checked_for_its_shape() {
        let kind = AnswerKind::Text {
            label: "ICO registration number".into(),
        };
        assert_eq!(
            parse_value(&kind, " za 123456 ", today()).as_deref(),
            Ok("ZA123456"),
            "kept in the register's form"
        );
        assert_eq!(
            check_value(&kind, Some("ZA123456"), today()),
            ValueCheck::Meets
        );
        assert_eq!(
            check_value(&kind, Some("Z1234567"), today()),
            ValueCheck::Meets
        );
        for wrong in ["12345", "ZA12345", "ZA1234567", "AB123456", "ZA12-456"] {
            assert_eq!(
                parse_value(&kind, wrong, today()).as_deref(),
                Ok(wrong),
                "kept as typed"
            );
            assert!(
                matches!(check_value(&kind, Some(wrong), today()), ValueCheck::Falls(ref why) if why.contains("ZA123456")),
                "{wrong}"
            );
        }
        let other = AnswerKind::Text {
            label: "Name of the data security lead".into(),
        };
        assert_eq!(
            check_value(&other, Some("12345"), today()),
            ValueCheck::Meets
        );
    }

    #[test]
    fn whole_numbers_respect_bounds() {
        let kind = AnswerKind::WholeNumber {
            label: "Staff".into(),
            min: Some(1),
            max: Some(10_000),
        };
        assert_eq!(parse_value(&kind, "1,200", today()), Ok("1200".into()));
        assert!(parse_value(&kind, "0", today()).is_err());
        assert!(parse_value(&kind, "1.5", today()).is_err());
    }

    #[test]
    fn whole_numbers_are_allowed_at_each_bound_and_refused_one_past_it() {
        let kind = AnswerKind::WholeNumber {
            label: "Staff".into(),
            min: Some(1),
            max: Some(10_000),
        };
        assert_eq!(parse_value(&kind, "1", today()), Ok("1".into()));
        assert_eq!(parse_value(&kind, "10,000", today()), Ok("10000".into()));
        assert_eq!(
            parse_value(&kind, "10001", today()),
            Err("10001 is outside the allowed range (1 to 10000)".into())
        );
        assert_eq!(
            parse_value(&kind, "0", today()),
            Err("0 is outside the allowed range (1 to 10000)".into())
        );
        assert_eq!(check_value(&kind, Some("1"), today()), ValueCheck::Meets);
        assert_eq!(
            check_value(&kind, Some("10000"), today()),
            ValueCheck::Meets
        );
        assert_eq!(
            check_value(&kind, Some("0"), today()),
            ValueCheck::Falls("`0` is outside the allowed range (1 to 10000)".into())
        );
        assert_eq!(
            check_value(&kind, Some("10001"), today()),
            ValueCheck::Falls("`10001` is outside the allowed range (1 to 10000)".into())
        );
        let at_least = AnswerKind::WholeNumber {
            label: "Devices".into(),
            min: Some(0),
            max: None,
        };
        assert_eq!(
            parse_value(&at_least, "-1", today()),
            Err("-1 is outside the allowed range (at least 0)".into())
        );
        assert_eq!(
            check_value(&at_least, Some("5000000"), today()),
            ValueCheck::Meets
        );
        let at_most = AnswerKind::WholeNumber {
            label: "Days".into(),
            min: None,
            max: Some(31),
        };
        assert_eq!(
            parse_value(&at_most, "32", today()),
            Err("32 is outside the allowed range (at most 31)".into())
        );
        assert_eq!(
            check_value(&at_most, Some("32"), today()),
            ValueCheck::Falls("`32` is outside the allowed range (at most 31)".into())
        );
        let any = AnswerKind::WholeNumber {
            label: "Count".into(),
            min: None,
            max: None,
        };
        assert_eq!(
            check_value(&any, Some("many"), today()),
            ValueCheck::Falls("`many` is outside the allowed range".into())
        );
    }

    #[test]
    fn a_text_answer_that_misses_its_shape_is_kept_exactly_as_typed() {
        // Only a value that fits is rewritten into the register's form; a wrong one is kept
        // as the user wrote it (lower case, spaces), so they can see and correct it.
        let kind = AnswerKind::Text {
            label: "ICO registration number".into(),
        };
        assert_eq!(
            parse_value(&kind, "za 12 3", today()).as_deref(),
            Ok("za 12 3")
        );
        assert_eq!(
            check_value(&kind, Some("za 12 3"), today()),
            ValueCheck::Falls(
                "`za 12 3` does not look like an ICO registration number (Z followed by seven letters or digits, e.g. ZA123456)".into()
            )
        );
    }

    #[test]
    fn numbers_are_shown_in_their_shortest_form() {
        assert_eq!(format_number(96.0), "96");
        assert_eq!(format_number(97.5), "97.5");
        assert_eq!(format_number(0.0), "0");
        // Past 2^53 `{:.0}` would print the float's exact binary digits.
        assert_eq!(
            format_number(1.234_567_890_123_456_8e20),
            "123456789012345680000"
        );
    }

    #[test]
    fn status_items_take_no_value() {
        assert!(parse_value(&AnswerKind::Status, "x", today()).is_err());
        assert_eq!(
            check_value(&AnswerKind::Status, None, today()),
            ValueCheck::NotAsked
        );
    }
}
