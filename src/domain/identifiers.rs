//! The shapes of the identifiers a provider is known by (ODS code, CQC provider and location
//! IDs, ICO registration number) and the one check of a whole profile, which every door (the
//! CLI's `carecheck profile`, the TUI's profile form, a checklist answer that asks for the ICO
//! number) calls, so a value refused in one is refused in all.

use super::assessment::Profile;
use super::date::Date;

/// An identifier on the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identifier {
    Ods,
    CqcProvider,
    CqcLocation,
    Ico,
}

impl Identifier {
    pub const ALL: [Identifier; 4] = [
        Identifier::Ods,
        Identifier::CqcProvider,
        Identifier::CqcLocation,
        Identifier::Ico,
    ];

    /// What it is called, as on the pack's cover and `carecheck profile`.
    pub fn label(self) -> &'static str {
        match self {
            Identifier::Ods => "ODS code",
            Identifier::CqcProvider => "CQC provider ID",
            Identifier::CqcLocation => "CQC location ID",
            Identifier::Ico => "ICO registration",
        }
    }

    /// The identifier a checklist answer labelled `label` asks for, if it is one of these (DSPT
    /// 1.1.1 asks for the ICO registration number).
    pub fn asked_by(label: &str) -> Option<Identifier> {
        label
            .to_ascii_lowercase()
            .contains("ico registration number")
            .then_some(Identifier::Ico)
    }

    /// The profile's value of this identifier.
    pub fn in_profile(self, profile: &Profile) -> Option<&str> {
        match self {
            Identifier::Ods => profile.ods_code.as_deref(),
            Identifier::CqcProvider => profile.cqc_provider_id.as_deref(),
            Identifier::CqcLocation => profile.cqc_location_id.as_deref(),
            Identifier::Ico => profile.ico_registration.as_deref(),
        }
    }

    /// What it is, mid-sentence ("an ODS code").
    pub fn what(self) -> &'static str {
        match self {
            Identifier::Ods => "an ODS code",
            Identifier::CqcProvider => "a CQC provider ID",
            Identifier::CqcLocation => "a CQC location ID",
            Identifier::Ico => "an ICO registration number",
        }
    }

    /// How it is written, for the user.
    pub fn form(self) -> &'static str {
        match self {
            Identifier::Ods => "3 to 6 letters and digits, e.g. VNABC",
            Identifier::CqcProvider => "1- then digits, e.g. 1-101234567",
            Identifier::CqcLocation => "1- then digits, e.g. 1-987654321",
            Identifier::Ico => "Z followed by seven letters or digits, e.g. ZA123456",
        }
    }

    /// Whether `value` (already normalised: no spaces, capitals) has this identifier's shape.
    fn fits(self, value: &str) -> bool {
        match self {
            // NHS England's Organisation Data Service gives codes of 3 to 6 letters and digits
            // (3 for a trust, 5 for a trust's site, 6 for a GP practice); care providers
            // registered for the DSPT are given 5-character codes such as VNABC or 8J123. The
            // ODS pages describe codes by organisation type and publish no single pattern, so
            // any 3 to 6 letters and digits are taken.
            Identifier::Ods => {
                (3..=6).contains(&value.len()) && value.chars().all(|c| c.is_ascii_alphanumeric())
            }
            // CQC's public register and its API write provider and location IDs as "1-" and
            // then digits (1-101234567, 1-1234567890: nine to eleven digits in the published
            // data). CQC publishes no length, so 6 to 12 digits are taken.
            Identifier::CqcProvider | Identifier::CqcLocation => {
                value.strip_prefix("1-").is_some_and(|d| {
                    (6..=12).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
                })
            }
            // The ICO's register of fee payers shows registration references of eight
            // characters starting with Z: Z and seven digits for older entries (Z3121457), Z,
            // a letter and six digits for newer ones (ZA242346).
            Identifier::Ico => ico_fits(value),
        }
    }

    /// The value as its register writes it (no spaces, capital letters), or why it has not
    /// the shape: "`12345` does not look like an ICO registration number (Z followed by …)",
    /// as a checklist answer's value is told.
    pub fn check(self, text: &str) -> Result<String, String> {
        let value = normalise(text);
        if self.fits(&value) {
            Ok(value)
        } else {
            Err(format!(
                "`{}` does not look like {} ({})",
                crate::text::one_line(text.trim()),
                self.what(),
                self.form()
            ))
        }
    }
}

/// No spaces, capital letters: how the registers write an identifier.
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether a normalised ICO registration number has the register's shape (see
/// [`Identifier::Ico`]); also the rule for a checklist answer that asks for one.
pub fn ico_fits(value: &str) -> bool {
    value.len() == 8
        && value.starts_with('Z')
        && value
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// A profile field a check refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The field's name as on the cover ("ICO registration", "Period").
    pub field: &'static str,
    pub why: String,
}

/// `profile` with each identifier written as its register writes it, or the first field whose
/// value does not fit (an identifier of the wrong shape, a period that ends before it starts).
pub fn checked(mut profile: Profile) -> Result<Profile, Refused> {
    for id in Identifier::ALL {
        let slot = match id {
            Identifier::Ods => &mut profile.ods_code,
            Identifier::CqcProvider => &mut profile.cqc_provider_id,
            Identifier::CqcLocation => &mut profile.cqc_location_id,
            Identifier::Ico => &mut profile.ico_registration,
        };
        if let Some(text) = slot.take().filter(|t| !t.trim().is_empty()) {
            *slot = Some(id.check(&text).map_err(|why| Refused {
                field: id.label(),
                why,
            })?);
        }
    }
    if let (Some(start), Some(end)) = (profile.period_start, profile.period_end)
        && start > end
    {
        return Err(Refused {
            field: PERIOD,
            why: period_backwards(start, end),
        });
    }
    Ok(profile)
}

/// The period's name as a field.
pub const PERIOD: &str = "Period";

fn period_backwards(start: Date, end: Date) -> String {
    format!(
        "the period assessed starts ({}) after it ends ({})",
        start.uk(),
        end.uk()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_identifier_takes_its_published_shape_and_refuses_others() {
        let cases: [(Identifier, &[&str], &[&str]); 4] = [
            (
                Identifier::Ods,
                &["VNABC", "8j123", "RJ1", "A81001"],
                &["!!", "AB", "ABCDEFG", "AB-12"],
            ),
            (
                Identifier::CqcProvider,
                &["1-101234567", "1-1234567890"],
                &["12", "101234567", "1-12", "2-101234567", "1-10123456X"],
            ),
            (Identifier::CqcLocation, &["1- 987654321"], &["1-"]),
            (
                Identifier::Ico,
                &["ZA123456", "Z3121457", "za 123456"],
                &["12345", "ZA12345", "ZA1234567", "AB123456", "ZA12-456"],
            ),
        ];
        for (id, good, bad) in cases {
            for g in good {
                assert!(id.check(g).is_ok(), "{id:?} {g}");
            }
            for b in bad {
                assert_eq!(
                    id.check(b),
                    Err(format!(
                        "`{b}` does not look like {} ({})",
                        id.what(),
                        id.form()
                    )),
                    "{id:?}"
                );
            }
        }
        assert_eq!(Identifier::Ico.check(" za 123456 "), Ok("ZA123456".into()));
    }

    #[test]
    fn a_profile_is_checked_field_by_field_and_its_period_in_order() {
        let ok = Profile {
            ods_code: Some("vnabc".into()),
            ico_registration: Some("ZA123456".into()),
            cqc_location_id: Some(" ".into()),
            ..Profile::default()
        };
        let fixed = checked(ok).expect("fits");
        assert_eq!(fixed.ods_code.as_deref(), Some("VNABC"));
        assert_eq!(fixed.cqc_location_id, None);
        let bad = Profile {
            cqc_provider_id: Some("12".into()),
            ..Profile::default()
        };
        assert_eq!(
            checked(bad),
            Err(Refused {
                field: "CQC provider ID",
                why: "`12` does not look like a CQC provider ID (1- then digits, e.g. 1-101234567)"
                    .into()
            })
        );
        let backwards = Profile {
            period_start: Date::from_ymd(2026, 4, 1),
            period_end: Date::from_ymd(2025, 3, 31),
            ..Profile::default()
        };
        assert_eq!(
            checked(backwards).map_err(|r| r.why),
            Err("the period assessed starts (01/04/2026) after it ends (31/03/2025)".into())
        );
    }
}
