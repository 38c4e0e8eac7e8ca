//! The time carecheck works at. Always the real clock, except that tests (and anyone checking
//! how an assessment will look on a later day) can set `CARECHECK_TODAY=YYYY-MM-DD`: every
//! outcome that depends on a date (ages of values, reviews due, deadlines) is then judged on
//! that day. The time of day stays real, so changes made in one run keep their order.

use crate::domain::date::{Date, Timestamp};

/// The variable that sets the day, documented in the README for testing.
pub const TODAY_VARIABLE: &str = "CARECHECK_TODAY";

/// Now, on the day `CARECHECK_TODAY` names if it is set to a valid date.
pub fn now() -> Timestamp {
    let real = Timestamp::now();
    let Some(day) = std::env::var(TODAY_VARIABLE)
        .ok()
        .and_then(|text| Date::parse(text.trim()))
    else {
        return real;
    };
    let seconds_into_day = real.unix().rem_euclid(86_400);
    Timestamp::from_unix(day.unix_midnight() + seconds_into_day)
}
