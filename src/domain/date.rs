//! Calendar dates and UTC timestamps, without a time-zone database.
//!
//! carecheck only needs whole days (due dates, evidence dates) and UTC instants (when an answer
//! changed). Both are small enough to do exactly with the civil-calendar algorithms of Howard
//! Hinnant, which keeps a date crate out of the dependency tree.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i64,
}

impl Date {
    /// The date for year, month (1–12) and day, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            days: days_from_civil(i64::from(year), month, day),
        })
    }

    /// Parses `YYYY-MM-DD` with a four-digit year.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = i32::try_from(digits(0..4)?).ok()?;
        Date::from_ymd(year, digits(5..7)?, digits(8..10)?)
    }

    /// Reads a date as a person in the UK types it: `15/09/2025`, `15/9/2025`, `15-09-2025`,
    /// `15.09.2025`, `15 Sep 2025`, `15 September 2025`, or the ISO `2025-09-15`. Day first,
    /// always (the UK order); the year must have four digits, so `15/09/25` is refused rather
    /// than guessed. `None` when it is not a real date.
    pub fn parse_input(text: &str) -> Option<Date> {
        let text = text.trim();
        if let Some(date) = Date::parse(text) {
            return Some(date);
        }
        let parts: Vec<&str> = text
            .split(['/', '-', '.', ' ', ','])
            .filter(|p| !p.is_empty())
            .collect();
        let [day, month, year] = parts[..] else {
            return None;
        };
        let number = |part: &str, max_len: usize| -> Option<u32> {
            (!part.is_empty() && part.len() <= max_len && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())?
        };
        let day = number(day.trim_end_matches(ORDINAL_SUFFIXES), 2)?;
        let month = number(month, 2).or_else(|| month_from_name(month))?;
        if year.len() != 4 {
            return None;
        }
        let year = i32::try_from(number(year, 4)?).ok()?;
        Date::from_ymd(year, month, day)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days - self.days
    }

    /// The date as people in the UK write it: 30/06/2026.
    pub fn uk(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d:02}/{m:02}/{y:04}")
    }

    /// Seconds since 1970-01-01T00:00Z at the start of this day (UTC).
    pub fn unix_midnight(self) -> i64 {
        self.days * 86_400
    }

    pub fn add_days(self, days: i64) -> Date {
        Date {
            days: self.days + days,
        }
    }

    /// The same day `months` later, clamped to the end of a shorter month (31 Jan + 1 = 28/29 Feb).
    pub fn add_months(self, months: u32) -> Date {
        let (y, m, d) = self.ymd();
        let total = i64::from(y) * 12 + i64::from(m - 1) + i64::from(months);
        let year = i32::try_from(total.div_euclid(12)).unwrap_or(i32::MAX);
        let month = u32::try_from(total.rem_euclid(12)).unwrap_or(0) + 1;
        let day = d.min(days_in_month(year, month));
        Date {
            days: days_from_civil(i64::from(year), month, day),
        }
    }
}

/// How to write a date, for prompts and messages.
pub const DATE_HINT: &str = "DD/MM/YYYY";

/// "1st", "2nd", "3rd", "15th": the suffix a typed day may carry.
const ORDINAL_SUFFIXES: &[char] = &['s', 't', 'n', 'd', 'r', 'h'];

/// A month from its English name or its first three letters, any case.
fn month_from_name(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let name = name.to_ascii_lowercase();
    if name.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| {
        *m == name
            || (name.len() == 3 && m.starts_with(&name))
            || (name == "sept" && *m == "september")
    })?;
    u32::try_from(index + 1).ok()
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a YYYY-MM-DD date")))
    }
}

/// An instant in UTC to the second, written `YYYY-MM-DDTHH:MM:SSZ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    secs: i64,
}

impl Timestamp {
    pub fn now() -> Timestamp {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        Timestamp { secs }
    }

    pub fn from_unix(secs: i64) -> Timestamp {
        Timestamp { secs }
    }

    pub fn unix(self) -> i64 {
        self.secs
    }

    pub fn date(self) -> Date {
        Date {
            days: self.secs.div_euclid(86_400),
        }
    }

    /// The date and time as people in the UK read them: 28/11/2026 14:05 UTC.
    pub fn uk(self) -> String {
        format!("{} UTC", self.uk_without_zone())
    }

    /// The same without the zone, where the page says once that times are UTC: 28/11/2026 14:05.
    pub fn uk_without_zone(self) -> String {
        let secs_of_day = self.secs.rem_euclid(86_400);
        format!(
            "{} {:02}:{:02}",
            self.date().uk(),
            secs_of_day / 3600,
            secs_of_day % 3600 / 60
        )
    }

    pub fn parse(text: &str) -> Option<Timestamp> {
        let (date, time) = text.strip_suffix('Z')?.split_once('T')?;
        let date = Date::parse(date)?;
        let mut parts = time.split(':').map(|p| {
            (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<i64>().ok())
                .flatten()
        });
        let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
        if parts.next().is_some() || h > 23 || m > 59 || s > 60 {
            return None;
        }
        Some(Timestamp {
            secs: date.days * 86_400 + h * 3600 + m * 60 + s,
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs_of_day = self.secs.rem_euclid(86_400);
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            self.date(),
            secs_of_day / 3600,
            secs_of_day % 3600 / 60,
            secs_of_day % 60
        )
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a UTC timestamp")))
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (i32::try_from(year).unwrap_or(i32::MAX), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_is_shown_the_uk_way() {
        let at = Timestamp::parse("2026-11-28T09:05:59Z").expect("timestamp");
        assert_eq!(at.uk(), "28/11/2026 09:05 UTC");
    }

    #[test]
    fn dates_are_read_the_way_people_write_them() {
        let expected = Date::from_ymd(2025, 9, 15);
        for typed in [
            "15/09/2025",
            "15/9/2025",
            " 15/09/2025 ",
            "15-09-2025",
            "15.09.2025",
            "2025-09-15",
            "15 Sep 2025",
            "15 sep 2025",
            "15 September 2025",
            "15th September 2025",
            "15 Sept 2025",
        ] {
            assert_eq!(Date::parse_input(typed), expected, "{typed}");
        }
        assert_eq!(
            Date::parse_input("1/2/2026"),
            Date::from_ymd(2026, 2, 1),
            "day first"
        );
    }

    #[test]
    fn impossible_or_ambiguous_dates_are_refused() {
        for typed in [
            "31/02/2026",
            "15/13/2025",
            "15/09/25",
            "09/15/2025",
            "15 Sexember 2025",
            "soon",
            "",
            "15/09",
            "15//2025",
            "1/2/3/2026",
            "+1/02/2026",
        ] {
            assert_eq!(Date::parse_input(typed), None, "{typed}");
        }
    }

    #[test]
    fn dates_round_trip_through_text() {
        for text in ["1970-01-01", "2000-02-29", "2026-06-30", "2099-12-31"] {
            assert_eq!(
                Date::parse(text).map(|d| d.to_string()).as_deref(),
                Some(text)
            );
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        for text in [
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "26-06-30",
            "2026-6-30",
            "2026-06-3x",
            "+026-06-30",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn months_are_added_with_clamping() {
        let d = Date::parse("2026-01-31").expect("valid");
        assert_eq!(d.add_months(1).to_string(), "2026-02-28");
        assert_eq!(d.add_months(12).to_string(), "2027-01-31");
        assert_eq!(d.add_months(37).to_string(), "2029-02-28");
    }

    #[test]
    fn timestamps_round_trip_and_know_their_day() {
        let t = Timestamp::parse("2026-11-28T14:10:56Z").expect("valid");
        assert_eq!(t.to_string(), "2026-11-28T14:10:56Z");
        assert_eq!(t.date().to_string(), "2026-11-28");
        assert_eq!(Timestamp::from_unix(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp::parse("2026-11-28T24:00:00Z"), None);
        assert_eq!(Timestamp::parse("2026-11-28 14:10:56"), None);
    }

    #[test]
    fn day_numbers_match_the_calendar_far_from_today() {
        // Known day numbers (days since 1970-01-01), either side of the epoch and of the
        // 400-year eras the civil algorithms work in: a round trip alone would accept two
        // matching mistakes.
        for (text, days) in [
            ("1970-01-01", 0),
            ("1969-12-31", -1),
            ("2000-03-01", 11_017),
            ("2024-02-29", 19_782),
            ("2026-11-28", 20_785),
            ("1900-03-01", -25_508),
            ("1600-02-29", -135_081),
            ("1599-12-31", -135_141),
            ("0001-01-01", -719_162),
            ("9999-12-31", 2_932_896),
        ] {
            let date = Date::parse(text).expect("valid");
            assert_eq!(date.days, days, "{text}");
            assert_eq!(Date { days }.to_string(), text, "{days}");
            assert_eq!(date.unix_midnight(), days * 86_400, "{text}");
        }
    }

    #[test]
    fn leap_years_follow_the_century_rules() {
        for text in ["2024-02-29", "2000-02-29", "1600-02-29"] {
            assert!(Date::parse(text).is_some(), "{text}");
        }
        for text in ["1900-02-29", "2100-02-29", "2026-02-29", "2027-02-29"] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
        for text in ["2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31"] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
        for text in ["2026-01-31", "2026-03-31", "2026-12-31", "2026-04-30"] {
            assert!(Date::parse(text).is_some(), "{text}");
        }
    }

    #[test]
    fn days_are_counted_and_added_both_ways() {
        let today = Date::parse("2026-11-28").expect("valid");
        let deadline = Date::parse("2027-06-30").expect("valid");
        assert_eq!(today.days_until(deadline), 214);
        assert_eq!(deadline.days_until(today), -214);
        assert_eq!(today.days_until(today), 0);
        assert_eq!(today.add_days(3).to_string(), "2026-12-01");
        assert_eq!(today.add_days(-28).to_string(), "2026-10-31");
        assert_eq!(today.add_days(0), today);
        let leap = Date::parse("2024-02-29").expect("valid");
        assert_eq!(leap.add_months(12).to_string(), "2025-02-28");
        assert_eq!(leap.add_months(48).to_string(), "2028-02-29");
        assert_eq!(today.add_months(0), today);
        assert_eq!(today.add_months(2).to_string(), "2027-01-28");
    }

    #[test]
    fn only_iso_dates_are_stored_dates() {
        for text in ["2026/06/30", "2026-06/30", "2026/06-30", "2026-06-30 "] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
        assert_eq!(
            Date::parse_input("2026/06/30"),
            None,
            "year first is ISO only"
        );
        assert_eq!(
            Date::parse_input("1 Ma 2026"),
            None,
            "two letters is no month"
        );
        assert_eq!(
            Date::parse_input("1st Jun 2026"),
            Date::from_ymd(2026, 6, 1)
        );
        assert_eq!(
            Date::parse_input("3rd december 2026"),
            Date::from_ymd(2026, 12, 3)
        );
        assert_eq!(Date::parse_input("3 decem 2026"), None, "a cut name");
        assert_eq!(Date::parse_input("3 12 20260"), None);
        assert_eq!(Date::parse_input("123/12/2026"), None);
    }

    #[test]
    fn timestamps_keep_every_second_and_refuse_impossible_times() {
        let last = Timestamp::parse("2026-11-28T23:59:59Z").expect("valid");
        assert_eq!(last.unix(), 20_785 * 86_400 + 86_399);
        assert_eq!(last.uk_without_zone(), "28/11/2026 23:59");
        assert_eq!(last.date().to_string(), "2026-11-28");
        assert_eq!(
            Timestamp::parse("1970-01-02T01:02:03Z").map(Timestamp::unix),
            Some(86_400 + 3_723)
        );
        assert!(
            Timestamp::parse("2026-12-31T23:59:60Z").is_some(),
            "leap second"
        );
        for text in [
            "2026-11-28T12:60:00Z",
            "2026-11-28T12:00:61Z",
            "2026-11-28T12:00:00:00Z",
            "2026-11-28T12:00Z",
            "2026-11-28T1:00:00Z",
        ] {
            assert_eq!(Timestamp::parse(text), None, "{text}");
        }
        let before_1970 = Timestamp::from_unix(-1);
        assert_eq!(before_1970.to_string(), "1969-12-31T23:59:59Z");
        assert_eq!(before_1970.uk(), "31/12/1969 23:59 UTC");
    }

    #[test]
    fn every_day_for_centuries_round_trips() {
        let start = Date::parse("1900-01-01").expect("valid");
        for offset in 0..(365 * 300) {
            let d = start.add_days(offset);
            let (y, m, day) = d.ymd();
            assert_eq!(Date::from_ymd(y, m, day), Some(d));
        }
    }
}
