//! The duties calendar (`carecheck export --calendar`): every dated duty as an all-day event in
//! iCalendar (RFC 5545), with an alarm ahead of it, for Outlook, Google Calendar or Apple
//! Calendar. The only user of the icalendar crate.
//!
//! Each event's UID is derived from the assessment and the duty's kind and subject, never its
//! date or words, so importing a newer file updates events instead of duplicating them.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, EventStatus};

use crate::domain::date::{Date, Timestamp};
use crate::duties::Duty;
use crate::text::{multi_line, one_line};

/// Whose duties a calendar holds: one assessment's, or several (a roll-up).
pub struct CalendarFor<'a> {
    /// The assessment's id: part of every UID.
    pub assessment_id: &'a str,
    /// "Organisation · site", shown with each event so a consultant's calendar tells clients apart.
    pub name: &'a str,
    pub duties: &'a [Duty],
}

/// Settings for the whole file.
pub struct CalendarOptions {
    /// Days before each duty that the calendar's alarm goes off; `None` for no alarm.
    pub alarm_days: Option<u32>,
    /// When the file is made (its DTSTAMP): the clock carecheck works on, so tests can set it.
    pub made: Timestamp,
}

/// The calendar as text (CRLF line endings, folded as RFC 5545 asks).
pub fn write(title: &str, assessments: &[CalendarFor], options: &CalendarOptions) -> String {
    // Built from empty: the crate's defaults name the crate as the producer, and its NAME
    // property is written without RFC 5545's escaping.
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", prodid().as_str()))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .append_property(("X-WR-CALNAME", one_line(title).as_ref()));
    for a in assessments {
        for duty in a.duties {
            calendar.push(event(a, duty, options));
        }
    }
    calendar.done().to_string()
}

fn prodid() -> String {
    format!("-//carecheck//carecheck {}//EN", env!("CARGO_PKG_VERSION"))
}

fn event(a: &CalendarFor, duty: &Duty, options: &CalendarOptions) -> Event {
    let mut description = format!("{}\n{}", a.name, duty.detail);
    if let Some(owner) = &duty.owner {
        description.push_str(&format!("\nOwner: {owner}"));
    }
    let summary = format!("{} ({})", duty.title, a.name);
    let mut event = Event::new();
    event
        .uid(&uid(a.assessment_id, duty))
        .timestamp(utc(options.made))
        .summary(&one_line(&summary))
        .description(&multi_line(&description))
        .starts(naive(duty.date))
        .ends(naive(duty.date.add_days(1)))
        .status(EventStatus::Confirmed)
        .add_property("CATEGORIES", "carecheck")
        // A duty is a reminder, not a meeting: it should not show the day as busy.
        .add_property("TRANSP", "TRANSPARENT");
    if let Some(days) = options.alarm_days {
        let mut alarm = Alarm::display(&one_line(&duty.title), -TimeDelta::days(i64::from(days)));
        // Set, so the crate does not stamp the real clock and a random UID into every export.
        alarm
            .uid(&format!("alarm-{}", uid(a.assessment_id, duty)))
            .timestamp(utc(options.made));
        event.alarm(alarm);
    }
    event.done()
}

/// A UID that stays the same for the same duty of the same assessment: a digest, so nothing a
/// user typed (an item id, a supplier's name) can break the line or the property.
fn uid(assessment_id: &str, duty: &Duty) -> String {
    let digest = crate::digest::sha256_hex(format!("{assessment_id}\n{}", duty.key()).as_bytes());
    format!("{}@carecheck", &digest[..32])
}

fn naive(date: Date) -> NaiveDate {
    let (year, month, day) = date.ymd();
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

fn utc(at: Timestamp) -> DateTime<Utc> {
    DateTime::from_timestamp(at.unix(), 0).unwrap_or_default()
}
