//! A phone number someone will ring from a printed card at 3 a.m.: checked when it is
//! entered, kept and printed in its spaced form ("0113 496 0000"), and never a scrap of text
//! such as "0161 49" or "ask reception".
//!
//! Accepted: UK numbers with their area or service code (geographic 01 and 02, non-geographic
//! 03, 05, 08 and 09, mobiles 07), the short codes carecheck's incidents use (999, 112, 101,
//! 105, 111, 119, 159, 7726, and the 116 helplines), and international numbers written with
//! `+` (a UK one, +44, is checked like a UK number).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Shown in every refusal: one number of each kind a user is likely to mean.
pub const EXAMPLES: &str = "a UK number with its area code (0113 496 0000), a mobile (07700 900123), a short code (999, 101, 111, 159) or an international number starting with + (+33 1 23 45 67 89)";

/// Short codes that are whole numbers on their own.
const SHORT_CODES: [&str; 8] = ["999", "112", "101", "105", "111", "119", "159", "7726"];

/// A checked phone number, in its spaced form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Phone(String);

impl Phone {
    /// Reads a number as someone types it: spaces, hyphens, dots and brackets around the digits
    /// are allowed ("(0113) 496-0000"), and "00" before a country code means "+".
    pub fn parse(text: &str) -> Result<Phone, String> {
        let refuse = |why: &str| {
            Err(format!(
                "`{}` is not a phone number carecheck can print: {why}; give {EXAMPLES}",
                crate::text::one_line(text.trim())
            ))
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return refuse("it is empty");
        }
        let mut digits = String::new();
        let mut plus = false;
        for (i, c) in trimmed.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => plus = true,
                ' ' | '-' | '.' | '(' | ')' | '\u{A0}' => {}
                _ => {
                    return refuse(
                        "only digits, spaces and a leading + belong in a number (put notes such as hours or extensions in the notes)",
                    );
                }
            }
        }
        if !plus && let Some(rest) = digits.strip_prefix("00") {
            plus = true;
            digits = rest.to_owned();
        }
        if plus {
            return match digits.strip_prefix("44") {
                Some(national) => {
                    let national = national.strip_prefix('0').unwrap_or(national);
                    match uk(&format!("0{national}")) {
                        Some(spaced) => Ok(Phone(format!("+44 {}", &spaced[1..]))),
                        None => refuse("a UK number after +44 needs 9 or 10 digits"),
                    }
                }
                None if (7..=15).contains(&digits.len()) && !digits.starts_with('0') => {
                    Ok(Phone(international(trimmed)))
                }
                None => refuse("an international number has 7 to 15 digits after the +"),
            };
        }
        if SHORT_CODES.contains(&digits.as_str()) {
            return Ok(Phone(digits));
        }
        if digits.len() == 6 && digits.starts_with("116") {
            return Ok(Phone(format!("116 {}", &digits[3..])));
        }
        if !digits.starts_with('0') {
            return refuse("a UK number starts with 0 and its area or service code");
        }
        match uk(&digits) {
            Some(spaced) => Ok(Phone(spaced)),
            None => refuse(match digits.len() {
                0..=9 => "it is too short for a UK number (they have 10 or 11 digits)",
                10 | 11 => "no UK number starts that way",
                _ => "it is too long for a UK number (they have 10 or 11 digits)",
            }),
        }
    }

    /// The first phone number in free text ("0345 609 0000 (24/7), or email help@..."), with
    /// the rest of the text: how supplier support details written before numbers were checked
    /// are split into a number and a note.
    pub fn find_in(text: &str) -> Option<(Phone, String)> {
        let start = text.find(|c: char| c.is_ascii_digit() || c == '+')?;
        let tail = &text[start..];
        // The longest run of number characters that reads as a number.
        let run_end = tail
            .char_indices()
            .find(|(i, c)| {
                !(c.is_ascii_digit()
                    || matches!(c, ' ' | '-' | '(' | ')' | '\u{A0}')
                    || (*i == 0 && *c == '+'))
            })
            .map_or(tail.len(), |(i, _)| i);
        let run = &tail[..run_end];
        let ends: Vec<usize> = run
            .char_indices()
            .filter(|(_, c)| c.is_ascii_digit())
            .map(|(i, _)| i + 1)
            .collect();
        for &end in ends.iter().rev() {
            if let Ok(phone) = Phone::parse(&run[..end]) {
                let before = text[..start]
                    .trim_end()
                    .trim_end_matches([',', ';', ':', '-']);
                let after = tail[end..]
                    .trim_start()
                    .trim_start_matches([',', ';', ':', '-']);
                let rest = [before.trim(), after.trim()]
                    .into_iter()
                    .filter(|part| !part.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                return Some((phone, rest));
            }
        }
        None
    }

    /// The spaced form: "0113 496 0000".
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The spaced form with no-break spaces, so that a layout keeps it on one line.
    pub fn unbroken(&self) -> String {
        self.0.replace(' ', "\u{A0}")
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Phone {
    type Err = String;
    fn from_str(text: &str) -> Result<Phone, String> {
        Phone::parse(text)
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Phone, D::Error> {
        let text = String::deserialize(d)?;
        Phone::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A UK national number (digits, leading 0) in its spaced form, or `None` if no UK number
/// is written that way.
fn uk(digits: &str) -> Option<String> {
    let d = digits;
    let groups: &[usize] = match (d.len(), d.as_bytes().get(1).copied()) {
        // 020 7946 0000, 023, 024, 028, 029.
        (11, Some(b'2')) => &[3, 4, 4],
        // 0113 496 0000 and 0121 496 0000: the big cities' codes.
        (11, Some(b'1')) if d.as_bytes()[2] == b'1' || d.as_bytes()[3] == b'1' => &[4, 3, 4],
        // 01632 960000: other areas.
        (11, Some(b'1')) => &[5, 6],
        // 016977 2345: the few areas with ten-digit numbers.
        (10, Some(b'1')) => &[5, 5],
        // 07700 900123: mobiles and personal numbers.
        (11, Some(b'7')) => &[5, 6],
        // 0300 123 2040, 0800 800 1234, 0500, 0845, 0871, 0909.
        (11, Some(b'3' | b'5' | b'8' | b'9')) => &[4, 3, 4],
        // 0800 800 154: ten-digit freephone and 0500 numbers.
        (10, Some(b'8' | b'5')) if d.starts_with("0800") || d.starts_with("0500") => &[4, 3, 3],
        // Childline's 0800 1111.
        (8, _) if d == "08001111" => &[4, 4],
        _ => return None,
    };
    let mut out = String::new();
    let mut at = 0;
    for (i, len) in groups.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&d[at..at + len]);
        at += len;
    }
    Some(out)
}

/// An international number as written, its separators made single spaces: "+33 1 23 45 67 89".
fn international(text: &str) -> String {
    let text = text.trim();
    let text = text
        .strip_prefix("00")
        .map_or_else(|| text.to_owned(), |rest| format!("+{}", rest.trim_start()));
    text.split([' ', '-', '.', '(', ')', '\u{A0}'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spaced(text: &str) -> String {
        Phone::parse(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .to_string()
    }

    #[test]
    fn every_kind_of_number_is_kept_in_its_spaced_form() {
        for (typed, kept) in [
            ("01134960000", "0113 496 0000"),
            ("(0113) 496-0000", "0113 496 0000"),
            ("0121 496 0000", "0121 496 0000"),
            ("020 7946 0000", "020 7946 0000"),
            ("02079460000", "020 7946 0000"),
            ("01632 960000", "01632 960000"),
            ("016977 2345", "01697 72345"),
            ("07700900123", "07700 900123"),
            ("0300 123 2040", "0300 123 2040"),
            ("03000 616161", "0300 061 6161"),
            ("0345 609 0000", "0345 609 0000"),
            ("0800 800 154", "0800 800 154"),
            ("08088 010 191", "0808 801 0191"),
            ("0800 1111", "0800 1111"),
            ("999", "999"),
            ("101", "101"),
            ("111", "111"),
            ("159", "159"),
            ("7726", "7726"),
            ("116123", "116 123"),
            ("+44 113 496 0000", "+44 113 496 0000"),
            ("+44 (0)113 496 0000", "+44 113 496 0000"),
            ("+33 1 23 45 67 89", "+33 1 23 45 67 89"),
            ("0033 1-23-45-67-89", "+33 1 23 45 67 89"),
        ] {
            assert_eq!(spaced(typed), kept, "{typed}");
            assert_eq!(spaced(kept), kept, "the spaced form reads back as itself");
        }
    }

    #[test]
    fn scraps_and_notes_are_refused_with_an_example() {
        for (typed, why) in [
            ("0161 49", "too short"),
            ("ask reception", "only digits"),
            ("0345 609 0000 (24/7)", "only digits"),
            ("0113 496 0000 ext 12", "only digits"),
            ("1234", "starts with 0"),
            ("0113 496 00000", "too long"),
            ("0413 496 0000", "no UK number starts that way"),
            ("+44 113", "after +44"),
            ("+1 23", "7 to 15 digits"),
            ("", "empty"),
        ] {
            let err = Phone::parse(typed).expect_err(typed);
            assert!(err.contains(why), "{typed}: {err}");
            assert!(
                err.ends_with(&format!("give {EXAMPLES}")),
                "{typed}: the refusal gives examples: {err}"
            );
        }
    }

    #[test]
    fn a_number_is_found_in_free_support_text() {
        let found = |t: &str| Phone::find_in(t).map(|(p, rest)| (p.to_string(), rest));
        assert_eq!(
            found("0113 496 0000 (24/7)"),
            Some(("0113 496 0000".into(), "(24/7)".into()))
        );
        assert_eq!(
            found("Service desk: 0345 609 0000, option 2"),
            Some(("0345 609 0000".into(), "Service desk, option 2".into()))
        );
        assert_eq!(found("help@acme.example"), None);
        assert_eq!(found("ask reception"), None);
    }

    #[test]
    fn a_number_reads_back_from_a_save_and_refuses_a_scrap() {
        let phone: Phone = serde_json::from_str("\"01134960000\"").expect("reads");
        assert_eq!(
            serde_json::to_string(&phone).expect("writes"),
            "\"0113 496 0000\""
        );
        assert!(serde_json::from_str::<Phone>("\"ask reception\"").is_err());
        assert_eq!(
            Phone::parse("0300 123 2040").expect("ok").unbroken(),
            "0300\u{A0}123\u{A0}2040"
        );
    }
}
