//! The organisation profile: identifiers and scope printed on the evidence pack's cover.
//! Set with `carecheck new` or later with `carecheck profile`, which records the change in
//! the journal like any other.

use std::io::Write;
use std::process::ExitCode;

use super::{CommandResult, Context, Failure, Target, parse_date};
use crate::domain::assessment::{Event, Profile};
use crate::domain::date::Date;
use crate::text::one_line;
use crate::workspace::Access;

/// The profile flags shared by `carecheck new` and `carecheck profile`. An empty value ("")
/// clears a field.
#[derive(Debug, Default, clap::Args)]
pub struct ProfileArgs {
    /// The organisation's ODS code (the code used to log in to the DSPT).
    #[arg(long = "ods", value_name = "CODE")]
    pub ods: Option<String>,
    /// The CQC provider ID (for example 1-101234567).
    #[arg(long = "cqc-provider", value_name = "ID")]
    pub cqc_provider: Option<String>,
    /// The CQC location ID of the site (for example 1-987654321).
    #[arg(long = "cqc-location", value_name = "ID")]
    pub cqc_location: Option<String>,
    /// The ICO registration number (for example ZA123456).
    #[arg(long = "ico", value_name = "NUMBER")]
    pub ico: Option<String>,
    /// The postal address.
    #[arg(long, value_name = "TEXT")]
    pub address: Option<String>,
    /// A site this assessment covers (repeat for several; replaces the list). "" clears it.
    #[arg(long = "covers", value_name = "SITE")]
    pub covers: Vec<String>,
    /// The first day of the period assessed (YYYY-MM-DD).
    #[arg(long = "period-start", value_name = "DATE", value_parser = parse_date)]
    pub period_start: Option<Date>,
    /// The last day of the period assessed (YYYY-MM-DD).
    #[arg(long = "period-end", value_name = "DATE", value_parser = parse_date)]
    pub period_end: Option<Date>,
}

impl ProfileArgs {
    /// `profile` with every field given on the command line changed, the rest kept; refused
    /// when an identifier has not its register's shape or the period ends before it starts.
    pub fn applied_to(&self, profile: &Profile) -> Result<Profile, Failure> {
        let set = |field: &Option<String>, old: &Option<String>| match field {
            None => old.clone(),
            Some(v) => Some(v.trim().to_owned()).filter(|v| !v.is_empty()),
        };
        let mut next = Profile {
            ods_code: set(&self.ods, &profile.ods_code),
            cqc_provider_id: set(&self.cqc_provider, &profile.cqc_provider_id),
            cqc_location_id: set(&self.cqc_location, &profile.cqc_location_id),
            ico_registration: set(&self.ico, &profile.ico_registration),
            address: set(&self.address, &profile.address),
            sites_covered: profile.sites_covered.clone(),
            period_start: self.period_start.or(profile.period_start),
            period_end: self.period_end.or(profile.period_end),
        };
        if !self.covers.is_empty() {
            next.sites_covered = self
                .covers
                .iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect();
        }
        // The same check as the TUI's profile form: identifiers in their registers' shapes, a
        // period in order.
        crate::domain::identifiers::checked(next).map_err(|refused| Failure {
            message: format!("{}: {}", refused.field, refused.why),
            code: 2,
        })
    }

    fn is_empty(&self) -> bool {
        self.ods.is_none()
            && self.cqc_provider.is_none()
            && self.cqc_location.is_none()
            && self.ico.is_none()
            && self.address.is_none()
            && self.covers.is_empty()
            && self.period_start.is_none()
            && self.period_end.is_none()
    }
}

/// `carecheck profile`: shows the profile, or changes the fields given.
pub fn run(
    ctx: &Context,
    target: &Target,
    args: &ProfileArgs,
    out: &mut dyn Write,
) -> CommandResult {
    let access = if args.is_empty() {
        Access::Read
    } else {
        Access::Write
    };
    let mut loaded = ctx.workspace.load(target.assessment.as_deref(), access)?;
    let details = loaded.open.assessment.details.clone();
    if !args.is_empty() {
        let profile = args.applied_to(&details.profile)?;
        if profile != *details.profile {
            let by = ctx.who(details.assessor.as_deref());
            let changed = crate::domain::assessment::Details {
                profile: Box::new(profile),
                ..details.clone()
            };
            loaded.record(Event::DetailsChanged { details: changed }, ctx.now, by)?;
        }
    }
    print(&loaded.open.assessment.details.profile, out)?;
    Ok(ExitCode::SUCCESS)
}

fn print(profile: &Profile, out: &mut dyn Write) -> Result<(), Failure> {
    let show = |v: &Option<String>| {
        v.as_deref()
            .map_or_else(|| "not recorded".to_owned(), |t| one_line(t).into_owned())
    };
    let date = |d: Option<Date>| d.map_or("not recorded".to_owned(), Date::uk);
    writeln!(out, "ODS code:          {}", show(&profile.ods_code))?;
    writeln!(out, "CQC provider ID:   {}", show(&profile.cqc_provider_id))?;
    writeln!(out, "CQC location ID:   {}", show(&profile.cqc_location_id))?;
    writeln!(
        out,
        "ICO registration:  {}",
        show(&profile.ico_registration)
    )?;
    writeln!(out, "Address:           {}", show(&profile.address))?;
    let sites: Vec<String> = profile
        .sites_covered
        .iter()
        .map(|s| one_line(s).into_owned())
        .collect();
    writeln!(
        out,
        "Sites covered:     {}",
        if sites.is_empty() {
            "not recorded".to_owned()
        } else {
            sites.join("; ")
        }
    )?;
    writeln!(
        out,
        "Period assessed:   {} to {}",
        date(profile.period_start),
        date(profile.period_end)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_fields_change_blank_ones_clear_and_the_rest_stay() {
        let before = Profile {
            ods_code: Some("VN1".into()),
            ico_registration: Some("ZA1".into()),
            sites_covered: vec!["Leeds".into()],
            ..Profile::default()
        };
        let args = ProfileArgs {
            ods: Some(" VN2 ".into()),
            ico: Some(String::new()),
            ..ProfileArgs::default()
        };
        let after = args.applied_to(&before).expect("valid");
        assert_eq!(after.ods_code.as_deref(), Some("VN2"));
        assert_eq!(after.ico_registration, None);
        assert_eq!(after.sites_covered, ["Leeds"]);
        let backwards = ProfileArgs {
            period_start: Date::parse("2026-07-01"),
            period_end: Date::parse("2026-06-30"),
            ..ProfileArgs::default()
        };
        assert!(backwards.applied_to(&before).is_err());
    }
}
